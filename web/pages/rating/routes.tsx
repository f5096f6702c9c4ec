/**
 * The pages of good/bad reviews, registered with the site through `sitePages`:
 * the public rating page `/rate/:caseId?t=…` (a plain form POST to the same path,
 * calling the same use case as `POST /api/v1/ratings`), the rater's feedback on a
 * rectification, the printable QR receipt `/receipt/:caseId?t=…`, and the staff
 * console: the bad-review inbox and detail with its follow-up forms, the office's
 * appeals queue, and the per-window / per-staff figures (评价到人). Also the public
 * satisfaction panels the service and department pages show.
 */
import type { Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { disableSSG } from 'hono/ssg';
import { httpStatusOf } from '../../../functions/api/errors.js';
import { beijingDate } from '../../../functions/domain/calendar/index.js';
import type { Principal, Role } from '../../../functions/domain/identity.js';
import { addMonths } from '../../../functions/domain/months.js';
import { SUB_SCORES, type SubScoreKey } from '../../../functions/domain/ratings/rating.js';
import { Refusal } from '../../../functions/domain/refusal.js';
import { ID_PATTERN } from '../../../functions/domain/schemas.js';
import { platform } from '../../../functions/platform.js';
import { ratingStore } from '../../../functions/store/ratings.js';
import { ratingUrlOf } from '../../../functions/usecases/ingest-cases.js';
import {
  actOnReview,
  type FollowUpAction,
  inboxDepartment,
  reviewFor,
} from '../../../functions/usecases/ratings/follow-up.js';
import { raterStanding, submitFeedback } from '../../../functions/usecases/ratings/rater.js';
import {
  departmentSatisfaction,
  serviceSatisfaction,
} from '../../../functions/usecases/ratings/satisfaction.js';
import { submitRating } from '../../../functions/usecases/ratings/submit-rating.js';
import { raterView, staffReviewView } from '../../../functions/usecases/ratings/views.js';
import type { PageContext } from '../../components/Layout.js';
import { Layout } from '../../components/Layout.js';
import { errorText } from '../../error-text.js';
import { type Lang, langOf, type MessageKey, t } from '../../i18n.js';
import { formOf } from '../../page-guard.js';
import { html, pageContext, staffOf } from '../../render.js';
import { staffLinks } from '../../staff-nav.js';
import { AppealsPage } from './AppealsPage.js';
import { AttributionPage } from './AttributionPage.js';
import { qrDataUri } from './qr.js';
import { type CaseSummary, type RateFormValues, RatePage } from './RatePage.js';
import { type RatingProblem, RatingProblemPage } from './RatingProblemPage.js';
import { RatingStatusPage } from './RatingStatusPage.js';
import { ReceiptPage } from './ReceiptPage.js';
import { ReviewDetailPage } from './ReviewDetailPage.js';
import { INBOX_FILTERS, ReviewsInboxPage } from './ReviewsInboxPage.js';
import { SatisfactionPanel } from './SatisfactionPanel.js';

staffLinks.push(
  { href: '/staff/reviews', label: 'navBadReviews', roles: ['department', 'office', 'inspector'] },
  { href: '/staff/appeals', label: 'navAppeals', roles: ['office'] },
  { href: '/staff/ratings', label: 'navAttribution', roles: ['department', 'office', 'inspector'] },
);

type HtmlStatus = 200 | 201 | 400 | 401 | 403 | 404 | 409 | 429;
const ID = ID_PATTERN;

/** The language a page would be shown in (query, else cookie), for panels built outside pageContext. */
function langOfRequest(c: Context): Lang {
  const q = c.req.query('lang');
  return langOf(q === 'zh' || q === 'en' ? q : getCookie(c, 'wp_lang'));
}

/** The same window as the curves beside the panel: the last 24 months. */
function lastTwoYears(now: Date) {
  const to = beijingDate(now).slice(0, 7);
  return { from: addMonths(to, -23), to };
}

/** The satisfaction panel of a service page (public figures). */
export async function serviceSatisfactionPanel(c: Context, code: string) {
  const p = platform();
  const { from, to } = lastTwoYears(p.clock.now());
  const s = await serviceSatisfaction(p, code, from, to, 'public');
  return (
    <SatisfactionPanel
      lang={langOfRequest(c)}
      summary={s.summary}
      series={s.series}
      csvHref={`/api/v1/services/${encodeURIComponent(code)}/satisfaction?from=${from}&to=${to}&format=csv`}
    />
  );
}

/** The satisfaction panel of a department page, with one row per window (public figures). */
export async function departmentSatisfactionPanel(c: Context, id: string) {
  const p = platform();
  const { from, to } = lastTwoYears(p.clock.now());
  const d = await departmentSatisfaction(p, id, from, to, 'public');
  return (
    <SatisfactionPanel
      lang={langOfRequest(c)}
      summary={d.summary}
      series={d.series}
      windows={d.windows}
      csvHref={`/api/v1/departments/${encodeURIComponent(id)}/satisfaction?from=${from}&to=${to}&format=csv`}
    />
  );
}

// ---------------------------------------------------------------------------------
// The rater's pages

async function caseSummary(record: {
  caseId: string;
  serviceCode: string;
  departmentId: string;
  completedAt?: string | undefined;
}): Promise<CaseSummary> {
  const p = platform();
  const [service, department] = await Promise.all([
    p.catalogue.getService(record.serviceCode),
    p.catalogue.getDepartment(record.departmentId),
  ]);
  return {
    caseId: record.caseId,
    serviceName: service?.service.name ?? record.serviceCode,
    departmentName: department?.name ?? record.departmentId,
    completedAt: record.completedAt,
  };
}

function problemOf(err: unknown): { problem: RatingProblem; status: HtmlStatus } | undefined {
  if (!(err instanceof Refusal)) return undefined;
  if (err.code === 'unauthenticated')
    return { problem: /expired/i.test(err.message) ? 'expired' : 'invalid', status: 401 };
  if (err.code === 'not_found') return { problem: 'missing', status: 404 };
  if (err.code === 'case_not_completed') return { problem: 'notCompleted', status: 409 };
  return undefined;
}

async function problemPage(c: Context, problem: RatingProblem, status: HtmlStatus) {
  return html(c, <RatingProblemPage ctx={await pageContext(c)} problem={problem} />, status);
}

/** Form fields → the JSON API's body, so the page and the API share validation. */
function formToPayload(caseId: string, form: Record<string, unknown>) {
  const str = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : undefined);
  const sub: Partial<Record<SubScoreKey, string>> = {};
  const subScores: Partial<Record<SubScoreKey, number>> = {};
  for (const k of SUB_SCORES) {
    const v = str(k);
    if (v) {
      sub[k] = v;
      subScores[k] = Number(v);
    }
  }
  const values: RateFormValues = {
    score: str('score'),
    sub,
    comment: str('comment'),
    callback: str('callback') === '1',
    name: str('name'),
    phone: str('phone'),
    consent: str('consent') === '1',
  };
  const wantsCallback = values.callback || Boolean(values.name?.trim()) || Boolean(values.phone?.trim());
  const payload = {
    caseId,
    token: str('t'),
    score: values.score === undefined ? undefined : Number(values.score),
    ...(values.comment?.trim() ? { comment: values.comment } : {}),
    ...(Object.keys(subScores).length ? { subScores } : {}),
    ...(wantsCallback
      ? { callback: { name: values.name ?? '', phone: values.phone ?? '', consent: values.consent } }
      : {}),
  };
  return { payload, values, token: str('t') ?? '' };
}

