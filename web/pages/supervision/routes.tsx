/**
 * The supervision console pages, registered with the site through `sitePages`, one file
 * per flow: the live warnings board and its CSV (warnings-routes.tsx), supervision
 * orders — list, issue, respond, close, escalate, with the audit trail
 * (order-routes.tsx) — and the printable report with its CSV and JSON downloads
 * (report-routes.tsx). Staff only, behind the staff gate; never rendered to static files.
 */
import type { Hono } from 'hono';
import { staffLinks } from '../../staff-nav.js';
import { registerOrderPages } from './order-routes.js';
import { registerReportPages } from './report-routes.js';
import { registerWarningsPages } from './warnings-routes.js';

staffLinks.push(
  { href: '/staff/warnings', label: 'svWarnings', roles: ['inspector', 'office', 'department'] },
  { href: '/staff/orders', label: 'svOrders', roles: ['inspector', 'office', 'department'] },
  { href: '/staff/reports', label: 'svReports', roles: ['inspector', 'office', 'department'] },
);

export function registerSupervisionPages(app: Hono): void {
  registerWarningsPages(app);
  registerOrderPages(app);
  registerReportPages(app);
}
