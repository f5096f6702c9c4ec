/**
 * The find-fault window's pages, registered with the site through `sitePages`, one file
 * per flow: the board and lookup by tracking code (board-routes.tsx), the submit form
 * (submit-routes.tsx), the figures and the hall of fame (figures-routes.tsx), a
 * critique's page with the "solved / not solved" form (critique-routes.tsx), and the
 * staff console (staff-routes.tsx) with the office's Open311 keys (key-routes.tsx).
 * Pages call the same use cases as the API.
 */
import type { Hono } from 'hono';
import { staffLinks } from '../../staff-nav.js';
import { registerBoardPages } from './board-routes.js';
import { registerCritiquePage } from './critique-routes.js';
import { registerHallOfFame, registerStatsPage } from './figures-routes.js';
import { registerKeyPages } from './key-routes.js';
import { registerCritiqueStaffPages } from './staff-routes.js';
import { registerSubmitPages } from './submit-routes.js';

staffLinks.push(
  { href: '/staff/critiques', label: 'crStaffNav', roles: ['office', 'inspector', 'department'] },
  { href: '/staff/open311-keys', label: 'crStaffKeysNav', roles: ['office'] },
);

/** Every page of critiques; the fixed paths under /critiques/ come before `/critiques/:code`. */
export function registerCritiquePages(app: Hono): void {
  registerBoardPages(app);
  registerSubmitPages(app);
  registerStatsPage(app);
  registerCritiquePage(app);
  registerHallOfFame(app);
  registerCritiqueStaffPages(app);
  registerKeyPages(app);
}