/** The rater-facing messages of a rejected form, from the validation issues. */
function formErrors(lang: Lang, err: Refusal): string[] {
  if (err.code === 'rate_limited') return [t(lang, 'errRateLimited')];
  const issues = (err.details as { issues?: string[] } | undefined)?.issues ?? [err.message];
  const keys = new Set<MessageKey>();
  for (const issue of issues) {
    if (issue.startsWith('score')) keys.add('errScore');
    else if (issue.startsWith('subScores')) keys.add('errSubScore');
    else if (issue.startsWith('comment')) keys.add('errComment');
    else if (issue.startsWith('callback.name')) keys.add('errName');
    else if (issue.startsWith('callback.phone')) keys.add('errPhone');
    else if (issue.startsWith('callback.consent')) keys.add('errConsent');
    else keys.add('errGeneric');
  }
  return [...keys].map((k) => t(lang, k));
}

async function renderStanding(
  c: Context,
  caseId: string,
  token: string,
  extra: { feedbackError?: string } = {},
) {
  const p = platform();
  let standing: Awaited<ReturnType<typeof raterStanding>>;
  try {
    standing = await raterStanding(p, caseId, token);
  } catch (err) {
    const problem = problemOf(err);
    if (problem) return problemPage(c, problem.problem, problem.status);
    throw err;
  }
  const ctx = await pageContext(c);
  const info = await caseSummary(standing.case);
  if (standing.rating) {
    return html(
      c,
      <RatingStatusPage
        ctx={ctx}
        info={info}
        view={raterView(standing.rating)}
        token={standing.token}
        justRated={c.req.query('done') === '1'}
        feedbackSaved={c.req.query('saved') === '1'}
        feedbackError={extra.feedbackError}
      />,
      extra.feedbackError ? 400 : 200,
    );
  }
  if (standing.case.status !== 'completed') return problemPage(c, 'notCompleted', 409);
  return html(c, <RatePage ctx={ctx} info={info} token={standing.token} />);
}

