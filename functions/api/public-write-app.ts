/**
 * Public writes: ratings (with a case's rating token) and critiques. Rate-limited per
 * token and per client. Runs as the `public-write` function in AWS.
 */
import { Hono } from 'hono';
import { createApp } from './app-factory.js';

/** The group's routes without the app-level middleware. */
export const publicWriteRoutes = new Hono();

export const publicWriteApp = createApp().route('/', publicWriteRoutes);
