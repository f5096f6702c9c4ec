/**
 * The find-fault window's pages, registered with the site through `sitePages`: the
 * board (`/critiques`, and filtered or further pages at `/critiques/board`), the submit
 * form (`/critiques/new`, GET and a plain POST), lookup by tracking code, a critique's
 * page with the "solved / not solved" form, figures per department, the hall of fame,
 * and the staff console. Pages call the same use cases as the API.
 *
 * The nitpicker's private link is the critique's page with `?key=<private key>`: the
 * submit form redirects there once (the receipt shows the link and the key), and the
 * verdict form needs the key — carried from the link, or typed from the receipt.
 */
import type { Context, Hono } from 'hono';
import { disableSSG } from 'hono/ssg';
import { httpStatusOf } from '../../../functions/api/errors.js';
import { submitterOf } from '../../../functions/api/routes/critiques-client.js';
import { beijingDate } from '../../../functions/domain/calendar/index.js';
import { contactKind } from '../../../functions/domain/critiques/contact.js';
import {
  BOARD_STATUSES,
  type BoardStatus,
  CATEGORIES,
  type Category,
  type CritiqueStatus,
  LIMITS,
  MAX_REPLY_DAYS,
  STATUSES,
} from '../../../functions/domain/critiques/model.js';
import { parseNitpickerKey } from '../../../functions/domain/critiques/nitpicker-key.js';
import { cleanNickname, cleanText } from '../../../functions/domain/critiques/text.js';
import { parseTrackingCode } from '../../../functions/domain/critiques/tracking-code.js';
import type { Principal, Role } from '../../../functions/domain/identity.js';
import { addMonths } from '../../../functions/domain/months.js';
import { Refusal } from '../../../functions/domain/refusal.js';
import { ID_PATTERN, ID_SOURCE } from '../../../functions/domain/schemas.js';
import { platform } from '../../../functions/platform.js';
import { issueApiKey, listApiKeys, revokeApiKey } from '../../../functions/usecases/critiques/api-keys.js';
import {
  grantCritiqueAward,
  hallOfFame,
  leaderboard,
  revokeCritiqueAward,
} from '../../../functions/usecases/critiques/awards.js';
import {
  confirmCritique,
  critiqueBoard,
  critiqueForNitpicker,
  nitpickerPrivateUrl,
} from '../../../functions/usecases/critiques/public.js';
import {
  acceptCritique,
  critiqueForStaffView,
  handBackCritique,
  listCritiquesForStaff,
  markDuplicateCritique,
  rectifyCritique,
  rejectCritique,
  replyToCritique,
  routeCritique,
} from '../../../functions/usecases/critiques/staff.js';
import { critiqueStatsByDepartment } from '../../../functions/usecases/critiques/stats.js';
import { submitCritique } from '../../../functions/usecases/critiques/submit.js';
import { Layout } from '../../components/Layout.js';
import { errorText } from '../../error-text.js';
import { t } from '../../i18n.js';
import { formOf } from '../../page-guard.js';
import { html, pageContext, staffOf } from '../../render.js';
import { staffLinks } from '../../staff-nav.js';
import { BoardPage } from './BoardPage.js';
import { CritiquePage } from './CritiquePage.js';
import { HallOfFamePage } from './HallOfFamePage.js';
import { StaffCritiquePage, StaffInboxPage, StaffKeysPage } from './StaffPages.js';
import { StatsPage } from './StatsPage.js';
import { type SubmitField, SubmitPage, type SubmitValues } from './SubmitPage.js';

staffLinks.push(
  { href: '/staff/critiques', label: 'crStaffNav', roles: ['office', 'inspector', 'department'] },
  { href: '/staff/open311-keys', label: 'crStaffKeysNav', roles: ['office'] },
);

type HtmlStatus = 200 | 400 | 401 | 403 | 404 | 409 | 429;
const ID = ID_PATTERN;
/** A submission's target: `general`, or `department:<id>` / `service:<id>`. */
const TARGET = new RegExp(`^(general)$|^(department|service):(${ID_SOURCE})$`);

