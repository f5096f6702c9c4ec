/**
 * Open311 GeoReport v2 over critiques: services and their definitions from the
 * catalogue, requests from the board's partitions (one Query per status group, bounded
 * by the spec's 90-day window and 1,000 results), single requests by tracking code, and
 * request creation for partner apps holding an office-issued api_key. Lists show
 * public critiques only; a request's own id shows it whatever its status.
 */
import { badRequest, notFound } from '../../api/errors.js';
import type { BoardFilter } from '../../domain/critiques/board.js';
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
import type { Platform } from '../../platform.js';
import type { ApiKeyRecord } from '../../store/critique-api-keys.js';
import { loadCritique } from './change.js';
import { critiqueStores } from './stores.js';
import { submitCritique } from './submit.js';

export const MAX_SPAN_DAYS = 90;
export const MAX_RESULTS = 1000;
export const MAX_IDS = 100;
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
      : badRequest(`Unknown service_code ${code}.`);
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
}

/** The spec's window: default the last 90 days; one end given, the other 90 days from it; never more than 90 days. */
export function requestWindow(now: Date, start?: Date, end?: Date): { from: Date; to: Date } {
  if (start && end) {
    if (end < start) throw badRequest('end_date is before start_date.');
    if (end.getTime() - start.getTime() > MAX_SPAN_DAYS * DAY_MS) {
      throw badRequest(`start_date and end_date may span at most ${MAX_SPAN_DAYS} days.`);
    }
    return { from: start, to: end };
  }
  if (start) return { from: start, to: new Date(start.getTime() + MAX_SPAN_DAYS * DAY_MS) };
  if (end) return { from: new Date(end.getTime() - MAX_SPAN_DAYS * DAY_MS), to: end };
  return { from: new Date(now.getTime() - MAX_SPAN_DAYS * DAY_MS), to: now };
}

export async function open311Requests(p: Platform, q: RequestsQuery): Promise<Open311Request[]> {
  const store = critiqueStores(p).critiques;
  if (q.serviceRequestIds?.length) {
    if (q.serviceRequestIds.length > MAX_IDS)
      throw badRequest(`At most ${MAX_IDS} service_request_id values at once.`);
    const codes = q.serviceRequestIds.map((id) => {
      const code = parseTrackingCode(id);
      if (!code) throw badRequest(`"${id.slice(0, 40)}" is not a valid service_request_id.`);
      return code;
    });
    return (await store.getMany(codes)).map(open311Request);
  }
  let scope: Pick<BoardFilter, 'departmentId' | 'general'> & { category?: Category } = {};
  if (q.serviceCode) {
    const { category, department } = await serviceOf(p, q.serviceCode, 400);
    scope = { category, ...(department ? { departmentId: department.id } : { general: true }) };
  }
  const { from, to } = requestWindow(p.clock.now(), q.start, q.end);
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
  const { rows } = await store.boardRange(filters, from.toISOString(), to.toISOString(), MAX_RESULTS);
  return (await store.getMany(rows.map((r) => r.trackingCode))).map(open311Request);
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
      throw badRequest(`attribute[service_item] ${s.serviceItem} is not a service item of ${s.serviceCode}.`);
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
