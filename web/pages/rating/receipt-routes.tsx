/**
 * The printable receipt `/receipt/:caseId?t=…` a window hands over: the case and its
 * rating link as a QR code drawn on the server. Only for a link still valid.
 */
import type { Hono } from 'hono';
import { platform } from '../../../functions/platform.js';
import { ratingReceipt } from '../../../functions/usecases/ratings/rater-pages.js';
import { html, pageContext } from '../../render.js';
import { qrDataUri } from './qr.js';
import { ReceiptPage } from './ReceiptPage.js';
import { linkProblemPage } from './rater-page.js';

export function registerReceiptPage(app: Hono): void {
  app.get('/receipt/:caseId', async (c) => {
    let receipt: Awaited<ReturnType<typeof ratingReceipt>>;
    try {
      receipt = await ratingReceipt(platform(), c.req.param('caseId'), c.req.query('t') ?? '');
    } catch (err) {
      const problem = await linkProblemPage(c, err);
      if (problem) return problem;
      throw err;
    }
    return html(
      c,
      <ReceiptPage
        ctx={await pageContext(c)}
        info={receipt.facts}
        ratingUrl={receipt.ratingUrl}
        qr={await qrDataUri(receipt.ratingUrl)}
        validUntil={receipt.validUntil}
      />,
    );
  });
}
