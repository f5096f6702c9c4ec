/**
 * The two pages of supervision orders, shown on a visit and again after a refused form
 * (with the refusal's text and status): the list with the form to issue one, and an
 * order with its audit trail and the forms to respond, close or escalate.
 */
import type { Context } from 'hono';
import { isRefusal, notFound } from '../../../functions/domain/refusal.js';
import { isId } from '../../../functions/domain/schemas.js';
import { ORDER_STATUSES, type OrderStatus } from '../../../functions/domain/supervision/order.js';
import { platform } from '../../../functions/platform.js';
import { departmentDirectory } from '../../../functions/usecases/catalogue/directory.js';
import { listOrders, orderDetail } from '../../../functions/usecases/supervision/orders.js';
import type { PageContext } from '../../components/Layout.js';
import { errorText, pageStatusOf } from '../../error-text.js';
import { html } from '../../render.js';
import type { StaffViewer as Viewer } from '../../staff-gate.js';
import { orRefusalPage } from '../refusal-page.js';
import { type IssueValues, OrderPage, OrdersPage } from './OrderPages.js';
import { pinnedDepartment } from './scope.js';

/** A refusal as a form page shows it, or undefined for a first visit. */
function shown(ctx: PageContext, refused: unknown) {
  return isRefusal(refused)
    ? { message: errorText(ctx.lang, refused, { detail: true }), status: pageStatusOf(refused) }
    : undefined;
}

/** The orders list (by `?status=`, open by default) with the issue form holding `values`. */
export function ordersPage(c: Context, v: Viewer, values: IssueValues, refused?: unknown): Promise<Response> {
  const q = c.req.query('status');
  const status =
    q === 'open' || ORDER_STATUSES.includes(q as OrderStatus) ? (q as OrderStatus | 'open') : 'open';
  const error = shown(v.ctx, refused);
  return orRefusalPage(c, v.ctx, async () => {
    const [list, { names }] = await Promise.all([
      listOrders(platform(), v.staff, { status, departmentId: pinnedDepartment(v.staff), limit: 100 }),
      departmentDirectory(platform()),
    ]);
    return html(
      c,
      <OrdersPage
        ctx={v.ctx}
        orders={list.items}
        status={status}
        departments={names}
        canIssue={v.staff.roles.has('inspector')}
        values={values}
        error={error?.message}
      />,
      error?.status ?? 200,
    );
  });
}

/** The order of the `:id` in the path, with its audit trail (404 page for no such order). */
export function orderPage(c: Context, v: Viewer, refused?: unknown): Promise<Response> {
  const id = c.req.param('id') ?? '';
  const error = shown(v.ctx, refused);
  return orRefusalPage(c, v.ctx, async () => {
    if (!isId(id)) throw notFound(`No supervision order ${id.slice(0, 64)}.`);
    const [{ order, audit }, { names }] = await Promise.all([
      orderDetail(platform(), v.staff, id),
      departmentDirectory(platform()),
    ]);
    return html(
      c,
      <OrderPage
        ctx={v.ctx}
        order={order}
        audit={audit}
        departmentName={names.get(order.departmentId) ?? order.departmentId}
        canRespond={v.staff.departments.has(order.departmentId)}
        canDecide={v.staff.roles.has('inspector')}
        error={error?.message}
      />,
      error?.status ?? 200,
    );
  });
}
