/**
 * Public reads (no login): health, catalogue, curves, calendar, the OpenAPI document.
 * Runs as the read-only `public-read` function in AWS.
 */
import { Hono } from 'hono';
import { createApp } from './app-factory.js';
import { openApiDocument } from './openapi.js';
import { calendarPublicRoutes } from './routes/calendar.js';
import { cataloguePublicRoutes } from './routes/catalogue-public.js';
import { healthRoutes } from './routes/health.js';

/** The group's routes without the app-level middleware (mounted locally beside the others). */
export const publicReadRoutes = new Hono()
  .route('/', healthRoutes)
  .get('/api/v1/openapi.json', (c) => c.json(openApiDocument))
  .route('/api/v1', cataloguePublicRoutes)
  .route('/api/v1', calendarPublicRoutes);

export const publicReadApp = createApp().route('/', publicReadRoutes);
