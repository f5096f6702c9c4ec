/**
 * Electronic supervision for staff: the live warnings board, and supervision orders
 * (issue, respond, close 办结销号, escalate) with their audit trail. Inspectors read
 * everything and act on orders; department staff see and answer their own; the public
 * sees none of it. Writes under `/api/v1/supervision`, reads under `/api/v1/staff`.
 */
import { Hono } from 'hono';
import { idSchema, parseWith } from '../../domain/schemas.js';
import { platform } from '../../platform.js';
import {
  close,
  escalate,
  issue,
  listOrders,
  orderDetail,
  respond,
  visibleOrder,
} from '../../usecases/supervision/orders.js';
import { warningsBoard } from '../../usecases/supervision/warnings.js';
import { warningsCsv } from '../../usecases/supervision/warnings-csv.js';
import { type AuthEnv, principalOf, requireStaff } from '../auth.js';
import { csvResponse, wantsCsv } from '../csv.js';
import { jsonBody, queryOf } from '../validation.js';
import {
  closeBody,
  escalateBody,
  issueBody,
  ordersQuery,
  respondBody,
  warningsQuery,
} from './supervision-schemas.js';

export const supervisionStaffRoutes = new Hono<AuthEnv>()
  .get('/staff/warnings', requireStaff('inspector', 'office', 'department'), async (c) => {
    const q = queryOf(c, warningsQuery);
    const board = await warningsBoard(platform(), principalOf(c), {
      level: q.level,
      departmentId: q.departmentId,
      district: q.district,
      minAgeDays: q.minAgeDays === undefined ? undefined : Number(q.minAgeDays),
      limit: Number(q.limit ?? (wantsCsv(c) ? 1000 : 100)),
      offset: Number(q.offset ?? 0),
    });
    if (wantsCsv(c)) {
      const csv = warningsCsv(board);
      return csvResponse(c, csv.filename, csv.header, csv.rows);
    }
    return c.json(board);
  })
  .post('/supervision/orders', requireStaff('inspector'), async (c) => {
    const body = await jsonBody(c, issueBody);
    return c.json(await issue(platform(), principalOf(c), body), 201);
  })
  .get('/staff/supervision/orders', requireStaff('inspector', 'office', 'department'), async (c) => {
    const q = queryOf(c, ordersQuery);
    const page = await listOrders(platform(), principalOf(c), {
      status: q.status,
      departmentId: q.departmentId,
      limit: Number(q.limit ?? 50),
      cursor: q.cursor,
    });
    return c.json(page);
  })
  .get('/staff/supervision/orders/:id', requireStaff('inspector', 'office', 'department'), async (c) => {
    const id = parseWith(idSchema, c.req.param('id'), 'order id');
    const { order, audit } = await orderDetail(platform(), principalOf(c), id);
    return c.json({ ...order, audit });
  })
  .post('/supervision/orders/:id/respond', requireStaff('department'), async (c) => {
    const id = parseWith(idSchema, c.req.param('id'), 'order id');
    // Another department's order is a 403 whatever the body (authorisation before validation).
    await visibleOrder(platform(), principalOf(c), id);
    const body = await jsonBody(c, respondBody);
    return c.json(await respond(platform(), principalOf(c), id, body.note));
  })
  .post('/supervision/orders/:id/close', requireStaff('inspector'), async (c) => {
    const id = parseWith(idSchema, c.req.param('id'), 'order id');
    const body = await jsonBody(c, closeBody);
    return c.json(await close(platform(), principalOf(c), id, body.outcome));
  })
  .post('/supervision/orders/:id/escalate', requireStaff('inspector'), async (c) => {
    const id = parseWith(idSchema, c.req.param('id'), 'order id');
    const body = await jsonBody(c, escalateBody);
    return c.json(await escalate(platform(), principalOf(c), id, body));
  });
