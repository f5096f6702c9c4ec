/**
 * Every key builder of the single table, in one place (ElectroDB style). Items carry
 * generic `pk/sk/gsi1pk/gsi1sk/...` fields plus `type` and `v`; the comment on each
 * builder says which access pattern it exists for. Nothing else in the code base
 * concatenates key strings.
 */

/** Number of write shards for hot aggregates; readers query all shards at once. */
export const AGGREGATE_SHARDS = 4;

/** Number of partitions of the sparse open-items index, so the sweeper is not one hot key. */
export const OPEN_INDEX_PARTITIONS = 4;

function shardOf(id: string, shards: number): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) | 0;
  return Math.abs(h) % shards;
}

export const keys = {
  /** A department by id (GetItem); listed through gsi1 `DEPARTMENTS`. */
  department: (id: string) => ({ pk: `DEPT#${id}`, sk: 'DEPT' }),
  departmentList: (id: string) => ({ gsi1pk: 'DEPARTMENTS', gsi1sk: id }),

  /** A service window by id; listed per department through gsi1. */
  window: (id: string) => ({ pk: `WIN#${id}`, sk: 'WIN' }),
  windowList: (departmentId: string, id: string) => ({ gsi1pk: `DEPT#${departmentId}#WINDOWS`, gsi1sk: id }),

  /** A service item; its limit history sits in the same partition so one Query reads both. */
  service: (code: string) => ({ pk: `SVC#${code}`, sk: 'SVC' }),
  serviceLimit: (code: string, effectiveFrom: string) => ({
    pk: `SVC#${code}`,
    sk: `LIMIT#${effectiveFrom}`,
  }),
  serviceLimitPrefix: 'LIMIT#',
  /** The catalogue listing, paginated by code. */
  serviceList: (code: string) => ({ gsi1pk: 'SERVICES', gsi1sk: code }),

  /** A case by id; its rating lives in the same partition (one conditional put per rating). */
  case: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' }),
  /** A department's cases by acceptance time (inbox, reports). */
  caseByDepartment: (departmentId: string, acceptedAt: string, caseId: string) => ({
    gsi1pk: `DEPT#${departmentId}#CASES`,
    gsi1sk: `${acceptedAt}#${caseId}`,
  }),
  /**
   * Open cases by due date, sparse: only cases not yet completed carry these keys, so
   * the sweeper reads open items only, whatever the number of closed cases.
   */
  openByDue: (id: string, dueDate: string) => ({
    gsi2pk: `OPEN#${shardOf(id, OPEN_INDEX_PARTITIONS)}`,
    gsi2sk: `${dueDate}#${id}`,
  }),
  /** Open cases on the inspectors' warnings board, by colour and age (sparse: not green). */
  openByWarning: (level: string, acceptedAt: string, id: string) => ({
    gsi3pk: `WARN#${level}`,
    gsi3sk: `${acceptedAt}#${id}`,
  }),
  openPartitions: () => Array.from({ length: OPEN_INDEX_PARTITIONS }, (_, i) => `OPEN#${i}`),

  /** The one rating of a case. */
  rating: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'RATING' }),
  /** A department's bad reviews by time (the department inbox). */
  badReviewByDepartment: (departmentId: string, ratedAt: string, caseId: string) => ({
    gsi1pk: `DEPT#${departmentId}#BADREVIEWS`,
    gsi1sk: `${ratedAt}#${caseId}`,
  }),

  /**
   * A monthly aggregate shard for a scope (`svc`, `dept`, `district`, `window`, `staff`,
   * `city`). Months and shards share one partition so a range of months is one Query
   * whose size depends on months × shards, never on the number of cases.
   */
  aggregate: (scope: string, id: string, month: string, shard: number) => ({
    pk: `AGG#${scope}#${id}`,
    sk: `M#${month}#${shard}`,
  }),
  aggregatePartition: (scope: string, id: string) => `AGG#${scope}#${id}`,
  aggregateMonthRange: (from: string, to: string) => ({ start: `M#${from}#`, end: `M#${to}#~` }),
  /** Which write shard a transaction of deltas goes to (by any id that varies between writers). */
  aggregateShard: (id: string) => shardOf(id, AGGREGATE_SHARDS),

  /**
   * A processed stream record: written in the same transaction as the aggregate update
   * so a redelivered record is recognised and skipped (exactly-once). Expires by TTL.
   */
  streamMarker: (eventId: string) => ({ pk: `STREAMREC#${eventId}`, sk: 'DONE' }),

  /** An official calendar year loaded by the office (beyond the bundled ones). */
  calendarYear: (year: number) => ({ pk: 'CALENDAR', sk: `YEAR#${year}` }),

  /** A critique by tracking code. */
  critique: (trackingCode: string) => ({ pk: `CRIT#${trackingCode}`, sk: 'CRIT' }),
  /** The public board: accepted critiques by status and time. */
  critiqueByStatus: (status: string, createdAt: string, trackingCode: string) => ({
    gsi3pk: `CRIT#${status}`,
    gsi3sk: `${createdAt}#${trackingCode}`,
  }),
  /** A department's critique inbox. */
  critiqueByDepartment: (departmentId: string, createdAt: string, trackingCode: string) => ({
    gsi1pk: `DEPT#${departmentId}#CRITIQUES`,
    gsi1sk: `${createdAt}#${trackingCode}`,
  }),

  /** A staff write in the audit trail, per target so a target's history is one Query. */
  audit: (target: string, at: string, id: string) => ({ pk: `AUDIT#${target}`, sk: `${at}#${id}` }),

  /** A notification the cloud would send (SMS, e-mail); the local outbox lists them by time. */
  outbox: (id: string, at: string) => ({
    pk: `OUTBOX#${id}`,
    sk: 'MSG',
    gsi1pk: 'OUTBOX',
    gsi1sk: `${at}#${id}`,
  }),

  /** A fixed-window rate-limit counter; expires by TTL after its window. */
  rateLimit: (bucket: string, window: string) => ({ pk: `RL#${bucket}`, sk: window }),
} as const;

/** The key attributes of an item, for conditional writes and deletes. */
export type ItemKey = { pk: string; sk: string };
