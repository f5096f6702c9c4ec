/**
 * Staff follow-up of bad reviews. Department staff see and act on their own
 * department's reviews only (another department's: 403); the office and inspectors
 * read every department's; the office lists and rules appeals. Staff-level figures
 * (评价到人) are served here only, never in public.
 */
import { type Context, Hono } from 'hono';
import * as z from 'zod/mini';
import { canSeeDepartment } from '../../domain/identity.js';
import { forbidden } from '../../domain/refusal.js';
import { idSchema, parseWith } from '../../domain/schemas.js';
import { platform } from '../../platform.js';
import { issueChannelKey, listChannelKeys, revokeChannelKey } from '../../usecases/ratings/channel-keys.js';
import { rateAssisted } from '../../usecases/ratings/channel-rating.js';
import { appealsPage, badReviewsPage } from '../../usecases/ratings/console.js';
import {
  actOnReview,
  authoriseReviewAction,
  type FollowUpAction,
  inboxQuerySchema,
  reviewFor,
} from '../../usecases/ratings/follow-up.js';
import { departmentSatisfaction } from '../../usecases/ratings/satisfaction.js';
import { staffReviewView } from '../../usecases/ratings/views.js';
import { type AuthEnv, principalOf, requireStaff } from '../auth.js';
import { jsonBody, queryOf } from '../validation.js';
import { monthRange } from './month-range.js';
import { appealsQuery } from './ratings-schemas.js';

const act = (action: FollowUpAction) => async (c: Context<AuthEnv>) => {
  const caseId = parseWith(idSchema, c.req.param('caseId'), 'case id');
  const who = principalOf(c);
  await authoriseReviewAction(platform(), who, caseId, action);
  const body = await jsonBody(c, z.unknown());
  const rating = await actOnReview(platform(), who, caseId, action, body);
  return c.json(staffReviewView(rating));
};

export const ratingsStaffRoutes = new Hono<AuthEnv>()
  .get('/staff/reviews', requireStaff('department', 'office', 'inspector'), async (c) => {
    const q = queryOf(c, inboxQuerySchema);
    const page = await badReviewsPage(platform(), principalOf(c), {
      departmentId: q.departmentId,
      filter: q.status ?? 'open',
      limit: Number(q.limit ?? 50),
      cursor: q.cursor,
    });
    return c.json({ departmentId: page.departmentId, items: page.items, nextCursor: page.nextCursor });
  })
  .get('/staff/reviews/:caseId', requireStaff('department', 'office', 'inspector'), async (c) => {
    const caseId = parseWith(idSchema, c.req.param('caseId'), 'case id');
    return c.json(staffReviewView(await reviewFor(platform(), principalOf(c), caseId)));
  })
  .post('/staff/reviews/:caseId/callback', requireStaff('department'), act('callback'))
  .post('/staff/reviews/:caseId/rectification', requireStaff('department'), act('rectification'))
  .post('/staff/reviews/:caseId/appeal', requireStaff('department'), act('appeal'))
  .get('/staff/appeals', requireStaff('office'), async (c) => {
    const q = queryOf(c, appealsQuery);
    const page = await appealsPage(platform(), q.status ?? 'pending', {
      limit: Number(q.limit ?? 50),
      cursor: q.cursor,
    });
    return c.json({ items: page.items, nextCursor: page.nextCursor });
  })
  .post('/staff/ratings/assisted', requireStaff('department'), async (c) => {
    const { receipt, created } = await rateAssisted(
      platform(),
      principalOf(c),
      await jsonBody(c, z.unknown()),
    );
    return c.json(receipt, created ? 201 : 200);
  })
  .get('/staff/rating-keys', requireStaff('office'), async (c) =>
    c.json({ items: await listChannelKeys(platform()) }),
  )
  .post('/staff/rating-keys', requireStaff('office'), async (c) =>
    c.json(await issueChannelKey(platform(), principalOf(c), await jsonBody(c, z.unknown())), 201),
  )
  .delete('/staff/rating-keys/:id', requireStaff('office'), async (c) => {
    const id = parseWith(idSchema, c.req.param('id'), 'key id');
    return c.json(await revokeChannelKey(platform(), principalOf(c), id));
  })
  .post('/staff/appeals/:caseId/ruling', requireStaff('office'), act('ruling'))
  .get(
    '/staff/departments/:id/satisfaction',
    requireStaff('department', 'office', 'inspector'),
    async (c) => {
      const id = parseWith(idSchema, c.req.param('id'), 'department id');
      if (!canSeeDepartment(principalOf(c), id))
        throw forbidden('You may only see your own department’s figures.');
      const p = platform();
      const { from, to } = monthRange(c, p.clock.now());
      return c.json(await departmentSatisfaction(p, id, from, to, 'staff'));
    },
  );
