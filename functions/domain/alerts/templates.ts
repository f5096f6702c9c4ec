/**
 * The words of an alert, per kind and stage, in Chinese and English: the inbox title,
 * the e-mail subject and body (the SMS templates are in sms-templates.ts, under the
 * signature 【啄木鸟】 unless the deployment registers another).
 * Templates fill in only the alert's own params (ids, colours, levels), never free text
 * a citizen wrote.
 */
import type { Alert, AlertKind, AlertStage } from './model.js';

export type AlertLang = 'zh' | 'en';

export const DEFAULT_SMS_SIGNATURE = '【啄木鸟】';

const TITLES: Record<AlertKind, Record<AlertLang, (p: Record<string, string>) => string>> = {
  badReview: {
    zh: (p) => `新差评：办件 ${p.caseId}（${p.score} 分）`,
    en: (p) => `New bad review: case ${p.caseId} (score ${p.score})`,
  },
  critiqueRouted: {
    zh: (p) => `啄木鸟意见转办：${p.trackingCode}`,
    en: (p) => `Critique routed to you: ${p.trackingCode}`,
  },
  critiqueReopened: {
    zh: (p) => `啄木鸟意见重新办理：${p.trackingCode}`,
    en: (p) => `Critique reopened: ${p.trackingCode}`,
  },
  orderIssued: {
    zh: (p) => `督办单（第 ${p.level} 级）：${p.title}`,
    en: (p) => `Supervision order (level ${p.level}): ${p.title}`,
  },
  caseWarning: {
    zh: (p) => `办件 ${p.caseId} ${COLOURS.zh[p.level ?? ''] ?? p.level}预警`,
    en: (p) => `Case ${p.caseId} turned ${p.level}`,
  },
  appealFiled: {
    zh: (p) => `差评申诉待审：办件 ${p.caseId}`,
    en: (p) => `Appeal filed on a bad review: case ${p.caseId}`,
  },
  orderOverdue: {
    zh: (p) => `督办单逾期：${p.title}`,
    en: (p) => `Supervision order overdue: ${p.title}`,
  },
  seriousCase: {
    zh: (p) => `严重超期办件：${p.caseId}`,
    en: (p) => `Case seriously overdue: ${p.caseId}`,
  },
  orderUnanswered: {
    zh: (p) => `督办单逾期未回复：${p.title}`,
    en: (p) => `Supervision order unanswered past its deadline: ${p.title}`,
  },
};

const COLOURS: Record<AlertLang, Record<string, string>> = {
  zh: { yellow: '黄牌', red: '红牌', serious: '严重' },
  en: { yellow: 'yellow', red: 'red', serious: 'serious' },
};

const STAGE_PREFIX: Record<AlertStage, Record<AlertLang, string>> = {
  notice: { zh: '', en: '' },
  reminder: { zh: '【明日到期提醒】', en: '[Due tomorrow] ' },
  escalation: { zh: '【逾期升级】', en: '[Escalated: deadline passed] ' },
};

/** The one-line title of an alert (inbox, e-mail subject). */
export function alertTitle(a: Pick<Alert, 'kind' | 'stage' | 'params'>, lang: AlertLang): string {
  return `${STAGE_PREFIX[a.stage][lang]}${TITLES[a.kind][lang](a.params)}`;
}

/** The e-mail body: title, deadline, fallback note and the console link. */
export function alertEmailText(
  a: Pick<Alert, 'kind' | 'stage' | 'params' | 'deadline' | 'recipient'>,
  link: string,
): string {
  const lines = [alertTitle(a, 'zh'), alertTitle(a, 'en'), ''];
  if (a.deadline) lines.push(`办理期限 Deadline: ${a.deadline}`);
  if (a.recipient.fallback)
    lines.push(
      '该部门未设值班联系人，由效能办代收。 The department has no duty contact; the office is told instead.',
    );
  lines.push(`${link}`, '', '请登录工作台签收。 Acknowledge it in the console.');
  return lines.join('\n');
}
