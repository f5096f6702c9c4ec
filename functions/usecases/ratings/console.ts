/**
 * What the bad-review console pages and the staff API read, for a signed-in staff
 * member: which department a page shows, that department's inbox, the office's appeals
 * queue, and the per-window and per-staff figures (评价到人). Who may read what is the follow-up's
 * rule (`inboxDepartment`: the office and inspectors any department, department staff
 * their own); a page that names no department falls back to the first one.
 */
import type { Department } from '../../domain/catalogue.js';
import type { Principal } from '../../domain/identity.js';
import { isRefusal } from '../../domain/refusal.js';
import { isId } from '../../domain/schemas.js';
import type { Platform } from '../../platform.js';
import type { InboxFilter } from '../../store/ratings.js';
import { allDepartments, visibleDepartments } from '../catalogue/directory.js';
import { inboxDepartment } from './follow-up.js';
import { departmentSatisfaction } from './satisfaction.js';
import { type StaffReviewView, staffReviewView } from './views.js';

/** The console's pages of reviews are short: a department has a few dozen open at a time. */
const INBOX_PAGE = 50;
const APPEALS_PAGE = 100;

/**
 * The department a console page shows: the one asked for (403 if the caller may not
 * see it), else the caller's own, else the first of the catalogue (undefined if none).
 * An asked value that is not an id counts as not asked.
 */
export async function consoleDepartment(
  p: Platform,
  who: Principal,
  asked: string | undefined,
): Promise<string | undefined> {
  try {
    return inboxDepartment(who, asked && isId(asked) ? asked : undefined);
  } catch (err) {
    if (isRefusal(err, 'forbidden')) throw err;
    return (await allDepartments(p))[0]?.id;
  }
}

export interface ReviewInbox {
  departmentId: string | undefined;
  /** The departments the caller may switch to. */
  departments: Department[];
  items: StaffReviewView[];
  nextCursor: string | null;
}

/**
 * One page of a department's bad reviews, for the inbox (403 for another department's).
 * A cursor that does not fit gives the first page's worth of nothing, not an error.
 */
export async function reviewInbox(
  p: Platform,
  who: Principal,
  q: { departmentId: string | undefined; filter: InboxFilter; cursor: string | undefined },
): Promise<ReviewInbox> {
  const departmentId = await consoleDepartment(p, who, q.departmentId);
  const empty = { items: [], nextCursor: null };
  const cursor = q.cursor && q.cursor.length < 2000 ? q.cursor : undefined;
  const [page, departments] = await Promise.all([
    departmentId
      ? reviewsOf(p, departmentId, { filter: q.filter, limit: INBOX_PAGE, cursor }).catch((err) => {
          if (isRefusal(err)) return empty;
          throw err;
        })
      : Promise.resolve(empty),
    visibleDepartments(p, who),
  ]);
  return { departmentId, departments, items: page.items, nextCursor: page.nextCursor };
}

/**
 * One page of a department's bad reviews, for `GET /api/v1/staff/reviews`: the
 * department asked for (403 if the caller may not see it) or the caller's only one
 * (400 for the office and inspectors, who must name one); a cursor that does not fit
 * is a 400.
 */
export async function badReviewsPage(
  p: Platform,
  who: Principal,
  q: { departmentId: string | undefined; filter: InboxFilter; limit: number; cursor: string | undefined },
): Promise<{ departmentId: string; items: StaffReviewView[]; nextCursor: string | null }> {
  const departmentId = inboxDepartment(who, q.departmentId);
  return { departmentId, ...(await reviewsOf(p, departmentId, q)) };
}

/** One page of the appeals in a state, oldest first (`GET /api/v1/staff/appeals`). */
export async function appealsPage(
  p: Platform,
  status: 'pending' | 'upheld' | 'rejected',
  q: { limit: number; cursor?: string | undefined },
): Promise<{ items: StaffReviewView[]; nextCursor: string | null }> {
  const page = await p.ratings.appeals(status, q);
  return { items: page.items.map(staffReviewView), nextCursor: page.nextCursor };
}

/** The appeals waiting for the office's ruling, oldest first. */
export async function pendingAppeals(p: Platform): Promise<StaffReviewView[]> {
  return (await appealsPage(p, 'pending', { limit: APPEALS_PAGE })).items;
}

/** A page of a department's bad reviews, as staff see them. */
async function reviewsOf(
  p: Platform,
  departmentId: string,
  q: { filter: InboxFilter; limit: number; cursor?: string | undefined },
): Promise<{ items: StaffReviewView[]; nextCursor: string | null }> {
  const page = await p.ratings.badReviews(departmentId, {
    filter: q.filter,
    limit: q.limit,
    cursor: q.cursor,
  });
  return { items: page.items.map(staffReviewView), nextCursor: page.nextCursor };
}

/**
 * A department's figures per window and per staff member over `from`..`to`, for staff
 * (403 for a department the caller may not see); `data` is undefined when the
 * department is not in the catalogue.
 */
export async function staffAttribution(
  p: Platform,
  who: Principal,
  q: { departmentId: string | undefined; from: string; to: string },
) {
  const departmentId = await consoleDepartment(p, who, q.departmentId);
  const [all, departments] = await Promise.all([allDepartments(p), visibleDepartments(p, who)]);
  const known = departmentId !== undefined && all.some((d) => d.id === departmentId);
  const data = known ? await departmentSatisfaction(p, departmentId, q.from, q.to, 'staff') : undefined;
  return { departments, data };
}
