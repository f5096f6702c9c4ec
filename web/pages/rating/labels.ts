/**
 * Message keys of the rating vocabulary (score levels, sub-scores, follow-up states),
 * so every page names them the same way.
 */
import type { SubScoreKey } from '../../../functions/domain/ratings/rating.js';
import { dateTimeLabel, type Lang, type MessageKey, t } from '../../i18n.js';

export const SCORE_KEYS: Record<number, MessageKey> = {
  5: 'score5',
  4: 'score4',
  3: 'score3',
  2: 'score2',
  1: 'score1',
};

export const SUB_SCORE_KEYS: Record<SubScoreKey, MessageKey> = {
  efficiency: 'subEfficiency',
  attitude: 'subAttitude',
  guideAccuracy: 'subGuideAccuracy',
  convenience: 'subConvenience',
};

export const scoreLabel = (lang: Lang, score: number) =>
  `${t(lang, SCORE_KEYS[score] ?? 'score3')} (${score})`;

export const STATE_KEYS: Record<string, MessageKey> = {
  open: 'stateOpen',
  overdue: 'stateOverdue',
  appealed: 'stateAppealed',
  closed: 'stateClosed',
  excluded: 'stateExcluded',
  all: 'stateAll',
};

export const OUTCOME_KEYS: Record<string, MessageKey> = {
  resolved: 'outcomeResolved',
  explained: 'outcomeExplained',
  unresolved: 'outcomeUnresolved',
  unreachable: 'outcomeUnreachable',
};

export const RECT_STATUS_KEYS: Record<string, MessageKey> = {
  planned: 'rectStatusPlanned',
  done: 'rectStatusDone',
  cannot: 'rectStatusCannot',
};

export const APPEAL_STATUS_KEYS: Record<string, MessageKey> = {
  pending: 'appealStatusPending',
  upheld: 'appealStatusUpheld',
  rejected: 'appealStatusRejected',
};

/** A Beijing date-time for display, e.g. 2026-11-20 10:05 (20 Nov 2026, 10:05 in English). */
export function beijingTime(iso: string | undefined, lang: Lang = 'zh'): string {
  return dateTimeLabel(lang, iso);
}

/** Query string keeping the page language (`?lang=en` only when English). */
export const langQuery = (lang: Lang, sep: '?' | '&' = '?') => (lang === 'en' ? `${sep}lang=en` : '');
