/**
 * The public board's filters as partitions. A public critique is listed under every
 * combination of its status group (or any), its scope (department, service, "general"
 * when no department answers for it, or any) and its category (or any): at most
 * 2 × 3 × 2 = 12 small rows. A board page or an Open311 query under any filter is then
 * one Query of one partition, newest first, paginated by key — the items read depend
 * on the page size, never on how many critiques exist.
 */
import type { BoardStatus, Category, Critique } from './model.js';
import { boardStatusOf, isPublic, responsibleDepartment, responsibleDepartmentName } from './model.js';
import { maskPublic } from './public-view.js';
import { excerpt } from './text.js';

export interface BoardFilter {
  status?: BoardStatus | undefined;
  departmentId?: string | undefined;
  serviceCode?: string | undefined;
  /** Only critiques no department answers for (Open311's general service codes). */
  general?: boolean | undefined;
  category?: Category | undefined;
}

const ANY = '*';

/**
 * The partition name of a filter. A service implies its department, so a filter on a
 * service ignores the department (the caller checks they agree).
 */
export function boardFilterKey(f: BoardFilter): string {
  const scope = f.serviceCode
    ? `v:${f.serviceCode}`
    : f.departmentId
      ? `d:${f.departmentId}`
      : f.general
        ? 'g'
        : ANY;
  return `${f.status ?? ANY}|${scope}|${f.category ?? ANY}`;
}

/** Every partition a critique is listed under; none while it is not public. */
export function boardFilterKeysOf(c: Critique): string[] {
  if (!isPublic(c)) return [];
  const statuses = [ANY, boardStatusOf(c.status)!];
  const department = responsibleDepartment(c);
  const scopes = [ANY];
  if (department) scopes.push(`d:${department}`);
  else scopes.push('g');
  if (c.serviceCode) scopes.push(`v:${c.serviceCode}`);
  const categories = [ANY, c.category];
  const out: string[] = [];
  for (const s of statuses) for (const v of scopes) for (const k of categories) out.push(`${s}|${v}|${k}`);
  return out;
}

/** What one board row shows: enough to render a page without reading the critiques. */
export interface BoardRow {
  trackingCode: string;
  category: Category;
  status: Critique['status'];
  createdAt: string;
  targetType: Critique['targetType'];
  targetName?: string;
  serviceCode?: string;
  departmentId?: string;
  departmentName?: string;
  /** Masked, at most 280 characters. */
  excerpt: string;
  nickname?: string;
  meToo: number;
  /** Masked excerpt of the latest answer. */
  answer?: string;
  answeredAt?: string;
  responseDays?: number;
  answeredOnTime?: boolean;
  replyDue?: string;
  overdue?: boolean;
  confirmation?: 'solved';
  notSolvedCount: number;
  awarded: boolean;
}

export const EXCERPT_CHARS = 280;

/**
 * A stored row as it is shown: its texts masked again on the way out (masking is
 * idempotent), so rows written under older, weaker masking rules leak nothing either.
 */
export function publicBoardRow<T extends BoardRow>(row: T): T {
  return {
    ...row,
    excerpt: maskPublic(row.excerpt),
    ...(row.nickname ? { nickname: maskPublic(row.nickname) } : {}),
    ...(row.answer ? { answer: maskPublic(row.answer) } : {}),
  };
}

export function boardRowOf(c: Critique): BoardRow {
  const last = c.replies.at(-1);
  const department = responsibleDepartment(c);
  const departmentName = responsibleDepartmentName(c);
  return {
    trackingCode: c.trackingCode,
    category: c.category,
    status: c.status,
    createdAt: c.createdAt,
    targetType: c.targetType,
    ...(c.targetName ? { targetName: c.targetName } : {}),
    ...(c.serviceCode ? { serviceCode: c.serviceCode } : {}),
    ...(department ? { departmentId: department } : {}),
    ...(departmentName ? { departmentName } : {}),
    excerpt: excerpt(maskPublic(c.text), EXCERPT_CHARS),
    ...(c.nickname ? { nickname: maskPublic(c.nickname) } : {}),
    meToo: c.meToo,
    ...(last ? { answer: excerpt(maskPublic(last.text), EXCERPT_CHARS), answeredAt: last.at } : {}),
    ...(c.responseDays !== undefined ? { responseDays: c.responseDays } : {}),
    ...(c.answeredOnTime !== undefined ? { answeredOnTime: c.answeredOnTime } : {}),
    ...(c.replyDue ? { replyDue: c.replyDue } : {}),
    ...(c.overdue ? { overdue: true } : {}),
    ...(c.confirmation ? { confirmation: c.confirmation } : {}),
    notSolvedCount: c.notSolvedCount,
    awarded: Boolean(c.award),
  };
}
