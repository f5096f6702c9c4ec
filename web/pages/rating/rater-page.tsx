/**
 * How the rater's pages answer: the page of a case as its token's holder sees it (the
 * rating form, or the rating and its follow-up), and the problem page of a link that
 * cannot be used — invalid, expired, an unknown case, a case not completed yet — with
 * its status. Which problem a refusal is, is web/error-text.ts `ratingProblemOf`.
 */
import type { Context } from 'hono';
import { platform } from '../../../functions/platform.js';
import { raterPage } from '../../../functions/usecases/ratings/rater-pages.js';
import { ratingProblemOf } from '../../error-text.js';
import { html, langOfRequest, pageContext } from '../../render.js';
import { RatePage } from './RatePage.js';
import { type RatingProblem, RatingProblemPage } from './RatingProblemPage.js';
import { RatingStatusPage } from './RatingStatusPage.js';

const PROBLEM_STATUS: Record<RatingProblem, 401 | 404 | 409> = {
  invalid: 401,
  expired: 401,
  missing: 404,
  notCompleted: 409,
};

/** The page of a rating link's problem. */
export async function problemPage(c: Context, problem: RatingProblem): Promise<Response> {
  return html(c, <RatingProblemPage ctx={await pageContext(c)} problem={problem} />, PROBLEM_STATUS[problem]);
}

/** The problem page for a refusal of the link or its case; undefined for any other error. */
export async function linkProblemPage(c: Context, err: unknown): Promise<Response | undefined> {
  const problem = ratingProblemOf(err);
  return problem ? problemPage(c, problem) : undefined;
}

/** Back to the case's rating page (`?t=…`, the language kept), with e.g. `&done=1`. */
export function backToRating(c: Context, caseId: string, token: string, flag = ''): Response {
  const lang = langOfRequest(c) === 'en' ? '&lang=en' : '';
  return c.redirect(`/rate/${encodeURIComponent(caseId)}?t=${encodeURIComponent(token)}${flag}${lang}`, 303);
}

/** The rating page of a case: its form, or once rated, the rating and its follow-up. */
export async function standingPage(
  c: Context,
  caseId: string,
  token: string,
  feedbackError?: string,
): Promise<Response> {
  let page: Awaited<ReturnType<typeof raterPage>>;
  try {
    page = await raterPage(platform(), caseId, token);
  } catch (err) {
    const problem = await linkProblemPage(c, err);
    if (problem) return problem;
    throw err;
  }
  const ctx = await pageContext(c);
  if (page.rating)
    return html(
      c,
      <RatingStatusPage
        ctx={ctx}
        info={page.facts}
        view={page.rating}
        token={page.token}
        justRated={c.req.query('done') === '1'}
        feedbackSaved={c.req.query('saved') === '1'}
        feedbackError={feedbackError}
      />,
      feedbackError ? 400 : 200,
    );
  if (!page.completed) return problemPage(c, 'notCompleted');
  return html(c, <RatePage ctx={ctx} info={page.facts} token={page.token} />);
}
