/**
 * The demo seed of `npm start`: catalogue, windows, two years of cases, then whatever
 * feature seeds are registered (ratings, critiques, rankings), with a progress bar.
 * Runs once per data folder; a marker item records that it finished.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import cliProgress from 'cli-progress';
import { beijingDate } from '../../../functions/domain/calendar/index.js';
import { buildCase, type CaseRecord } from '../../../functions/domain/cases/case.js';
import type { Platform } from '../../../functions/platform.js';
import { batchWrite, demoCaseItem, demoCases } from './cases.js';
import { DEMO_DEPARTMENTS, DEMO_SERVICES } from './catalogue.js';
import { Random } from './random.js';

const MARKER = { pk: 'SEED', sk: 'demo' };

export interface SeedContext {
  platform: Platform;
  rnd: Random;
  now: Date;
  /** Every demo case as stored. */
  cases: CaseRecord[];
  /** Report progress of a step: done out of total. */
  progress: (step: string, done: number, total: number) => void;
}

/** Feature seeds run after the cases, in registration order. */
export const seedExtensions: { name: string; run: (ctx: SeedContext) => Promise<void> }[] = [];

export async function isSeeded(p: Platform): Promise<boolean> {
  const out = await p.store.doc.send(
    new GetCommand({ TableName: p.store.tableName, Key: MARKER, ConsistentRead: true }),
  );
  return Boolean(out.Item);
}

export async function seedDemo(
  p: Platform,
  options: { interactive?: boolean; log?: (m: string) => void } = {},
) {
  const log = options.log ?? (() => {});
  const bar = new cliProgress.SingleBar(
    {
      format: ' {step} |{bar}| {percentage}% | {value}/{total}',
      hideCursor: true,
      noTTYOutput: !options.interactive,
      notTTYSchedule: 5000,
    },
    cliProgress.Presets.shades_classic,
  );
  let currentStep = '';
  const progress = (step: string, done: number, total: number) => {
    if (step !== currentStep) {
      if (currentStep) bar.stop();
      currentStep = step;
      bar.start(total, done, { step: step.padEnd(12) });
    } else {
      bar.update(done, { step: step.padEnd(12) });
    }
  };
  const now = p.clock.now();
  const rnd = new Random(20261122);
  const calendar = await p.calendar.calendar();
  const today = beijingDate(now);

  for (const d of DEMO_DEPARTMENTS) await p.catalogue.putDepartment({ ...d });
  const windowsByDept = new Map<string, string[]>();
  for (const d of DEMO_DEPARTMENTS) {
    if (d.id === 'hotline') continue;
    const ids = [`${d.id}-w1`, `${d.id}-w2`];
    windowsByDept.set(d.id, ids);
    for (const [i, id] of ids.entries()) {
      await p.catalogue.putWindow({ id, name: `${d.name} ${i + 1}号窗口`, departmentId: d.id });
    }
  }
  for (const s of DEMO_SERVICES) {
    const base = {
      code: s.code,
      name: s.name,
      departmentId: s.departmentId,
      kind: s.kind ?? 'service',
    } as const;
    await p.catalogue.putService(base, {
      effectiveFrom: '1900-01-01',
      statutoryDays: s.statutoryDays,
      promisedDays: s.promisedDays,
    });
    if (s.reform) {
      await p.catalogue.putService(base, {
        effectiveFrom: s.reform.effectiveFrom,
        statutoryDays: s.statutoryDays,
        promisedDays: s.reform.promisedDays,
      });
    }
  }
  const limits = new Map<string, Awaited<ReturnType<typeof p.catalogue.getService>>>();
  for (const s of DEMO_SERVICES) limits.set(s.code, await p.catalogue.getService(s.code));
  const district = new Map<string, string>(DEMO_DEPARTMENTS.map((d) => [d.id, d.district]));

  const inputs = [...demoCases(DEMO_SERVICES, windowsByDept, calendar, now, rnd)];
  const cases: CaseRecord[] = [];
  const items: Record<string, unknown>[] = [];
  for (const { service, input } of inputs) {
    const built = buildCase(input, {
      today,
      departmentId: service.departmentId,
      district: district.get(service.departmentId),
      limits: limits.get(service.code)!.limits,
      calendar,
    });
    if (!built.ok) continue;
    cases.push(built.record);
    items.push(demoCaseItem(built.record, today, calendar));
  }
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  let written = 0;
  const workers = Array.from({ length: 8 }, async () => {
    while (chunks.length) {
      const chunk = chunks.shift()!;
      await batchWrite(p, chunk);
      written += chunk.length;
      progress('cases', written, items.length);
    }
  });
  await Promise.all(workers);

  const ctx: SeedContext = { platform: p, rnd, now, cases, progress };
  for (const ext of seedExtensions) await ext.run(ctx);
  if (currentStep) bar.stop();
  await p.store.doc.send(
    new PutCommand({
      TableName: p.store.tableName,
      Item: { ...MARKER, type: 'seed', at: now.toISOString() },
    }),
  );
  log(
    `Seeded ${DEMO_DEPARTMENTS.length} departments, ${DEMO_SERVICES.length} services, ${cases.length} cases.`,
  );
  return { cases: cases.length };
}
