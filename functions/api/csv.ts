/**
 * CSV responses: the text of `functions/domain/csv.ts` (Excel-friendly, formula-safe) as
 * an attachment with a file name that works for any name (RFC 6266), and whether a
 * request asked for CSV.
 */
import type { Context } from 'hono';
import { toCsv } from '../domain/csv.js';
import { attachmentDisposition } from './content-disposition.js';

/** A CSV attachment: Excel-friendly text (`toCsv`) under `filename`. */
export function csvResponse(c: Context, filename: string, header: string[], rows: unknown[][]): Response {
  c.header('content-type', 'text/csv; charset=utf-8');
  c.header('content-disposition', attachmentDisposition(filename));
  return c.body(toCsv(header, rows));
}

/** `?format=csv` or an `Accept: text/csv` header asks for CSV. */
export function wantsCsv(c: Context): boolean {
  return c.req.query('format') === 'csv' || (c.req.header('accept') ?? '').includes('text/csv');
}