const statusOf = (err: Refusal): HtmlStatus =>
  ([400, 401, 403, 404, 409, 429] as const).find((s) => s === httpStatusOf(err.code)) ?? 400;

async function message(c: Context, status: HtmlStatus, text: string) {
  const ctx = await pageContext(c);
  return html(
    c,
    <Layout ctx={ctx} title={t(ctx.lang, 'crBoardTitle')}>
      <h1>{t(ctx.lang, 'crBoardTitle')}</h1>
      <p role="alert">{text}</p>
      <p>
        <a href="/critiques">{t(ctx.lang, 'crBoardTitle')}</a>
      </p>
    </Layout>,
    status,
  );
}

async function board(c: Context, trackError = false) {
  const p = platform();
  const q = c.req.query();
  const filters = {
    status: BOARD_STATUSES.includes(q.status as BoardStatus) ? (q.status as BoardStatus) : undefined,
    category: CATEGORIES.includes(q.category as Category) ? (q.category as Category) : undefined,
    departmentId: q.departmentId && ID.test(q.departmentId) ? q.departmentId : undefined,
    serviceCode: q.serviceCode && ID.test(q.serviceCode) ? q.serviceCode : undefined,
  };
  let page: Awaited<ReturnType<typeof critiqueBoard>>;
  try {
    page = await critiqueBoard(p, { ...filters, limit: 20, cursor: q.cursor || undefined });
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    page = await critiqueBoard(p, { ...filters, limit: 20 });
  }
  const [departments, services] = await Promise.all([
    p.catalogue.listDepartments(),
    p.catalogue.listServices({ limit: 1000 }),
  ]);
  return html(
    c,
    <BoardPage
      ctx={await pageContext(c)}
      rows={page.items}
      nextCursor={page.nextCursor}
      paged={Boolean(q.cursor)}
      filters={filters}
      departments={departments}
      services={services.items}
      trackError={trackError}
    />,
    trackError ? 400 : 200,
  );
}

async function submitForm(
  c: Context,
  values: SubmitValues,
  errors: Partial<Record<SubmitField, string>>,
  status: HtmlStatus,
) {
  const p = platform();
  const [departments, services] = await Promise.all([
    p.catalogue.listDepartments(),
    p.catalogue.listServices({ limit: 1000 }),
  ]);
  return html(
    c,
    <SubmitPage
      ctx={await pageContext(c)}
      departments={departments}
      services={services.items}
      values={values}
      errors={errors}
    />,
    status,
  );
}

async function critiquePage(
  c: Context,
  code: string,
  extra: { key?: string; confirmed?: boolean; error?: string; status?: HtmlStatus } = {},
) {
  try {
    const key = extra.key ?? c.req.query('key');
    const view = await critiqueForNitpicker(platform(), code, key);
    const nitpickerKey = view.key === 'valid' ? parseNitpickerKey(key) : undefined;
    return html(
      c,
      <CritiquePage
        ctx={await pageContext(c)}
        c={view.critique}
        justSubmitted={c.req.query('new') === '1'}
        nitpicker={
          nitpickerKey ? { key: nitpickerKey, url: nitpickerPrivateUrl(code, nitpickerKey) } : undefined
        }
        keyRefused={view.key === 'invalid' && !extra.error}
        confirmed={extra.confirmed}
        error={extra.error}
      />,
      extra.status ?? 200,
    );
  } catch (err) {
    if (err instanceof Refusal && err.code === 'not_found') {
      const ctx = await pageContext(c);
      return message(c, 404, t(ctx.lang, 'crNotFound'));
    }
    throw err;
  }
}

type StaffAction = (
  p: ReturnType<typeof platform>,
  who: Principal,
  code: string,
  form: Record<string, string>,
) => Promise<unknown>;

