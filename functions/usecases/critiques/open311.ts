/**
 * Open311 GeoReport v2 over critiques: services and their definitions from the
 * catalogue, requests from the board's partitions (one Query per status group, bounded
 * by the spec's 90-day window), single requests by tracking code, and request creation
 * for partner apps holding an office-issued api_key. Lists show public critiques only;
 * a request's own id shows it whatever its status.
 *
 * Request lists are paged, as many GeoReport servers extend the spec (the spec itself
 * only bounds a query to 90 days): `page_size` (default 50, at most 200; SeeClickFix
 * pages 20 by default and at most 100, Baltimore's endpoint takes `page_size` too),
 * `page` (1-based, as clients such as r311 iterate it; positional, so it reaches only
 * the first 1,000 results and shifts as requests arrive) and a stable cursor: the
 * position of a page's last request and the page's window, so the next page starts
 * right after it whatever was submitted since. The route hands it out in a
 * `Link: <…>; rel="next"` header, the only place a bare Open311 list leaves for it.
 */

import { type BoardFilter, boardFilterKey } from '../../domain/critiques/board.js';
import type { Category } from '../../domain/critiques/model.js';
import {
  type Open311Request,
  type Open311Status,
  open311Definition,
  open311Request,
  open311Services,
  parseServiceCode,
} from '../../domain/critiques/open311.js';
import { parseTrackingCode } from '../../domain/critiques/tracking-code.js';
import { invalid, notFound } from '../../domain/refusal.js';
import type { Platform } from '../../platform.js';
import type { ApiKeyRecord } from '../../store/critique-api-keys.js';
import { boardPosition } from '../../store/critiques.js';
import { cursorValue, encodeCursor, isKeyValue } from '../../store/cursor.js';
import { loadCritique } from './change.js';
import { submitCritique } from './submit.js';

export const MAX_SPAN_DAYS = 90;
/** How far `page` reaches into a list (the spec's 1,000 results); the cursor goes on from anywhere. */
export const MAX_RESULTS = 1000;
export const MAX_IDS = 100;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
const DAY_MS = 86_400_000;

export async function open311ServiceList(p: Platform) {
  const departments = await p.catalogue.listDepartments();
  return open311Services(departments.map((d) => ({ id: d.id, name: d.name })));
}

/** A service code's category and department (checked to exist); 400 when unknown. */
async function serviceOf(p: Platform, code: string, status: 400 | 404) {
  const parsed = parseServiceCode(code);
  const department = parsed?.departmentId ? await p.catalogue.getDepartment(parsed.departmentId) : undefined;
  if (!parsed || (parsed.departmentId && !department)) {
    throw status === 404
      ? notFound(`No service with code ${code}.`)
      : invalid(`Unknown service_code ${code}.`);
  }
  return { category: parsed.category, department };
}

export async function open311ServiceDefinition(p: Platform, code: string) {
  const { category, department } = await serviceOf(p, code, 404);
  const items = department
    ? (await p.catalogue.listServices({ limit: 100, departmentId: department.id })).items
    : [];
  return open311Definition(
    category,
    department ? { id: department.id, name: department.name } : undefined,
    items,
  );
}

export interface RequestsQuery {
  serviceRequestIds?: string[] | undefined;
  serviceCode?: string | undefined;
  start?: Date | undefined;
  end?: Date | undefined;
  statuses?: Open311Status[] | undefined;
  /** Requests per page, 1..MAX_PAGE_SIZE (default DEFAULT_PAGE_SIZE). */
  pageSize?: number | undefined;
  /** The 1-based page (positional; `page × pageSize` at most MAX_RESULTS). */
  page?: number | undefined;
  /** Where the previous page ended (`nextCursor` of that page). */
  cursor?: string | undefined;
}

export interface RequestsPage {
  requests: Open311Request[];
  /** Resumes right after this page; null on the last page (and for lookups by id). */
  nextCursor: string | null;
}

