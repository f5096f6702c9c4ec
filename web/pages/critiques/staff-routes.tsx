/**
 * The find-fault window's staff console: the inbox `/staff/critiques` (the office's and
 * inspectors' triage queue, a department's own critiques), a critique's staff page with
 * its action forms, and one plain form post per action — dispatched through the same
 * table as `POST /api/v1/staff/critiques/:code/<action>` (CRITIQUE_ACTION_ROLES says who).
 */
import type { Context, Hono } from 'hono';
import { type CritiqueStatus, STATUSES } from '../../../functions/domain/critiques/model.js';
import { parseTrackingCode } from '../../../functions/domain/critiques/tracking-code.js';
import type { Principal } from '../../../functions/domain/identity.js';
import { isRefusal } from '../../../functions/domain/refusal.js';
import { platform } from '../../../functions/platform.js';
import { allDepartments } from '../../../functions/usecases/catalogue/directory.js';
import { critiqueForStaffView, listCritiquesForStaff } from '../../../functions/usecases/critiques/staff.js';
import {
  actOnCritique,
  CRITIQUE_ACTION_ROLES,
  CRITIQUE_ACTIONS,
} from '../../../functions/usecases/critiques/staff-actions.js';
import type { PageContext } from '../../components/Layout.js';
import { errorText, pageStatusOf, type RefusalStatus } from '../../error-text.js';
import { formOf } from '../../page-guard.js';
import { html } from '../../render.js';
import { staffOnly } from '../../staff-gate.js';
import { badTrackingCode, critiqueMessage } from './message-page.js';
import { StaffCritiquePage, StaffInboxPage } from './StaffPages.js';
import { actionInputFromForm } from './staff-action-form.js';

const READERS = ['office', 'inspector', 'department'] as const;

async function staffDetail(
  c: Context,
  who: Principal,
  ctx: PageContext,
  code: string,
  extra: { saved?: boolean; error?: string; status?: RefusalStatus } = {},
): Promise<Response> {
  const p = platform();
  try {
    const [critique, departments] = await Promise.all([
      critiqueForStaffView(p, who, code),
      allDepartments(p),
    ]);
    return html(
      c,
      <StaffCritiquePage
        ctx={ctx}
        c={critique}
        departments={departments}
        isOffice={who.roles.has('office')}
        isDepartment={who.roles.has('department')}
        saved={extra.saved}
        error={extra.error}
      />,
      extra.status ?? 200,
    );
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return critiqueMessage(c, pageStatusOf(err), errorText(ctx.lang, err, { detail: true }));
  }
}

export function registerCritiqueStaffPages(app: Hono): void {
  app.get('/staff/critiques', staffOnly(...READERS), async (c) => {
    const { staff, ctx } = c.var;
    const asked = c.req.query('status');
    const seesAll = staff.roles.has('office') || staff.roles.has('inspector');
    const status =
      STATUSES.find((s): s is CritiqueStatus => s === asked) ?? (seesAll ? 'submitted' : undefined);
    try {
      const page = await listCritiquesForStaff(platform(), staff, {
        status,
        limit: 50,
        cursor: c.req.query('cursor') || undefined,
      });
      return html(
        c,
        <StaffInboxPage
          ctx={ctx}
          items={page.items}
          status={status}
          seesAll={seesAll}
          nextCursor={page.nextCursor}
        />,
      );
    } catch (err) {
      if (!isRefusal(err)) throw err;
      return critiqueMessage(c, pageStatusOf(err), errorText(ctx.lang, err, { detail: true }));
    }
  });

  app.get('/staff/critiques/:code', staffOnly(...READERS), async (c) => {
    const code = parseTrackingCode(c.req.param('code'));
    if (!code) return badTrackingCode(c);
    return staffDetail(c, c.var.staff, c.var.ctx, code, { saved: c.req.query('saved') === '1' });
  });

  for (const action of CRITIQUE_ACTIONS) {
    app.post(`/staff/critiques/:code/${action}`, staffOnly(...CRITIQUE_ACTION_ROLES[action]), async (c) => {
      const { staff, ctx } = c.var;
      const code = parseTrackingCode(c.req.param('code'));
      if (!code) return badTrackingCode(c);
      try {
        await actOnCritique(platform(), staff, code, action, actionInputFromForm(action, await formOf(c)));
        return c.redirect(`/staff/critiques/${code}?saved=1`, 303);
      } catch (err) {
        if (!isRefusal(err)) throw err;
        const refused = { error: errorText(ctx.lang, err, { detail: true }), status: pageStatusOf(err) };
        return staffDetail(c, staff, ctx, code, refused);
      }
    });
  }
}
