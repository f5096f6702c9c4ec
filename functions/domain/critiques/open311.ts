/**
 * Critiques in Open311 GeoReport v2 terms. A "service" is a category a critique can be
 * filed under, in general (`correction`) or about one department (`correction:market`,
 * with the department's service items as an optional attribute); a "request" is a
 * critique, its tracking code the `service_request_id`. Field names, types and the
 * open/closed status follow the GeoReport v2 schemas; times are ISO 8601 in Beijing
 * time with their offset.
 */
import {
  CATEGORIES,
  type Category,
  type Critique,
  LIMITS,
  responsibleDepartment,
  responsibleDepartmentName,
} from './model.js';
import { maskPublic } from './public-view.js';

export const OFFICE_NAME = '效能办（机关效能建设办公室）';

export const CATEGORY_NAMES: Record<Category, { zh: string; en: string }> = {
  correction: { zh: '纠错', en: 'Correction' },
  enquiry: { zh: '咨询', en: 'Enquiry' },
  suggestion: { zh: '建议', en: 'Suggestion' },
};

/** `correction` or `correction:market`. */
export function serviceCodeOf(category: Category, departmentId?: string): string {
  return departmentId ? `${category}:${departmentId}` : category;
}

export function parseServiceCode(code: string): { category: Category; departmentId?: string } | undefined {
  const [category, departmentId, ...rest] = code.split(':');
  if (rest.length || !CATEGORIES.includes(category as Category)) return undefined;
  if (departmentId === undefined) return { category: category as Category };
  return departmentId ? { category: category as Category, departmentId } : undefined;
}

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

export interface DepartmentRef {
  id: string;
  name: string;
}

export function open311Service(category: Category, department?: DepartmentRef): Open311Service {
  const name = CATEGORY_NAMES[category];
  return {
    service_code: serviceCodeOf(category, department?.id),
    service_name: department ? `${name.zh} · ${department.name}` : `${name.zh}（综合）`,
    description: department
      ? `${name.zh}（${name.en}）：关于${department.name}的服务事项或办事流程。`
      : `${name.zh}（${name.en}）：关于政务服务的一般流程，由效能办分拣。`,
    metadata: true,
    type: 'realtime',
    keywords: [name.zh, name.en.toLowerCase(), department?.name ?? '综合'].join(', '),
    group: department?.name ?? '综合',
  };
}

/** General services first, then each department's, categories in a fixed order. */
export function open311Services(departments: readonly DepartmentRef[]): Open311Service[] {
  return [
    ...CATEGORIES.map((c) => open311Service(c)),
    ...departments.flatMap((d) => CATEGORIES.map((c) => open311Service(c, d))),
  ];
}

export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

/** The attributes a client may send with `attribute[code]=...`. */
export function open311Definition(
  category: Category,
  department: DepartmentRef | undefined,
  serviceItems: readonly { code: string; name: string }[],
): { service_code: string; attributes: Open311Attribute[] } {
  const attributes: Open311Attribute[] = [
    {
      variable: false,
      code: 'privacy',
      datatype: 'text',
      required: false,
      datatype_description: null,
      order: 1,
      description:
        '内容将公开，请勿填写身份证号、电话等个人信息；联系方式（email 或 phone）仅用于通知答复，不公开。 Text is public; email/phone are used only to tell you about the answer.',
    },
    {
      variable: true,
      code: 'nickname',
      datatype: 'string',
      required: false,
      datatype_description: `至多 ${LIMITS.nickname} 个字，公开显示 (public nickname, up to ${LIMITS.nickname} characters)`,
      order: 2,
      description: '公开昵称（可选），用于找茬榜 Public nickname for the leaderboard (optional)',
    },
  ];
  if (department && serviceItems.length) {
    attributes.push({
      variable: true,
      code: 'service_item',
      datatype: 'singlevaluelist',
      required: false,
      datatype_description: null,
      order: 3,
      description: '涉及的服务事项（可选） The service item concerned (optional)',
      values: serviceItems.map((s) => ({ key: s.code, name: s.name })),
    });
  }
  return { service_code: serviceCodeOf(category, department?.id), attributes };
}

/** `2026-11-20T10:00:00+08:00` for an instant. */
export function beijingIso(instant: string | Date): string {
  const ms = (typeof instant === 'string' ? Date.parse(instant) : instant.getTime()) + 8 * 3600_000;
  return `${new Date(ms).toISOString().slice(0, 19)}+08:00`;
}

export type Open311Status = 'open' | 'closed';

/** Closed once answered, rectified, rejected or merged; open while waiting (or reopened). */
export function open311Status(c: Pick<Critique, 'status'>): Open311Status {
  return ['answered', 'rectified', 'rejected', 'duplicate'].includes(c.status) ? 'closed' : 'open';
}

export interface Open311Request {
  service_request_id: string;
  status: Open311Status;
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
}

function statusNotes(c: Critique): string | null {
  if (c.status === 'rejected') return `未受理：${maskPublic(c.rejectReason ?? '')}`;
  if (c.status === 'duplicate') return `与 ${c.duplicateOf} 重复，已合并办理。`;
  const last = c.replies.at(-1);
  if (!last) return null;
  const answer = last.kind === 'rectification' ? `已整改：${maskPublic(last.text)}` : maskPublic(last.text);
  return c.status === 'reopened' ? `留言人表示未解决，已重新办理。上次答复：${answer}` : answer;
}

function serviceNotice(c: Critique): string | null {
  if (c.status === 'submitted') return '等待效能办分拣（通常 1 个工作日内）。';
  if (c.status === 'accepted') return '效能办办理中。';
  if ((c.status === 'routed' || c.status === 'reopened') && c.replyDue) return `请于 ${c.replyDue} 前答复。`;
  return null;
}

/** A critique as an Open311 request, masked like every public view. */
export function open311Request(c: Critique): Open311Request {
  const department = responsibleDepartment(c);
  const awaiting = c.status === 'routed' || c.status === 'reopened';
  const name = CATEGORY_NAMES[c.category];
  const departmentName = responsibleDepartmentName(c);
  return {
    service_request_id: c.trackingCode,
    status: open311Status(c),
    status_notes: statusNotes(c),
    service_name: departmentName ? `${name.zh} · ${departmentName}` : `${name.zh}（综合）`,
    service_code: serviceCodeOf(c.category, department),
    description: maskPublic(c.text),
    agency_responsible: departmentName ?? OFFICE_NAME,
    service_notice: serviceNotice(c),
    requested_datetime: beijingIso(c.createdAt),
    updated_datetime: beijingIso(c.updatedAt),
    expected_datetime: awaiting && c.replyDue ? `${c.replyDue}T23:59:59+08:00` : null,
  };
}
