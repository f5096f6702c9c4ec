/**
 * The ranking pages, registered with the site through `sitePages`, one file per flow:
 * the front page and the method (method-routes.tsx) and the public league tables per
 * scope, period and version with a unit's history (table-routes.tsx) — rendered live
 * locally and to static files by the publisher — and the office's console under
 * `/staff/rankings` (office-routes.tsx: compute, review, publish, discard; never static).
 */
import type { Hono } from 'hono';
import { staffLinks } from '../../staff-nav.js';
import { registerRankingsFront } from './method-routes.js';
import { registerRankingOffice } from './office-routes.js';
import { registerRankingTables } from './table-routes.js';

staffLinks.push({ href: '/staff/rankings', label: 'rkOffice', roles: ['office'] });

/** Every ranking page; `/rankings/method…` comes before `/rankings/:scope…`, which it would match. */
export function registerRankingPages(app: Hono): void {
  registerRankingsFront(app);
  registerRankingOffice(app);
  registerRankingTables(app);
}
