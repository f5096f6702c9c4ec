/**
 * Public reads (no login): health, catalogue, curves, calendar, the OpenAPI document.
 * Runs as the read-only `public-read` function in AWS.
 */
import { Hono } from 'hono';
import { createApp } from './app-factory.js';
import { openApiDocument } from './openapi.js';
import { calendarPublicRoutes } from './routes/calendar-public.js';
import { cataloguePublicRoutes } from './routes/catalogue-public.js';
import { critiquesPublicRoutes } from './routes/critiques-public.js';
import { healthRoutes } from './routes/health.js';
import { rankingsPublicRoutes } from './routes/rankings-public.js';
import { ratingsReadRoutes } from './routes/ratings-read.js';

/** The group's routes without the app-level middleware (mounted locally beside the others). */
export const publicReadRoutes = new Hono()
  .route('/', healthRoutes)
  .get('/api/v1/openapi.json', (c) => c.json(openApiDocument()))
  .route('/api/v1', cataloguePublicRoutes)
  .route('/api/v1', rankingsPublicRoutes)
  .route('/api/v1', calendarPublicRoutes)
  .route('/api/v1', ratingsReadRoutes)
  .route('/api/v1', critiquesPublicRoutes);

export const publicReadApp = createApp().route('/', publicReadRoutes);