const langSuffix = (c: Context) => (langOfRequest(c) === 'en' ? '&lang=en' : '');

// ---------------------------------------------------------------------------------
// Staff pages

type StaffGate = { who: Principal; ctx: PageContext } | { response: Response };

async function staffGate(c: Context, roles: Role[]): Promise<StaffGate> {
  const who = await staffOf(c);
  const ctx = await pageContext(c);
  if (!who) {
    return {
      response: html(
        c,
        <Layout ctx={ctx} title={t(ctx.lang, 'staffConsole')}>
          <h1>{t(ctx.lang, 'staffConsole')}</h1>
          <p>
            {t(ctx.lang, 'staffSignInNeeded')} <a href="/dev/sign-in">{t(ctx.lang, 'navSignIn')}</a>
          </p>
        </Layout>,
        401,
      ),
    };
  }
  if (!roles.some((r) => who.roles.has(r))) return { response: await forbiddenPage(c, ctx) };
  return { who, ctx };
}

async function forbiddenPage(c: Context, ctx: PageContext, message?: string) {
  return html(
    c,
    <Layout ctx={ctx} title={t(ctx.lang, 'forbiddenTitle')}>
      <h1>{t(ctx.lang, 'forbiddenTitle')}</h1>
      <p>{message ?? t(ctx.lang, 'forbiddenOtherDept')}</p>
    </Layout>,
    403,
  );
}

/** `YYYY-MM-DDTHH:mm` from a datetime-local field, read as Beijing time. */
function fromLocalInput(v: unknown): unknown {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) ? `${v}:00+08:00` : v;
}

function nowLocal(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}

function formPayload(action: FollowUpAction, form: Record<string, unknown>): Record<string, unknown> {
  const s = (k: string) => (typeof form[k] === 'string' && (form[k] as string).trim() ? form[k] : undefined);
  switch (action) {
    case 'callback':
      return { at: fromLocalInput(form.at), by: s('by'), outcome: form.outcome, note: s('note') };
    case 'rectification':
      return { plan: form.plan, status: form.status, explanation: s('explanation'), evidence: s('evidence') };
    case 'appeal':
      return { kind: form.kind, reason: form.reason };
    case 'ruling':
      return { decision: form.decision, note: form.note };
  }
}

const statusOfError = (err: Refusal): HtmlStatus =>
  ([400, 401, 403, 404, 409, 429] as const).find((s) => s === httpStatusOf(err.code)) ?? 400;

async function renderDetail(
  c: Context,
  who: Principal,
  ctx: PageContext,
  caseId: string,
  extra: { error?: string; status?: HtmlStatus } = {},
) {
  const p = platform();
  let rating: Awaited<ReturnType<typeof reviewFor>>;
  try {
    rating = await reviewFor(p, who, caseId);
  } catch (err) {
    if (err instanceof Refusal && err.code === 'forbidden') return forbiddenPage(c, ctx);
    if (err instanceof Refusal && err.code === 'not_found')
      return html(
        c,
        <Layout ctx={ctx} title={t(ctx.lang, 'reviewTitle')}>
          <h1>{t(ctx.lang, 'reviewTitle')}</h1>
          <p>{errorText(ctx.lang, err, { detail: true })}</p>
        </Layout>,
        404,
      );
    throw err;
  }
  return html(
    c,
    <ReviewDetailPage
      ctx={ctx}
      r={staffReviewView(rating)}
      canAct={who.departments.has(rating.departmentId)}
      canRule={who.roles.has('office')}
      nowLocal={nowLocal(p.clock.now())}
      actorName={who.subject}
      error={extra.error}
      saved={c.req.query('saved') === '1'}
    />,
    extra.status ?? 200,
  );
}

/** Which department a console page shows: asked for, else the caller's own, else the first. */
async function consoleDepartment(c: Context, who: Principal): Promise<string | undefined> {
  const asked = c.req.query('departmentId');
  try {
    return inboxDepartment(who, asked && ID.test(asked) ? asked : undefined);
  } catch (err) {
    if (err instanceof Refusal && err.code === 'forbidden') throw err;
    const first = (await platform().catalogue.listDepartments())[0];
    return first?.id;
  }
}

