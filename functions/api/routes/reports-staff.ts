/**
 * Supervision reports for a department, a district or the whole city over a month or
 * quarter: JSON, or CSV (`format=csv`, opens cleanly in Excel with Chinese text).
 * Inspectors and the office report on anything, department staff on their own.
 */
import { Hono } from 'hono';
import { reportCsvRows } from '../../domain/supervision/report.js';
import { platform } from '../../platform.js';
import { supervisionReport } from '../../usecases/supervision/reports.js';
import { type AuthEnv, principalOf, requireStaff } from '../auth.js';
import { csvResponse, wantsCsv } from '../csv.js';
import { queryOf } from '../validation.js';
import { reportQuery } from './supervision-schemas.js';

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
