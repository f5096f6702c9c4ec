/**
 * The pages of good/bad reviews, registered with the site through `sitePages`, one
 * file per flow: the rater's rating page and feedback (rate-routes.tsx), the printable
 * QR receipt (receipt-routes.tsx), the window rating device 评价器 (device-routes.tsx), and the staff console — the bad-review inbox and
 * detail with its follow-up forms (review-routes.tsx), the office's appeals queue
 * (appeal-routes.tsx) and the per-window / per-staff figures, 评价到人
 * (attribution-routes.tsx). The public satisfaction panels are in panels.tsx.
 */
import type { Hono } from 'hono';
import { staffLinks } from '../../staff-nav.js';
import { registerAppealPages } from './appeal-routes.js';
import { registerAssistedPage } from './assisted-routes.js';
import { registerAttributionPage } from './attribution-routes.js';
import { registerDevicePages } from './device-routes.js';
import { registerRatePages } from './rate-routes.js';
import { registerReceiptPage } from './receipt-routes.js';
import { registerReviewPages } from './review-routes.js';

staffLinks.push(
  { href: '/staff/reviews', label: 'navBadReviews', roles: ['department', 'office', 'inspector'] },
  { href: '/staff/appeals', label: 'navAppeals', roles: ['office'] },
  { href: '/staff/ratings', label: 'navAttribution', roles: ['department', 'office', 'inspector'] },
);

/** Every page of ratings, in the order they were registered before the split. */
export function registerRatingPages(app: Hono): void {
  registerDevicePages(app);
  registerRatePages(app);
  registerReceiptPage(app);
  registerReviewPages(app);
  registerAppealPages(app);
  registerAssistedPage(app);
  registerAttributionPage(app);
}
