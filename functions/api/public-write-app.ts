/**
 * Public writes: ratings (with a case's rating token) and critiques. Rate-limited per
 * token and per client. Runs as the `public-write` function in AWS.
 */
import { Hono } from 'hono';
import { createApp } from './app-factory.js';
import { open311App } from './open311/app.js';
import { critiquesSubmitRoutes } from './routes/critiques-submit.js';
import { ratingsPublicRoutes } from './routes/ratings-public.js';

/** The group's routes without the app-level middleware. */
export const publicWriteRoutes = new Hono()
  .route('/api/v1', ratingsPublicRoutes)
  .route('/api/v1', critiquesSubmitRoutes)
  .route('/open311/v2', open311App);

export const publicWriteApp = createApp().route('/', publicWriteRoutes);
