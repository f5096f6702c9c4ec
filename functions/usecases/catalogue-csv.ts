/**
 * Bulk catalogue import and export as CSV for the efficiency office: one row per limit
 * version (`code,name,departmentId,kind,statutoryDays,promisedDays,effectiveFrom`), so
 * a round trip keeps the history of reforms. Import validates each row on its own.
 */
import { parse } from 'csv-parse/sync';
import * as z from 'zod/mini';
import { EARLIEST, limitProblems } from '../domain/catalogue.js';
import { restoreCsvText } from '../domain/csv.js';
import { dateSchema, describeIssues, idSchema } from '../domain/schemas.js';
import type { Platform } from '../platform.js';

export const CATALOGUE_COLUMNS = [
  'code',
  'name',
  'departmentId',
  'kind',
  'statutoryDays',
  'promisedDays',
  'effectiveFrom',
];
export const MAX_IMPORT_ROWS = 2000;

const rowSchema = z.object({
  code: idSchema,
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  departmentId: idSchema,
  kind: z.optional(z.enum(['service', 'hotline', ''])),
  statutoryDays: z.string().check(z.regex(/^\d{1,4}$/, 'expected a whole number')),
  promisedDays: z.string().check(z.regex(/^\d{1,4}$/, 'expected a whole number')),
  effectiveFrom: z.optional(z.union([dateSchema, z.literal('')])),
});

export interface ImportRowResult {
  line: number;
  code: string;
  status: 'created' | 'updated' | 'rejected';
  error?: string;
}

export async function exportCatalogue(p: Platform): Promise<unknown[][]> {
  const rows: unknown[][] = [];
  const page = await p.catalogue.listServices({ limit: 1000 });
  for (const s of page.items) {
    const found = await p.catalogue.getService(s.code);
    for (const l of found?.limits ?? []) {
      rows.push([
        s.code,
        s.name,
        s.departmentId,
        s.kind ?? 'service',
        l.statutoryDays,
        l.promisedDays,
        l.effectiveFrom,
      ]);
    }
  }
  return rows;
}

/** Parse CSV text into records; a malformed file is one problem, not a crash. */
export function parseCatalogueCsv(text: string): { records: Record<string, string>[] } | { error: string } {
  try {
    const records = parse(text, {
      columns: true,
      bom: true,
      skip_empty_lines: true,
      trim: true,
      // Our own export prefixes formula-like cells with ' (see api/csv.ts): a round trip keeps names.
      cast: (value: string) => restoreCsvText(value),
    }) as Record<string, string>[];
    return { records };
  } catch (err) {
    return { error: `The CSV could not be read: ${(err as Error).message}` };
  }
}

export async function importCatalogue(
  p: Platform,
  records: Record<string, string>[],
): Promise<ImportRowResult[]> {
  const results: ImportRowResult[] = [];
  const departments = new Set((await p.catalogue.listDepartments()).map((d) => d.id));
  for (const [i, record] of records.entries()) {
    const line = i + 2;
    const parsed = z.safeParse(rowSchema, record);
    if (!parsed.success) {
      results.push({
        line,
        code: String(record.code ?? ''),
        status: 'rejected',
        error: describeIssues(parsed.error).join('; '),
      });
      continue;
    }
    const r = parsed.data;
    const statutoryDays = Number(r.statutoryDays);
    const promisedDays = Number(r.promisedDays);
    const problems = limitProblems(statutoryDays, promisedDays);
    if (!departments.has(r.departmentId)) problems.push(`unknown department ${r.departmentId}`);
    if (problems.length) {
      results.push({ line, code: r.code, status: 'rejected', error: problems.join('; ') });
      continue;
    }
    const status = await p.catalogue.putService(
      {
        code: r.code,
        name: r.name,
        departmentId: r.departmentId,
        kind: r.kind === 'hotline' ? 'hotline' : 'service',
      },
      { effectiveFrom: r.effectiveFrom || EARLIEST, statutoryDays, promisedDays },
    );
    results.push({ line, code: r.code, status });
  }
  return results;
}
