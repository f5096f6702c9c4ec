/**
 * Supervision orders in the console: the list `/staff/orders` with the inspector's form
 * to issue one, an order's page `/staff/orders/:id` with its audit trail, and the forms
 * to respond (the department), close or escalate (the inspector) — the same use cases
 * as `/api/v1/supervision/orders…`, their forms checked with the API's very schemas.
 */
import type { Context, Hono } from 'hono';
import {
  closeBody,
  escalateBody,
  issueBody,
  respondBody,
} from '../../../functions/api/routes/supervision-schemas.js';
import type { Role } from '../../../functions/domain/identity.js';
import { isRefusal } from '../../../functions/domain/refusal.js';
import { isId, parseWith } from '../../../functions/domain/schemas.js';
import { platform } from '../../../functions/platform.js';
import { close, escalate, issue, respond } from '../../../functions/usecases/supervision/orders.js';
import { formOf } from '../../page-guard.js';
import { type StaffEnv, staffOnly } from '../../staff-gate.js';
import type { IssueValues } from './OrderPages.js';
import { orderPage, ordersPage } from './order-pages.js';

const READERS = ['inspector', 'office', 'department'] as const;

/** A form's text fields, trimmed. */
const trimmed = (form: Record<string, string>) =>
  Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v.trim()])) as Record<
    string,
    string | undefined
  >;

/** What an order's form does, who may do it, and with which fields of the form. */
const ORDER_ACTIONS: Record<
  'respond' | 'close' | 'escalate',
  {
    roles: Role[];
    run: (c: Context<StaffEnv>, id: string, f: Record<string, string | undefined>) => Promise<unknown>;
  }
> = {
  respond: {
    roles: ['department'],
    run: (c, id, f) =>
      respond(platform(), c.var.staff, id, parseWith(respondBody, { note: f.note ?? '' }).note),
  },
  close: {
    roles: ['inspector'],
    run: (c, id, f) =>
      close(platform(), c.var.staff, id, parseWith(closeBody, { outcome: f.outcome ?? '' }).outcome),
  },
  escalate: {
    roles: ['inspector'],
    run: (c, id, f) =>
      escalate(
        platform(),
        c.var.staff,
        id,
        parseWith(escalateBody, { note: f.note ?? '', deadline: f.deadline ?? '' }),
      ),
  },
};

export function registerOrderPages(app: Hono): void {
  app.get('/staff/orders', staffOnly(...READERS), (c) =>
    ordersPage(c, c.var, {
      targetType: c.req.query('targetType'),
      targetId: c.req.query('targetId')?.slice(0, 64),
    }),
  );

  app.post('/staff/orders', staffOnly('inspector'), async (c) => {
    const f = trimmed(await formOf(c));
    const values: IssueValues = {
      targetType: f.targetType,
      targetId: f.targetId,
      departmentId: f.departmentId || undefined,
      title: f.title,
      instructions: f.instructions,
      deadline: f.deadline,
    };
    try {
      const body = parseWith(issueBody, {
        targetType: values.targetType ?? '',
        targetId: values.targetId ?? '',
        ...(values.departmentId ? { departmentId: values.departmentId } : {}),
        title: values.title ?? '',
        instructions: values.instructions ?? '',
        deadline: values.deadline ?? '',
      });
      const order = await issue(platform(), c.var.staff, body);
      return c.redirect(`/staff/orders/${encodeURIComponent(order.id)}`, 303);
    } catch (err) {
      if (!isRefusal(err)) throw err;
      return ordersPage(c, c.var, values, err);
    }
  });

  app.get('/staff/orders/:id', staffOnly(...READERS), (c) => orderPage(c, c.var));

  for (const [action, { roles, run }] of Object.entries(ORDER_ACTIONS)) {
    app.post(`/staff/orders/:id/${action}`, staffOnly(...roles), async (c) => {
      const id = c.req.param('id');
      if (!isId(id)) return orderPage(c, c.var);
      try {
        await run(c, id, trimmed(await formOf(c)));
        return c.redirect(`/staff/orders/${encodeURIComponent(id)}`, 303);
      } catch (err) {
        if (!isRefusal(err)) throw err;
        return orderPage(c, c.var, err);
      }
    });
  }
}