/** What an Open311 cursor holds: the query it belongs to, its window, and the last position shown. */
interface Open311Cursor {
  v: 1;
  /** The board filters read (`boardFilterKey`s): the cursor resumes only the same query. */
  f: string;
  from: string;
  to: string;
  after: string;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const isInstant = (v: unknown): v is string =>
  typeof v === 'string' && ISO_INSTANT.test(v) && new Date(v).toISOString() === v;

/** A client's Open311 cursor, checked against the query it is sent with; a 400 when it does not fit. */
function readOpen311Cursor(cursor: string, filters: string): Open311Cursor {
  const c = cursorValue(cursor) as Partial<Record<keyof Open311Cursor, unknown>> | null;
  if (
    !c ||
    typeof c !== 'object' ||
    Array.isArray(c) ||
    Object.keys(c).length !== 5 ||
    c.v !== 1 ||
    typeof c.f !== 'string' ||
    !isInstant(c.from) ||
    !isInstant(c.to) ||
    !isKeyValue(c.after)
  ) {
    throw invalid('The cursor is not valid.');
  }
  const { from, to, after } = c;
  const span = Date.parse(to) - Date.parse(from);
  if (c.f !== filters || span < 0 || span > MAX_SPAN_DAYS * DAY_MS || after < from || after > `${to}#\uffff`)
    throw invalid('The cursor belongs to another query: repeat the query it came with.');
  return { v: 1, f: c.f, from, to, after };
}

/** The spec's window: default the last 90 days; one end given, the other 90 days from it; never more than 90 days. */
export function requestWindow(now: Date, start?: Date, end?: Date): { from: Date; to: Date } {
  if (start && end) {
    if (end < start) throw invalid('end_date is before start_date.');
    if (end.getTime() - start.getTime() > MAX_SPAN_DAYS * DAY_MS) {
      throw invalid(`start_date and end_date may span at most ${MAX_SPAN_DAYS} days.`);
    }
    return { from: start, to: end };
  }
  if (start) return { from: start, to: new Date(start.getTime() + MAX_SPAN_DAYS * DAY_MS) };
  if (end) return { from: new Date(end.getTime() - MAX_SPAN_DAYS * DAY_MS), to: end };
  return { from: new Date(now.getTime() - MAX_SPAN_DAYS * DAY_MS), to: now };
}

/**
 * One page of requests, newest first: by ids (at most MAX_IDS, one page), or public
 * critiques in the window under the filters, from the start, from `page` or right after
 * the cursor's position (in the cursor's window, so a default "last 90 days" does not
 * move under a client paging through it).
 */
export async function open311Requests(p: Platform, q: RequestsQuery): Promise<RequestsPage> {
  const store = p.critiques;
  const size = q.pageSize ?? DEFAULT_PAGE_SIZE;
  const page = q.page ?? 1;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)
    throw invalid(`page_size must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
  if (!Number.isInteger(page) || page < 1) throw invalid('page must be a whole number from 1.');
  if (page * size > MAX_RESULTS)
    throw invalid(
      `page reaches only the first ${MAX_RESULTS} requests: follow the Link header's cursor to read further.`,
    );
  if (page > 1 && q.cursor) throw invalid('Give page or cursor, not both.');
  if (q.serviceRequestIds?.length) {
    if (q.serviceRequestIds.length > MAX_IDS)
      throw invalid(`At most ${MAX_IDS} service_request_id values at once.`);
    const codes = q.serviceRequestIds.map((id) => {
      const code = parseTrackingCode(id);
      if (!code) throw invalid(`"${id.slice(0, 40)}" is not a valid service_request_id.`);
      return code;
    });
    return { requests: (await store.getMany(codes)).map(open311Request), nextCursor: null };
  }
  let scope: Pick<BoardFilter, 'departmentId' | 'general'> & { category?: Category } = {};
  if (q.serviceCode) {
    const { category, department } = await serviceOf(p, q.serviceCode, 400);
    scope = { category, ...(department ? { departmentId: department.id } : { general: true }) };
  }
  const statuses = new Set(q.statuses?.length ? q.statuses : ['open', 'closed']);
  const filters: BoardFilter[] =
    statuses.size === 2
      ? [scope]
      : statuses.has('open')
        ? [{ ...scope, status: 'open' }]
        : [
            { ...scope, status: 'answered' },
            { ...scope, status: 'rectified' },
          ];
  const f = filters.map(boardFilterKey).join(',');
  const resumed = q.cursor ? readOpen311Cursor(q.cursor, f) : undefined;
  const window = requestWindow(p.clock.now(), q.start, q.end);
  const from = resumed?.from ?? window.from.toISOString();
  const to = resumed?.to ?? window.to.toISOString();
  if (resumed && (q.start || q.end) && (window.from.toISOString() !== from || window.to.toISOString() !== to))
    throw invalid('The cursor belongs to another query: repeat the query it came with.');
  const skip = (page - 1) * size;
  // One row more than the page: whether there is a next page, without a second read.
  const { rows } = await store.boardRange(filters, from, to, skip + size + 1, resumed?.after);
  const shown = rows.slice(skip, skip + size);
  const last = shown.at(-1);
  const nextCursor =
    rows.length > skip + size && last
      ? encodeCursor({ v: 1, f, from, to, after: boardPosition(last) } satisfies Open311Cursor)
      : null;
  return {
    requests: (await store.getMany(shown.map((r) => r.trackingCode))).map(open311Request),
    nextCursor,
  };
}

export async function open311RequestById(p: Platform, id: string): Promise<Open311Request> {
  const code = parseTrackingCode(id);
  if (!code) throw notFound(`No service request ${id.slice(0, 40)}.`);
  return open311Request(await loadCritique(p, code));
}

export interface Open311Submission {
  serviceCode: string;
  description: string;
  contact?: string | undefined;
  nickname?: string | undefined;
  serviceItem?: string | undefined;
}

export async function open311CreateRequest(p: Platform, key: ApiKeyRecord, s: Open311Submission) {
  const { category, department } = await serviceOf(p, s.serviceCode, 400);
  let target: { targetType: 'general' | 'department' | 'service'; targetId?: string } = {
    targetType: 'general',
  };
  if (department) target = { targetType: 'department', targetId: department.id };
  if (s.serviceItem) {
    const found = department ? await p.catalogue.getService(s.serviceItem) : undefined;
    if (!found || found.service.departmentId !== department?.id) {
      throw invalid(`attribute[service_item] ${s.serviceItem} is not a service item of ${s.serviceCode}.`);
    }
    target = { targetType: 'service', targetId: s.serviceItem };
  }
  const submitted = await submitCritique(
    p,
    { category, text: s.description, ...target, nickname: s.nickname, contact: s.contact },
    { channel: 'open311', identity: `key:${key.id}` },
  );
  return {
    service_request_id: submitted.trackingCode,
    service_notice: '效能办将在 1 个工作日内分拣，转交部门后须在 5 个工作日内公开答复。',
    account_id: null,
  };
}