const STAFF_ACTIONS: Record<string, { roles: Role[]; run: StaffAction }> = {
  accept: { roles: ['office'], run: (p, who, code) => acceptCritique(p, who, code) },
  reject: {
    roles: ['office'],
    run: (p, who, code, f) => rejectCritique(p, who, code, required(f.reason, LIMITS.reason)),
  },
  duplicate: {
    roles: ['office'],
    run: (p, who, code, f) => {
      const original = parseTrackingCode(f.duplicateOf ?? '');
      if (!original)
        throw new Refusal(
          'invalid_request',
          `"${(f.duplicateOf ?? '').slice(0, 40)}" is not a tracking code.`,
        );
      return markDuplicateCritique(p, who, code, original);
    },
  },
  route: {
    roles: ['office'],
    run: (p, who, code, f) => {
      const days = Number(f.replyDays || 5);
      if (!Number.isInteger(days) || days < 1 || days > MAX_REPLY_DAYS) {
        throw new Refusal('invalid_request', `Days to answer must be 1-${MAX_REPLY_DAYS}.`);
      }
      return routeCritique(p, who, code, f.departmentId ?? '', days);
    },
  },
  reply: {
    roles: ['office', 'department'],
    run: (p, who, code, f) => replyToCritique(p, who, code, required(f.text, LIMITS.reply)),
  },
  rectify: {
    roles: ['office', 'department'],
    run: (p, who, code, f) => rectifyCritique(p, who, code, required(f.text, LIMITS.reply)),
  },
  'hand-back': {
    roles: ['department'],
    run: (p, who, code, f) => handBackCritique(p, who, code, required(f.reason, LIMITS.reason)),
  },
  award: {
    roles: ['office'],
    run: (p, who, code, f) => grantCritiqueAward(p, who, code, required(f.citation, LIMITS.citation)),
  },
  'revoke-award': { roles: ['office'], run: (p, who, code) => revokeCritiqueAward(p, who, code) },
};

function required(value: string | undefined, max: number): string {
  const v = cleanText(value ?? '');
  if (!v || v.length > max)
    throw new Refusal('invalid_request', `A text of 1-${max} characters is required.`);
  return v;
}

