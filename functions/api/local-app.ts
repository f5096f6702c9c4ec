/**
 * Every API group in one Hono app, as `npm start` and the integration tests serve it.
 * In AWS each group is its own function behind the HTTP API; locally the same route
 * groups are mounted side by side under one set of app-level middleware.
 */
import type { Hono } from 'hono';
import { createApp } from './app-factory.js';
import { publicReadRoutes } from './public-read-app.js';
import { publicWriteRoutes } from './public-write-app.js';
import { staffRoutes } from './staff-app.js';

export function createApiApp(extra?: (app: Hono) => void): Hono {
  const app = createApp();
  app.route('/', staffRoutes as unknown as Hono);
  app.route('/', publicWriteRoutes);
  app.route('/', publicReadRoutes);
  extra?.(app);
  return app;
}