export function registerRatingPages(app: Hono): void {
  app.get('/rate/:caseId', disableSSG(), async (c) =>
    renderStanding(c, c.req.param('caseId'), c.req.query('t') ?? ''),
  );

  app.post('/rate/:caseId', async (c) => {
    const caseId = c.req.param('caseId');
    const form = await formOf(c);
    const { payload, values, token } = formToPayload(caseId, form);
    try {
      await submitRating(platform(), payload);
    } catch (err) {
      const problem = problemOf(err);
      if (problem) return problemPage(c, problem.problem, problem.status);
      if (err instanceof Refusal && err.code === 'already_rated')
        return c.redirect(
          `/rate/${encodeURIComponent(caseId)}?t=${encodeURIComponent(token)}${langSuffix(c)}`,
          303,
        );
      if (!(err instanceof Refusal)) throw err;
      const ctx = await pageContext(c);
      const found = await platform().cases.getCase(caseId);
      if (!found) return problemPage(c, 'missing', 404);
      return html(
        c,
        <RatePage
          ctx={ctx}
          info={await caseSummary(found)}
          token={token}
          values={values}
          errors={formErrors(ctx.lang, err)}
        />,
        statusOfError(err),
      );
    }
    return c.redirect(
      `/rate/${encodeURIComponent(caseId)}?t=${encodeURIComponent(token)}&done=1${langSuffix(c)}`,
      303,
    );
  });

  app.post('/rate/:caseId/feedback', async (c) => {
    const caseId = c.req.param('caseId');
    const form = await formOf(c);
    const token = typeof form.t === 'string' ? form.t : '';
    const satisfied = form.satisfied === 'yes' ? true : form.satisfied === 'no' ? false : undefined;
    const comment = typeof form.comment === 'string' && form.comment.trim() ? form.comment : undefined;
    try {
      await submitFeedback(platform(), caseId, { token, satisfied, ...(comment ? { comment } : {}) });
    } catch (err) {
      const problem = problemOf(err);
      if (problem) return problemPage(c, problem.problem, problem.status);
      if (!(err instanceof Refusal)) throw err;
      const lang = langOfRequest(c);
      const message =
        err.code === 'rate_limited'
          ? t(lang, 'errRateLimited')
          : err.code === 'invalid_request'
            ? t(lang, 'errFeedback')
            : errorText(lang, err, { detail: true });
      return renderStanding(c, caseId, token, { feedbackError: message });
    }
    return c.redirect(
      `/rate/${encodeURIComponent(caseId)}?t=${encodeURIComponent(token)}&saved=1${langSuffix(c)}`,
      303,
    );
  });

  app.get('/receipt/:caseId', disableSSG(), async (c) => {
    const p = platform();
    let standing: Awaited<ReturnType<typeof raterStanding>>;
    try {
      standing = await raterStanding(p, c.req.param('caseId'), c.req.query('t') ?? '');
    } catch (err) {
      const problem = problemOf(err);
      if (problem) return problemPage(c, problem.problem, problem.status);
      throw err;
    }
    if (standing.expired) return problemPage(c, 'expired', 401);
    const ratingUrl = ratingUrlOf(standing.caseId, standing.token);
    const exp = Number.parseInt(standing.token.split('.')[0] ?? '', 36);
    return html(
      c,
      <ReceiptPage
        ctx={await pageContext(c)}
        info={await caseSummary(standing.case)}
        ratingUrl={ratingUrl}
        qr={await qrDataUri(ratingUrl)}
        validUntil={Number.isFinite(exp) ? beijingDate(new Date(exp * 1000)) : ''}
      />,
    );
  });

  app.get('/staff/reviews', disableSSG(), async (c) => {
    const gate = await staffGate(c, ['department', 'office', 'inspector']);
    if ('response' in gate) return gate.response;
    const { who, ctx } = gate;
    const p = platform();
    let departmentId: string | undefined;
    try {
      departmentId = await consoleDepartment(c, who);
    } catch {
      return forbiddenPage(c, ctx);
    }
    const asked = c.req.query('status');
    const filter = (INBOX_FILTERS as readonly string[]).includes(asked ?? '')
      ? (asked as (typeof INBOX_FILTERS)[number])
      : 'open';
    const cursor = c.req.query('cursor');
    const [page, departments] = await Promise.all([
      departmentId
        ? ratingStore(p.store)
            .badReviews(departmentId, {
              filter,
              limit: 50,
              cursor: cursor && cursor.length < 2000 ? cursor : undefined,
            })
            .catch((err) => {
              if (err instanceof Refusal) return { items: [], nextCursor: null };
              throw err;
            })
        : Promise.resolve({ items: [], nextCursor: null }),
      p.catalogue.listDepartments(),
    ]);
    const mine =
      who.roles.has('office') || who.roles.has('inspector')
        ? departments
        : departments.filter((d) => who.departments.has(d.id));
    return html(
      c,
      <ReviewsInboxPage
        ctx={ctx}
        departmentId={departmentId ?? ''}
        departments={mine}
        canPickDepartment={mine.length > 1}
        filter={filter}
        items={page.items.map(staffReviewView)}
        nextCursor={page.nextCursor}
      />,
    );
  });

  app.get('/staff/reviews/:caseId', disableSSG(), async (c) => {
    const gate = await staffGate(c, ['department', 'office', 'inspector']);
    if ('response' in gate) return gate.response;
    return renderDetail(c, gate.who, gate.ctx, c.req.param('caseId'));
  });

  for (const action of ['callback', 'rectification', 'appeal'] as const) {
    app.post(`/staff/reviews/:caseId/${action}`, async (c) => {
      const gate = await staffGate(c, ['department']);
      if ('response' in gate) return gate.response;
      const caseId = c.req.param('caseId');
      const form = await formOf(c);
      try {
        await actOnReview(platform(), gate.who, caseId, action, formPayload(action, form));
      } catch (err) {
        if (!(err instanceof Refusal)) throw err;
        if (err.code === 'forbidden') return forbiddenPage(c, gate.ctx);
        return renderDetail(c, gate.who, gate.ctx, caseId, {
          error: errorText(gate.ctx.lang, err, { detail: true }),
          status: statusOfError(err),
        });
      }
      return c.redirect(`/staff/reviews/${encodeURIComponent(caseId)}?saved=1`, 303);
    });
  }

  app.get('/staff/appeals', disableSSG(), async (c) => {
    const gate = await staffGate(c, ['office']);
    if ('response' in gate) return gate.response;
    const page = await ratingStore(platform().store).appeals('pending', { limit: 100 });
    return html(
      c,
      <AppealsPage
        ctx={gate.ctx}
        items={page.items.map(staffReviewView)}
        saved={c.req.query('saved') === '1'}
      />,
    );
  });

  app.post('/staff/appeals/:caseId/ruling', async (c) => {
    const gate = await staffGate(c, ['office']);
    if ('response' in gate) return gate.response;
    const caseId = c.req.param('caseId');
    const form = await formOf(c);
    try {
      await actOnReview(platform(), gate.who, caseId, 'ruling', formPayload('ruling', form));
    } catch (err) {
      if (!(err instanceof Refusal)) throw err;
      const page = await ratingStore(platform().store).appeals('pending', { limit: 100 });
      return html(
        c,
        <AppealsPage
          ctx={gate.ctx}
          items={page.items.map(staffReviewView)}
          error={errorText(gate.ctx.lang, err, { detail: true })}
        />,
        statusOfError(err),
      );
    }
    return c.redirect('/staff/appeals?saved=1', 303);
  });

  app.get('/staff/ratings', disableSSG(), async (c) => {
    const gate = await staffGate(c, ['department', 'office', 'inspector']);
    if ('response' in gate) return gate.response;
    const { who, ctx } = gate;
    let departmentId: string | undefined;
    try {
      departmentId = await consoleDepartment(c, who);
    } catch {
      return forbiddenPage(c, ctx);
    }
    const p = platform();
    const departments = await p.catalogue.listDepartments();
    if (!departmentId || !departments.some((d) => d.id === departmentId))
      return html(
        c,
        <Layout ctx={ctx} title={t(ctx.lang, 'attributionTitle')}>
          <h1>{t(ctx.lang, 'attributionTitle')}</h1>
          <p>{t(ctx.lang, 'noData')}</p>
        </Layout>,
        404,
      );
    const { from, to } = lastTwoYears(p.clock.now());
    const data = await departmentSatisfaction(p, departmentId, from, to, 'staff');
    const mine =
      who.roles.has('office') || who.roles.has('inspector')
        ? departments
        : departments.filter((d) => who.departments.has(d.id));
    return html(
      c,
      <AttributionPage ctx={ctx} data={data} departments={mine} canPickDepartment={mine.length > 1} />,
    );
  });
}
