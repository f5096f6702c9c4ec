/**
 * Supervision reports for a department, a district or the whole city over a month or
 * quarter: JSON, or CSV (`format=csv`, opens cleanly in Excel with Chinese text).
 * Inspectors and the office report on anything, department staff on their own.
 */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { reportCsvRows } from '../../domain/supervision/report.js';
import { platform } from '../../platform.js';
import { supervisionReport } from '../../usecases/supervision/reports.js';
import { type AuthEnv, principalOf, requireStaff } from '../auth.js';
import { csvResponse, wantsCsv } from '../csv.js';
import { queryOf } from '../validation.js';

const reportQuery = z.object({
  scope: z.string().check(z.minLength(1, 'scope is required: department, district or city'), z.maxLength(20)),
  id: z.optional(z.string().check(z.maxLength(64))),
  period: z.string().check(z.minLength(1, 'period is required: YYYY-MM or YYYY-Qn'), z.maxLength(10)),
  format: z.optional(z.enum(['json', 'csv'])),
});

export const reportsStaffRoutes = new Hono<AuthEnv>().get(
  '/staff/reports',
  requireStaff('inspector', 'office', 'department'),
  async (c) => {
    const q = queryOf(c, reportQuery);
    const report = await supervisionReport(platform(), principalOf(c), q);
    if (wantsCsv(c)) {
      const { header, rows } = reportCsvRows(report);
      return csvResponse(c, `report-${report.scope}-${report.id}-${report.period}.csv`, header, rows);
    }
    return c.json(report);
  },
);
