/**
 * Staff and system routes, every one behind a verified JWT (and, in AWS, the HTTP
 * API's JWT authorizer too). Runs as the `staff` function in AWS.
 */
import { Hono } from 'hono';
import { createApp } from './app-factory.js';
import type { AuthEnv } from './auth.js';
import { calendarStaffRoutes } from './routes/calendar.js';
import { casesStaffRoutes } from './routes/cases-staff.js';
import { catalogueStaffRoutes } from './routes/catalogue-staff.js';
import { critiquesStaffRoutes } from './routes/critiques-staff.js';
import { rankingsStaffRoutes } from './routes/rankings-staff.js';
import { ratingsStaffRoutes } from './routes/ratings-staff.js';
import { reportsStaffRoutes } from './routes/reports-staff.js';
import { supervisionStaffRoutes } from './routes/supervision-staff.js';

/** The group's routes without the app-level middleware. */
export const staffRoutes = new Hono<AuthEnv>()
  .route('/api/v1', catalogueStaffRoutes)
  .route('/api/v1', casesStaffRoutes)
  .route('/api/v1', rankingsStaffRoutes)
  .route('/api/v1', supervisionStaffRoutes)
  .route('/api/v1', reportsStaffRoutes)
  .route('/api/v1', calendarStaffRoutes)
  .route('/api/v1', ratingsStaffRoutes)
  .route('/api/v1', critiquesStaffRoutes);

export const staffApp = createApp<AuthEnv>().route('/', staffRoutes);
