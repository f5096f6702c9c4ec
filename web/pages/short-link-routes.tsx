/**
 * `GET /s/:code`: the short link an alert's SMS carries (one 70-character segment has no
 * room for a console URL) redirects to the page of the item the alert is about; the
 * console asks the reader to sign in there. An unknown code is the site's 404 page. The
 * redirect is kept by no cache, so an expired code stops working at the edge too.
 */
import type { Hono } from 'hono';
import { platform } from '../../functions/platform.js';
import { resolveShortLink } from '../../functions/usecases/alerts/short-link.js';
import { html, pageContext } from '../render.js';
import { NotFoundPage } from './NotFoundPage.js';

export function registerShortLinkPages(app: Hono): void {
  app.get('/s/:code', async (c) => {
    const target = await resolveShortLink(platform(), c.req.param('code'));
    if (!target) return html(c, <NotFoundPage ctx={await pageContext(c)} />, 404);
    c.header('cache-control', 'private, no-store');
    c.header('referrer-policy', 'no-referrer');
    return c.redirect(target, 302);
  });
}
