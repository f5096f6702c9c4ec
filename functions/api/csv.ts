/**
 * CSV responses that open cleanly in Excel with Chinese text: UTF-8 with a byte-order
 * mark, CRLF line ends, every field quoted where needed by csv-stringify.
 */

import { stringify } from 'csv-stringify/sync';
import type { Context } from 'hono';

export function toCsv(header: string[], rows: unknown[][]): string {
  return `\uFEFF${stringify([header, ...rows], { record_delimiter: '\r\n' })}`;
}

export function csvResponse(c: Context, filename: string, header: string[], rows: unknown[][]): Response {
  c.header('content-type', 'text/csv; charset=utf-8');
  c.header('content-disposition', `attachment; filename="${filename}"`);
  return c.body(toCsv(header, rows));
}

/** `?format=csv` or an `Accept: text/csv` header asks for CSV. */
export function wantsCsv(c: Context): boolean {
  return c.req.query('format') === 'csv' || (c.req.header('accept') ?? '').includes('text/csv');
}
