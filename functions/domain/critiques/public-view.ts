/**
 * What the public may see of a critique — on its page, the board, the API and Open311.
 * Never the contact or client hash; every piece of free text (the critique, nickname,
 * answers, reasons) has phone, ID-card numbers and e-mail addresses masked, whoever
 * wrote it. Staff views are separate and show the text as submitted.
 */
import { maskPublicText } from '../pii.js';
import {
  boardStatusOf,
  type Critique,
  type CritiqueEvent,
  responsibleDepartment,
  responsibleDepartmentName,
} from './model.js';

/**
 * Mask personal numbers and e-mail addresses in text shown in public (see
 * `maskPublicText` in domain/pii: NFKC-aware, linear in the text's length).
 */
export function maskPublic(text: string): string {
  return maskPublicText(text);
}

export interface PublicCritique {
  trackingCode: string;
  category: Critique['category'];
  status: Critique['status'];
  /** open / answered / rectified for public critiques; absent while submitted, rejected or merged. */
  boardStatus?: string;
  targetType: Critique['targetType'];
  targetId?: string;
  targetName?: string;
  serviceCode?: string;
  departmentId?: string;
  departmentName?: string;
  text: string;
  nickname?: string;
  createdAt: string;
  updatedAt: string;
  meToo: number;
  duplicateOf?: string;
  rejectReason?: string;
  routedAt?: string;
  replyDue?: string;
  overdue: boolean;
  replies: { at: string; by: string; departmentId?: string; kind: string; text: string }[];
  firstAnsweredAt?: string;
  responseDays?: number;
  answeredOnTime?: boolean;
  rectifiedAt?: string;
  rectification?: string;
  confirmation?: 'solved';
  notSolvedCount: number;
  award?: { citation: string; grantedAt: string };
  events: CritiqueEvent[];
}

/** Event texts that are internal notes (a hand-back reason) stay out of the public timeline. */
function publicEvent(e: CritiqueEvent): CritiqueEvent {
  if (e.kind === 'handedBack') {
    const { text: _internal, ...rest } = e;
    return rest;
  }
  return e.text ? { ...e, text: maskPublic(e.text) } : e;
}

export function publicCritique(c: Critique): PublicCritique {
  const department = responsibleDepartment(c);
  const departmentName = responsibleDepartmentName(c);
  const boardStatus = boardStatusOf(c.status);
  return {
    trackingCode: c.trackingCode,
    category: c.category,
    status: c.status,
    ...(boardStatus ? { boardStatus } : {}),
    targetType: c.targetType,
    ...(c.targetId ? { targetId: c.targetId } : {}),
    ...(c.targetName ? { targetName: c.targetName } : {}),
    ...(c.serviceCode ? { serviceCode: c.serviceCode } : {}),
    ...(department ? { departmentId: department } : {}),
    ...(departmentName ? { departmentName } : {}),
    text: maskPublic(c.text),
    ...(c.nickname ? { nickname: maskPublic(c.nickname) } : {}),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    meToo: c.meToo,
    ...(c.duplicateOf ? { duplicateOf: c.duplicateOf } : {}),
    ...(c.rejectReason ? { rejectReason: maskPublic(c.rejectReason) } : {}),
    ...(c.routedAt ? { routedAt: c.routedAt } : {}),
    ...(c.replyDue ? { replyDue: c.replyDue } : {}),
    overdue: Boolean(c.overdue),
    replies: c.replies.map((r) => ({ ...r, text: maskPublic(r.text) })),
    ...(c.firstAnsweredAt ? { firstAnsweredAt: c.firstAnsweredAt } : {}),
    ...(c.responseDays !== undefined ? { responseDays: c.responseDays } : {}),
    ...(c.answeredOnTime !== undefined ? { answeredOnTime: c.answeredOnTime } : {}),
    ...(c.rectifiedAt ? { rectifiedAt: c.rectifiedAt } : {}),
    ...(c.rectification ? { rectification: maskPublic(c.rectification) } : {}),
    ...(c.confirmation ? { confirmation: c.confirmation } : {}),
    notSolvedCount: c.notSolvedCount,
    ...(c.award ? { award: { citation: maskPublic(c.award.citation), grantedAt: c.award.grantedAt } } : {}),
    events: c.events.map(publicEvent),
  };
}

/** The staff view: everything but the sealed contact and hashes. */
export function staffCritique(c: Critique) {
  const { contact, clientHash: _client, nitpickerKeyHashes: _keys, ...rest } = c;
  return { ...rest, ...(contact ? { contact: { kind: contact.kind, masked: contact.masked } } : {}) };
}
