/**
 * Whether a stored rating is the same submission as a new one: what makes the keyed
 * channels idempotent on the case id. A hotline or partner system that lost the answer
 * sends the same body again and gets the same answer; different content, or the same
 * content through another key or channel, is a second rating of a rated case (409).
 * Pure: no AWS or HTTP.
 */
import type { Rating } from './rating.js';

const sortedEntries = (o: Record<string, number> | undefined) =>
  JSON.stringify(Object.entries(o ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const sortedList = (l: readonly string[] | undefined) => JSON.stringify([...(l ?? [])].sort());

/** Same channel, key, staff entry, score, indicator levels, reasons and comment. */
export function sameSubmission(stored: Rating, again: Rating): boolean {
  return (
    stored.caseId === again.caseId &&
    stored.ratingChannel === again.ratingChannel &&
    stored.submittedByKey === again.submittedByKey &&
    stored.enteredBy === again.enteredBy &&
    stored.score === again.score &&
    sortedEntries(stored.indicators) === sortedEntries(again.indicators) &&
    sortedList(stored.reasons) === sortedList(again.reasons) &&
    (stored.comment ?? '') === (again.comment ?? '')
  );
}
