/**
 * The `pages` function: the site's dynamic pages that cannot be static files — the
 * rating form and receipt behind a case's token, a critique's tracking page and the
 * find-fault forms, the staff consoles and their OpenID Connect sign-in — rendered by the
 * same Hono components as the static site and the local server.
 */

import { mountStaffSignIn } from '../../web/oidc/routes.js';
import { mountSite } from '../../web/site-app.js';
import { createApp } from '../api/app-factory.js';
import { httpHandler } from './http-handler.js';

const app = createApp();
// Staff sign-in (OpenID Connect) first: it answers before any console asks who is signed in.
mountStaffSignIn(app);
mountSite(app);

export const handler = httpHandler(app);