async function staffDetail(
  c: Context,
  who: Principal,
  code: string,
  extra: { saved?: boolean; error?: string; status?: HtmlStatus } = {},
) {
  const p = platform();
  try {
    const [critique, departments] = await Promise.all([
      critiqueForStaffView(p, who, code),
      p.catalogue.listDepartments(),
    ]);
    return html(
      c,
      <StaffCritiquePage
        ctx={await pageContext(c)}
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
    if (err instanceof Refusal)
      return message(c, statusOf(err), errorText((await pageContext(c)).lang, err, { detail: true }));
    throw err;
  }
}

async function signedIn(c: Context, roles: Role[]): Promise<Principal | Response> {
  const who = await staffOf(c);
  const ctx = await pageContext(c);
  if (!who) return message(c, 401, t(ctx.lang, 'crStaffSignIn'));
  if (!roles.some((r) => who.roles.has(r))) return message(c, 403, t(ctx.lang, 'crStaffForbidden'));
  return who;
}

export function registerCritiquePages(app: Hono): void {
  app.get('/critiques', (c) => board(c));
  app.get('/critiques/board', disableSSG(), (c) => board(c));

  app.get('/critiques/track', disableSSG(), async (c) => {
    const code = parseTrackingCode(c.req.query('code') ?? '');
    return code ? c.redirect(`/critiques/${code}`, 303) : board(c, true);
  });

  app.get('/critiques/new', disableSSG(), (c) => submitForm(c, {}, {}, 200));

  app.post('/critiques/new', async (c) => {
    const ctx = await pageContext(c);
    const { lang } = ctx;
    const f = await formOf(c);
    const values: SubmitValues = {
      category: f.category,
      target: f.target,
      text: f.text,
      nickname: f.nickname,
      contact: f.contact,
      consent: f.consent,
    };
    const errors: Partial<Record<SubmitField, string>> = {};
    if (f.website) return submitForm(c, values, { form: t(lang, 'crErrHoneypot') }, 400);
    if (!CATEGORIES.includes(f.category as Category)) errors.category = t(lang, 'crErrCategory');
    const target = TARGET.exec(f.target || 'general');
    if (!target) errors.target = t(lang, 'crErrTarget');
    const text = cleanText(f.text ?? '');
    if (!text || [...text].length > LIMITS.text) errors.text = t(lang, 'crErrText');
    if (
      f.nickname?.trim() &&
      (!cleanNickname(f.nickname) || [...cleanNickname(f.nickname)!].length > LIMITS.nickname)
    ) {
      errors.nickname = t(lang, 'crErrNickname');
    }
    if (f.contact?.trim() && !contactKind(f.contact)) errors.contact = t(lang, 'crErrContact');
    // PIPL: a contact is kept only with consent to its stated purpose.
    else if (f.contact?.trim() && f.consent !== '1') errors.consent = t(lang, 'crErrConsent');
    if (Object.keys(errors).length) return submitForm(c, values, errors, 400);
    try {
      const out = await submitCritique(
        platform(),
        {
          category: f.category as Category,
          text,
          targetType: target![1] ? 'general' : (target![2] as 'department' | 'service'),
          targetId: target![3],
          nickname: f.nickname,
          contact: f.contact,
        },
        await submitterOf(c, 'web'),
      );
      const key = out.nitpickerKey ? `&key=${out.nitpickerKey}` : '';
      return c.redirect(`/critiques/${out.trackingCode}?new=1${key}`, 303);
    } catch (err) {
      if (!(err instanceof Refusal)) throw err;
      const text =
        err.code === 'rate_limited' ? t(lang, 'crErrRateLimited') : errorText(lang, err, { detail: true });
      return submitForm(c, values, { form: text }, statusOf(err));
    }
  });

  app.get('/critiques/stats', disableSSG(), async (c) => {
    const p = platform();
    const to = beijingDate(p.clock.now()).slice(0, 7);
    const stats = await critiqueStatsByDepartment(p, addMonths(to, -11), to);
    return html(c, <StatsPage ctx={await pageContext(c)} {...stats} />);
  });

  app.get('/critiques/:code', disableSSG(), async (c) => {
    const code = parseTrackingCode(c.req.param('code'));
    if (!code) return message(c, 404, t((await pageContext(c)).lang, 'crTrackBad'));
    if (code !== c.req.param('code')) {
      const search = new URL(c.req.url).search;
      return c.redirect(`/critiques/${code}${search}`, 301);
    }
    return critiquePage(c, code, { confirmed: c.req.query('confirmed') === '1' });
  });

  app.post('/critiques/:code/confirm', async (c) => {
    const code = parseTrackingCode(c.req.param('code'));
    if (!code) return message(c, 404, t((await pageContext(c)).lang, 'crTrackBad'));
    const f = await formOf(c);
    const key = f.key ?? '';
    const verdict = () => {
      if (f.verdict !== 'solved' && f.verdict !== 'not-solved')
        throw new Refusal('invalid_request', 'Choose “solved” or “not solved”.');
      const comment = cleanText(f.comment ?? '').slice(0, LIMITS.comment);
      return { solved: f.verdict === 'solved', ...(comment ? { comment } : {}) };
    };
    try {
      await confirmCritique(platform(), code, key, verdict, await submitterOf(c, 'web'));
      return c.redirect(`/critiques/${code}?key=${parseNitpickerKey(key)}&confirmed=1`, 303);
    } catch (err) {
      if (!(err instanceof Refusal)) throw err;
      const { lang } = await pageContext(c);
      return critiquePage(c, code, {
        key,
        error:
          err.code === 'unauthenticated' ? t(lang, 'crKeyRefused') : errorText(lang, err, { detail: true }),
        status: statusOf(err),
      });
    }
  });

  app.get('/hall-of-fame', async (c) => {
    const p = platform();
    const [awards, leaders] = await Promise.all([hallOfFame(p, { limit: 50 }), leaderboard(p, 50)]);
    return html(c, <HallOfFamePage ctx={await pageContext(c)} awards={awards.items} leaders={leaders} />);
  });

  app.get('/staff/critiques', disableSSG(), async (c) => {
    const who = await signedIn(c, ['office', 'inspector', 'department']);
    if (who instanceof Response) return who;
    const seesAll = who.roles.has('office') || who.roles.has('inspector');
    const q = c.req.query();
    const status = STATUSES.includes(q.status as CritiqueStatus) ? (q.status as CritiqueStatus) : undefined;
    try {
      const page = await listCritiquesForStaff(platform(), who, {
        status: status ?? (seesAll ? 'submitted' : undefined),
        limit: 50,
        cursor: q.cursor || undefined,
      });
      return html(
        c,
        <StaffInboxPage
          ctx={await pageContext(c)}
          items={page.items}
          status={status ?? (seesAll ? 'submitted' : undefined)}
          seesAll={seesAll}
          nextCursor={page.nextCursor}
        />,
      );
    } catch (err) {
      if (err instanceof Refusal)
        return message(c, statusOf(err), errorText((await pageContext(c)).lang, err, { detail: true }));
      throw err;
    }
  });

  app.get('/staff/critiques/:code', disableSSG(), async (c) => {
    const who = await signedIn(c, ['office', 'inspector', 'department']);
    if (who instanceof Response) return who;
    const code = parseTrackingCode(c.req.param('code'));
    if (!code) return message(c, 404, t((await pageContext(c)).lang, 'crTrackBad'));
    return staffDetail(c, who, code, { saved: c.req.query('saved') === '1' });
  });

  app.post('/staff/critiques/:code/:action', async (c) => {
    const action = STAFF_ACTIONS[c.req.param('action')];
    if (!action) return message(c, 404, t((await pageContext(c)).lang, 'errUnknownAction'));
    const who = await signedIn(c, action.roles);
    if (who instanceof Response) return who;
    const code = parseTrackingCode(c.req.param('code'));
    if (!code) return message(c, 404, t((await pageContext(c)).lang, 'crTrackBad'));
    try {
      await action.run(platform(), who, code, await formOf(c));
      return c.redirect(`/staff/critiques/${code}?saved=1`, 303);
    } catch (err) {
      if (!(err instanceof Refusal)) throw err;
      return staffDetail(c, who, code, {
        error: errorText((await pageContext(c)).lang, err, { detail: true }),
        status: statusOf(err),
      });
    }
  });

  app.get('/staff/open311-keys', disableSSG(), async (c) => {
    const who = await signedIn(c, ['office']);
    if (who instanceof Response) return who;
    return html(c, <StaffKeysPage ctx={await pageContext(c)} keys={await listApiKeys(platform())} />);
  });

  app.post('/staff/open311-keys', async (c) => {
    const who = await signedIn(c, ['office']);
    if (who instanceof Response) return who;
    const p = platform();
    const name = cleanText((await formOf(c)).name ?? '');
    if (!name || name.length > 100) {
      return html(
        c,
        <StaffKeysPage
          ctx={await pageContext(c)}
          keys={await listApiKeys(p)}
          error={errorText(
            (await pageContext(c)).lang,
            new Refusal('invalid_request', 'name: 1-100 characters'),
            {
              detail: true,
            },
          )}
        />,
        400,
      );
    }
    const issued = await issueApiKey(p, who, name);
    return html(
      c,
      <StaffKeysPage ctx={await pageContext(c)} keys={await listApiKeys(p)} issued={issued.apiKey} />,
      200,
    );
  });

  app.post('/staff/open311-keys/:id/revoke', async (c) => {
    const who = await signedIn(c, ['office']);
    if (who instanceof Response) return who;
    const p = platform();
    try {
      await revokeApiKey(p, who, c.req.param('id'));
      return c.redirect('/staff/open311-keys', 303);
    } catch (err) {
      if (!(err instanceof Refusal)) throw err;
      return html(
        c,
        <StaffKeysPage
          ctx={await pageContext(c)}
          keys={await listApiKeys(p)}
          error={errorText((await pageContext(c)).lang, err, { detail: true })}
        />,
        statusOf(err),
      );
    }
  });
}
