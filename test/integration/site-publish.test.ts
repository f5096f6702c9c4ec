import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish } from '../../functions/handlers/site-publisher.js';
import { seedCatalogue, startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let t: TestPlatform;
const dir = mkdtempSync(path.join(tmpdir(), 'wp-site-'));

beforeAll(async () => {
  t = await startTestPlatform();
  await seedCatalogue(t);
});
afterAll(async () => {
  await t?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('site publisher', () => {
  it('renders the public pages to static files with the same components', async () => {
    process.env.WOODPECKER_SITE_DIR = dir;
    const result = await publish();
    expect(result.files).toBeGreaterThan(5);
    const home = readFileSync(path.join(dir, 'index.html'), 'utf8');
    expect(home.startsWith('<!doctype html>')).toBe(true);
    const service = readFileSync(path.join(dir, 'services', 'FOOD.html'), 'utf8');
    expect(service).toContain('食品经营许可');
    expect(existsSync(path.join(dir, 'departments', 'housing.html'))).toBe(true);
    expect(readFileSync(path.join(dir, 'assets', 'curves.js'), 'utf8').length).toBeGreaterThan(1000);
    expect(existsSync(path.join(dir, 'staff.html'))).toBe(false);
  });
});
