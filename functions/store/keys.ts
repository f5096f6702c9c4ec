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
   * A bad review's next follow-up deadline (callback, rectification, contact purge) in
   * the sparse open-and-due index, so the sweeper flags overdue follow-ups without
   * reading every rating. Removed once nothing is left to watch.
   */
  ratingDue: (caseId: string, dueDate: string) => ({
    gsi2pk: `OPEN#${shardOf(`RATING:${caseId}`, OPEN_INDEX_PARTITIONS)}`,
    gsi2sk: `${dueDate}#RATING:${caseId}`,
  }),
  /** Appeals against bad reviews by status and filing time (the office's appeals queue). */
  appealByStatus: (status: string, filedAt: string, caseId: string) => ({
    gsi3pk: `APPEAL#${status}`,
    gsi3sk: `${filedAt}#${caseId}`,
  }),
  /** Staff members of a department who have been rated (评价到人 figures list them). */
  ratedStaff: (departmentId: string) => ({ pk: `DEPT#${departmentId}`, sk: 'RATEDSTAFF' }),

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
  /**
   * One row of the public critique board under one filter combination (status group ×
   * department/service/general × category, each also "any"). A critique fans out to a
   * few such rows while it is public, so every filter of the board and of Open311 GET
   * requests is one Query by partition and time: items read never grow with the table.
   */
  critiqueBoard: (filter: string, createdAt: string, trackingCode: string) => ({
    pk: `CRITBOARD#${filter}`,
    sk: `${createdAt}#${trackingCode}`,
  }),
  critiqueBoardPartition: (filter: string) => `CRITBOARD#${filter}`,
  /** Collapses identical critiques from one client within a short window (expires by TTL). */
  critiqueDedup: (hash: string) => ({ pk: `CRITDEDUP#${hash}`, sk: 'DEDUP' }),
  /** The woodpecker award of a critique, beside it; the hall of fame lists awards by time (gsi1). */
  critiqueAward: (trackingCode: string) => ({ pk: `CRIT#${trackingCode}`, sk: 'AWARD' }),
  critiqueAwardList: (grantedAt: string, trackingCode: string) => ({
    gsi1pk: 'CRITAWARDS',
    gsi1sk: `${grantedAt}#${trackingCode}`,
  }),
  /** A nickname's adopted critiques and awards; the leaderboard reads gsi1 by score. */
  critiqueLeader: (nicknameKey: string) => ({ pk: `CRITNICK#${nicknameKey}`, sk: 'NICK' }),
  critiqueLeaderRank: (score: string, nicknameKey: string) => ({
    gsi1pk: 'CRITLEADERS',
    gsi1sk: `${score}#${nicknameKey}`,
  }),
  /**
   * A key the office issues to an outside system (secret stored hashed): an Open311
   * api_key, or a rating-channel key scoped to a department and channel; listed through gsi1.
   */
  open311Key: (keyId: string) => ({ pk: `O311KEY#${keyId}`, sk: 'KEY' }),
  open311KeyList: (createdAt: string, keyId: string) => ({
    gsi1pk: 'O311KEYS',
    gsi1sk: `${createdAt}#${keyId}`,
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

  /** Ranking method versions (immutable data), one partition so the latest is one Query. */
  rankingMethod: (version: number) => ({ pk: 'RANKMETHOD', sk: `V#${String(version).padStart(6, '0')}` }),
  rankingMethodPartition: 'RANKMETHOD',
  /** A ranking version (draft or published) of a scope and period; rows and inputs share its partition. */
  ranking: (scope: string, period: string, version: number) => ({
    pk: `RANK#${scope}#${period}`,
    sk: `V#${String(version).padStart(6, '0')}`,
  }),
  rankingPartition: (scope: string, period: string) => `RANK#${scope}#${period}`,
  /** A chunk of a ranking version's result rows (`R`) or open-data inputs (`I`), read with its header. */
  rankingChunk: (scope: string, period: string, version: number, part: 'R' | 'I', chunk: number) => ({
    pk: `RANK#${scope}#${period}`,
    sk: `${part}#${String(version).padStart(6, '0')}#${String(chunk).padStart(5, '0')}`,
  }),
  rankingChunkPrefix: (version: number, part: 'R' | 'I') => `${part}#${String(version).padStart(6, '0')}#`,
  /** The published version of a scope and period: the publish transaction's guard and a one-GetItem read. */
  rankingCurrent: (scope: string, period: string) => ({ pk: `RANK#${scope}#${period}`, sk: 'CURRENT' }),
  /** Published rankings of a scope by period kind and period (latest table, movement, a unit's history). */
  rankingPublished: (scope: string, kind: string, period: string, version: number) => ({
    gsi3pk: `RANKPUB#${scope}#${kind}`,
    gsi3sk: `${period}#${String(version).padStart(6, '0')}`,
  }),
  /** Drafts awaiting the office's review, by creation time. */
  rankingDraft: (createdAt: string, scope: string, period: string, version: number) => ({
    gsi3pk: 'RANKDRAFT',
    gsi3sk: `${createdAt}#${scope}#${period}#${version}`,
  }),
  /** A supervision order (督办单) by id; its steps live on the item, the audit trail beside. */
  supervisionOrder: (id: string) => ({ pk: `ORDER#${id}`, sk: 'ORDER' }),
  /** A department's supervision orders by issue time (its inbox, reports). */
  orderByDepartment: (departmentId: string, issuedAt: string, id: string) => ({
    gsi1pk: `DEPT#${departmentId}#ORDERS`,
    gsi1sk: `${issuedAt}#${id}`,
  }),
  /** Supervision orders by status and issue time (the inspectors' list). */
  orderByStatus: (status: string, issuedAt: string, id: string) => ({
    gsi3pk: `ORDERS#${status}`,
    gsi3sk: `${issuedAt}#${id}`,
  }),
  /** An order awaiting the department, in the sweeper's due index from the day it becomes overdue. */
  orderDue: (id: string, date: string) => ({
    gsi2pk: `OPEN#${shardOf(`ORDER:${id}`, OPEN_INDEX_PARTITIONS)}`,
    gsi2sk: `${date}#ORDER:${id}`,
  }),

  /**
   * A signed-in staff member's server-side session, by the SHA-256 of the random id its
   * cookie holds (one strongly consistent GetItem per page; sign-out deletes it). The
   * table never holds the cookie value itself. Expires by TTL.
   */
  staffSession: (idHash: string) => ({ pk: `SESSION#${idHash}`, sk: 'SESSION' }),

  /**
   * Staff alerts (functions/store/alerts.ts). One alert by its deterministic id: the
   * conditional put on it is what makes a retried stream record or sweep send once.
   */
  alert: (id: string) => ({ pk: `ALERT#${id}`, sk: 'ALERT' }),
  /** A staff member's console inbox, newest first (gsi1, by the recipient's OIDC `sub`). */
  alertInbox: (sub: string, createdAt: string, id: string) => ({
    gsi1pk: `INBOX#${sub}`,
    gsi1sk: `${createdAt}#${id}`,
  }),
  /** The alerts about one item (a rating, order, critique, case): delivery status on its page (gsi3). */
  alertBySubject: (subjectType: string, subjectId: string, createdAt: string, id: string) => ({
    gsi3pk: `ALERTS#${subjectType}#${subjectId}`,
    gsi3sk: `${createdAt}#${id}`,
  }),
  /** A notice's next reminder or escalation, in the sweeper's due index (removed when nothing is left). */
  alertDue: (id: string, date: string) => ({
    gsi2pk: `OPEN#${shardOf(`ALERT:${id}`, OPEN_INDEX_PARTITIONS)}`,
    gsi2sk: `${date}#ALERT:${id}`,
  }),
  /** An SMS short link (`/s/<code>`) by its code (GetItem), written in the same transaction as its alert. */
  shortLink: (code: string) => ({ pk: `SHORT#${code}`, sk: 'SHORT' }),
  /** A staff member's unread count, moved in the same transaction as the alert put and its acknowledgement. */
  inboxCounter: (sub: string) => ({ pk: `INBOX#${sub}`, sk: 'COUNT' }),
  /** A unit's duty contacts (a department id, `@office`, `@inspector`): one Query of `C#` reads them. */
  dutyContact: (unit: string, sub: string) => ({ pk: `DUTY#${unit}`, sk: `C#${sub}` }),
  dutyContactPrefix: 'C#',
  /** The roster's history, in the unit's partition beside the contacts (`H#`, by time). */
  dutyHistory: (unit: string, at: string, id: string) => ({ pk: `DUTY#${unit}`, sk: `H#${at}#${id}` }),
  dutyHistoryPrefix: 'H#',
  dutyPartition: (unit: string) => `DUTY#${unit}`,

  /**
   * A fixed-window rate-limit counter (`store/rate-limit.ts`): one per bucket and window,
   * the window named by its length and start (epoch seconds); expires by TTL after it.
   */
  rateLimit: (bucket: string, windowSeconds: number, windowStart: number) => ({
    pk: `RL#${bucket}`,
    sk: `${windowSeconds}@${windowStart}`,
  }),
} as const;

/** The key attributes of an item, for conditional writes and deletes. */
export type ItemKey = { pk: string; sk: string };
