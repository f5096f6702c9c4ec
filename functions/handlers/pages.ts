/**
 * The `pages` function: the site's dynamic pages that cannot be static files — the
 * rating form and receipt behind a case's token, a critique's tracking page and the
 * find-fault forms, and the staff consoles — rendered by the same Hono components as
 * the static site and the local server.
 */

import { mountSite } from '../../web/site-app.js';
import { createApp } from '../api/app-factory.js';
import { httpHandler } from './http-handler.js';

const app = createApp();
mountSite(app);

export const handler = httpHandler(app);
