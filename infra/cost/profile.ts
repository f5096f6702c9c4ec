/**
 * The request profile: what one business event makes the platform do, in billable
 * units — DynamoDB request units (items ≤ 1 KB cost one write unit, larger ones more;
 * transactions twice; every GSI an item carries is written too, the table projects ALL),
 * Lambda invocations and GB-seconds, API and CloudFront requests, S3 requests, SMS parts
 * and log bytes. Each figure says where in the code it comes from, so a change to a
 * write path shows up here as a line to revisit.
 *
 * Counts of requests and index writes are read from the code; item sizes were measured
 * with `itemBytes` on items built by the real stores (the unit test re-measures the
 * important ones); Lambda durations are estimates (no measured figures exist yet) — after
 * a month in production, replace them with the REPORT lines' averages.
 */
import type { Usage } from './usage.js';

/** Memory per function group, GB (infra/constructs/woodpecker-function.ts default 1024 MB; infra/stacks/api-stack.ts sweeper 512). */
export const MEMORY_GB = { api: 1, aggregator: 1, sweeper: 0.5 } as const;

/** Item sizes in KB, measured with itemBytes() on the stores' own item builders (test/unit/cost.test.ts re-checks the ≤ 1 KB ones). */
export const ITEM_KB = {
  /** functions/store/cases.ts caseItem: 0.71 KB open, 0.79 KB completed (with phone hash and one suspension). */
  case: 0.8,
  /** functions/store/ratings.ts ratingItem: 0.48 KB good, 0.96 KB bad with comment and callback contact (content version, rating channel, indicator set and callback period included). */
  ratingGood: 0.5,
  ratingBad: 0.97,
  /** A bad review after callback + rectification records: over 1 KB, so 2 units per write. */
  ratingFollowedUp: 1.3,
  /** functions/store/critiques.ts critiqueItem: 0.86 KB submitted, 1.34 KB once routed and answered. */
  critiqueSubmitted: 0.86,
  critiquePublic: 1.4,
  /** boardRowItem: 0.76 KB (masked excerpt up to 280 characters). */
  boardRow: 0.76,
  /** functions/store/aggregates.ts: a marker is 72 B; a service/window/staff aggregate shard ≤ 0.8 KB; a city/department/district shard passes 1 KB once its histogram buckets fill. */
  marker: 0.07,
  smallAggregate: 0.8,
  largeAggregate: 1.3,
} as const;

/** Write units of one standard write / transactional write of an item of `kb`. */
const wru = (kb: number) => Math.ceil(kb);
const txWru = (kb: number) => 2 * Math.ceil(kb);

/**
 * What the stream aggregator writes for one record whose delta is not empty
 * (functions/store/aggregates.ts applyDeltas): one TransactWriteItems with a marker put
 * and one ADD update per aggregate touched. Cases and ratings touch 6 scopes
 * (scopesOf with staff: city, svc, dept, district, window, staff); accepted critiques 4
 * (no window/staff). Counted per record, as if no two records of a batch shared an
 * aggregate — exact at low volume, an upper bound when a busy batch merges the city and
 * department updates of many records.
 */
export const AGGREGATE_WRITES = {
  /** marker 2 + svc, window, staff (small) 3 × 2 + city, dept, district (large) 3 × 4 = 20. */
  caseOrRating: txWru(ITEM_KB.marker) + 3 * txWru(ITEM_KB.smallAggregate) + 3 * txWru(ITEM_KB.largeAggregate),
  /** marker 2 + svc 2 + city, dept, district 3 × 4 = 16 (functions/domain/critiques/contribution.ts). */
  critique: txWru(ITEM_KB.marker) + txWru(ITEM_KB.smallAggregate) + 3 * txWru(ITEM_KB.largeAggregate),
} as const;

/** Estimated Lambda durations, ms (estimates: see the module comment). */
export const DURATION_MS = {
  /** A page or API request that reads or writes a few items (pages, public-write, staff). */
  request: 60,
  /** A staff console page or staff write: token/session check, then a few items. */
  staffRequest: 80,
  /** cases:batch: fixed part plus per row (16 rows in flight, functions/usecases/ingest-cases.ts CONCURRENCY). */
  batchBase: 40,
  batchPerRow: 3,
  /** Stream aggregator: fixed part plus one transaction per record. */
  aggregatorBase: 20,
  aggregatorPerRecord: 8,
  /** Sweeper run: calendar load and four gsi2 queries (functions/usecases/sweep-warnings.ts). */
  sweeperRun: 300,
  /** One due item handled by the sweeper (a conditional UpdateItem). */
  sweeperItem: 10,
  /** A public page rendered by the pages function on an edge miss (reads its aggregates; ~36 ms measured locally for the home page). */
  pageRender: 60,
} as const;

/** Log bytes, KB: a Lambda invocation's START/END/REPORT lines and Powertools lines; one API access-log line. */
export const LOG_KB = { invocation: 0.8, accessLine: 0.6 } as const;

/** Transferred to the viewer, KB. */
export const TRANSFER_KB = {
  /** A static page view: ~15 KB compressed HTML + the 57 KB gzipped curves.js (web/assets.ts) on one view in 2.5 + favicon. */
  pageView: 40,
  /** A dynamic page (rating form, critique pages, staff consoles), compressed HTML. */
  dynamicPage: 20,
} as const;

/**
 * Behaviour assumed per event (not read from code): shares and counts an operator can
 * correct from the first months' figures.
 */
export const BEHAVIOUR = {
  /** Share of bad reviews (score ≤ 2): about 7%, the spread test/bench/ratings.bench.ts uses. */
  badShare: 0.07,
  /** Follow-up writes per bad review: callback, rectification, the rater's feedback (functions/usecases/ratings/follow-up.ts). */
  followUpsPerBadReview: 3,
  /** Share of critiques the office accepts (rejected, merged ones stay off the board). */
  acceptedCritiqueShare: 0.8,
  /** Staff transitions per accepted critique: accept, route, reply, and the nitpicker's confirmation. */
  transitionsPerAcceptedCritique: 4,
  /** Tracking-page views per critique by the nitpicker (/critiques/{code}). */
  trackingViewsPerCritique: 3,
  /** Colour changes the sweeper writes per case (most cases complete while green). */
  sweeperUpdatesPerCase: 0.5,
  /** Share of public page views that are dynamic (/critiques/*, rating and receipt pages, prefs). */
  dynamicPageShare: 0.05,
  /** CloudFront requests per static page view: the page, and one visit in 2.5 fetches the script and icon. */
  requestsPerPageView: 1.8,
} as const;

/**
 * A rating invitation's SMS: functions/usecases/notifications.ts notifyRatingInvitation
 * is 166 characters with a 22-character case id and a 50-character token (measured);
 * Chinese text is UCS-2, so 67 characters per part of a multi-part message.
 */
export const SMS_PARTS_PER_INVITATION = Math.ceil(166 / 67);

/** Derived per-scenario figures the profile needs (computed by the model from a scenario). */
export interface ProfileContext {
  /** Rows per cases:batch request. */
  rowsPerBatch: number;
  /** Share of a batch's rows whose service was not already looked up in that batch. */
  newServiceShare: number;
  /** Stream records per aggregator invocation. */
  recordsPerAggregatorBatch: number;
  cacheMissRatio: number;
}

/**
 * One public page rendered on an edge miss (pages function through API Gateway): a
 * service page reads the service (Query ≤ 4 KB), its aggregates twice (curves and the
 * satisfaction panel: 24 months × 4 shards × ~0.7 KB ≈ 67 KB consistent → 17 units each)
 * and its department (1) → 37; a department page ~60; the home page, rankings and others
 * ~10. Weighted by what is viewed most (home and service pages), about 25.
 */
function publicRender(): Usage {
  return add(apiCall(DURATION_MS.pageRender), { dynamoRru: 25 });
}

/** The aggregator's Lambda share of one stream record. */
function aggregatorShare(ctx: ProfileContext): Usage {
  const n = ctx.recordsPerAggregatorBatch;
  const ms = DURATION_MS.aggregatorBase / n + DURATION_MS.aggregatorPerRecord;
  return {
    lambdaRequests: 1 / n,
    lambdaGbSeconds: (ms / 1000) * MEMORY_GB.aggregator,
    logsIngestGb: LOG_KB.invocation / n / 1e6,
  };
}

/** One API request through API Gateway to a Lambda function of `memoryGb` running `ms`. */
function apiCall(ms: number, memoryGb: number = MEMORY_GB.api): Usage {
  return {
    apiRequests: 1,
    lambdaRequests: 1,
    lambdaGbSeconds: (ms / 1000) * memoryGb,
    logsIngestGb: (LOG_KB.invocation + LOG_KB.accessLine) / 1e6,
  };
}

/** A dynamic page served through CloudFront (and inspected by the WAF) to the API. */
function viaCdn(kb: number): Usage {
  return { cloudfrontRequests: 1, cloudfrontGb: kb / 1e6, wafRequests: 1 };
}

function add(...parts: Usage[]): Usage {
  const out: Usage = {};
  for (const part of parts)
    for (const [k, v] of Object.entries(part)) out[k as keyof Usage] = (out[k as keyof Usage] ?? 0) + v;
  return out;
}

function times(n: number, u: Usage): Usage {
  return Object.fromEntries(Object.entries(u).map(([k, v]) => [k, v * n])) as Usage;
}

/** The per-event profiles. Each returns the usage of ONE occurrence of the event. */
export const profile = {
  /**
   * One case row pushed by an upstream system (cases:batch, straight to the API's
   * address, not through CloudFront: docs/deploy.md).
   */
  caseWrite(ctx: ProfileContext): Usage {
    const rows = ctx.rowsPerBatch;
    return add(
      // One API request and one staff invocation per batch (functions/api/routes → ingestCases).
      times(1 / rows, apiCall(DURATION_MS.batchBase + DURATION_MS.batchPerRow * rows)),
      {
        // functions/store/cases.ts putCase: ONE conditional PutItem, no read before write
        // (test/bench/cases.bench.ts measures it against raw conditional puts). 0.8 KB → 1
        // unit on the table, plus gsi1 (caseByDepartment, always) and gsi2 (openByDue: put
        // when the case opens, delete when it completes) → 3 units either way.
        dynamoWru: wru(ITEM_KB.case) * 3,
        // ingestCases serviceOf/departmentOf: getService (Query of the SVC# partition,
        // consistent, < 4 KB) and getDepartment (GetItem) once per service per batch.
        dynamoRru: 2 * ctx.newServiceShare,
      },
      // The stream record: the case's new − old contribution (case-contribution.ts) moves
      // 6 aggregates when it opens (received) and 6 when it completes (cases, durations…).
      { dynamoWru: AGGREGATE_WRITES.caseOrRating },
      aggregatorShare(ctx),
    );
  },

  /**
   * A rating invitation for a newly completed feed case with a phone
   * (functions/usecases/rating-invitations.ts inviteToRate).
   */
  invitation(): Usage {
    return {
      // takeRateLimit: one conditional UpdateItem of a tiny counter (store/rate-limit.ts).
      // notify(): one outbox PutItem (0.4 KB) with gsi1 keys → 2 units.
      dynamoWru: 1 + 2,
      smsParts: SMS_PARTS_PER_INVITATION,
    };
  },

  /** One rating, through the rating page: GET form, POST, 303 to the receipt view. */
  rating(ctx: ProfileContext): Usage {
    const bad = BEHAVIOUR.badShare;
    const followUps = bad * BEHAVIOUR.followUpsPerBadReview;
    return add(
      // web/pages/rating/routes.tsx: GET /rate/:caseId, POST /rate/:caseId, GET …&done=1 (pages function).
      times(3, add(apiCall(DURATION_MS.request), viaCdn(TRANSFER_KB.dynamicPage))),
      {
        // The form and the done page read the case and its rating (raterStanding, 2 consistent reads each);
        // submitRating reads the case and the rate-limit counter in ONE BatchGetItem (store/ratings.ts caseWithHits) → 2.
        dynamoRru: 2 + 2 + 2,
        // store/ratings.ts create: ONE conditional PutItem. Good review 0.45 KB, no index keys → 1;
        // bad review 0.9 KB with gsi1 (department inbox) and gsi2 (follow-up due) → 3.
        // rememberStaff: ADD to the department's RATEDSTAFF set (~2 KB) once per warm process and staff member,
        // counted as every other rating → 1.
        dynamoWru: (1 - bad) * wru(ITEM_KB.ratingGood) + bad * 3 * wru(ITEM_KB.ratingBad) + 1,
      },
      // The new rating's contribution: 6 aggregates (rating-contribution.ts).
      { dynamoWru: AGGREGATE_WRITES.caseOrRating },
      aggregatorShare(ctx),
      // Follow-up of bad reviews: each is a staff request (through CloudFront), a consistent GetItem,
      // a conditional replace (store/ratings.ts replace, 1.3 KB → 2 units, gsi1 update 2, gsi2 due key moved:
      // delete + put 4) and a stream record moving the follow-up counters of 6 aggregates.
      times(
        followUps,
        add(apiCall(DURATION_MS.staffRequest), viaCdn(TRANSFER_KB.dynamicPage), aggregatorShare(ctx), {
          dynamoRru: 1,
          dynamoWru: 4 * wru(ITEM_KB.ratingFollowedUp) + AGGREGATE_WRITES.caseOrRating,
        }),
      ),
    );
  },

  /** One critique: the submission, its tracking views and the staff transitions that follow. */
  critique(ctx: ProfileContext): Usage {
    const accepted = BEHAVIOUR.acceptedCritiqueShare;
    const transition = (public_: boolean) =>
      add(apiCall(DURATION_MS.staffRequest), viaCdn(TRANSFER_KB.dynamicPage), aggregatorShare(ctx), {
        // usecases/critiques/change.ts: loadCritique, one consistent GetItem (≤ 4 KB).
        dynamoRru: 1,
        dynamoWru: public_
          ? // store/critiques.ts save: ONE transaction — the critique put (1.4 KB → 2 KB, 4 units), its
            // index moves (gsi3 status key changes: delete + put, gsi1/gsi2 inbox and due keys: standard
            // writes of a 2 KB item, 8 units), the ≤ 12 board rows that changed (board.ts, 0.76 KB each,
            // transactional 2 → 24); store/audit.ts recordAudit (0.6 KB + gsi1, 2); and the stream
            // record's 4 aggregates (16).
            txWru(ITEM_KB.critiquePublic) + 8 + 12 * txWru(ITEM_KB.boardRow) + 2 + AGGREGATE_WRITES.critique
          : // Rejected or merged: the critique put and its gsi3 move, the audit entry; no rows, no aggregates.
            txWru(ITEM_KB.critiqueSubmitted) + 2 * wru(ITEM_KB.critiqueSubmitted) + 2,
      });
    return add(
      // web/pages/critiques/routes.tsx: GET /critiques/new, POST, 303 to /critiques/{code}?new=1 (pages function).
      times(3, add(apiCall(DURATION_MS.request), viaCdn(TRANSFER_KB.dynamicPage))),
      {
        // usecases/critiques/submit.ts: resolveTarget (getService Query + getDepartment) and the receipt page's read.
        dynamoRru: 2 + 1,
        // takeSubmitterLimits: 2 conditional UpdateItems (client and address buckets); store/critiques.ts create:
        // the dedup PutItem and the critique PutItem (0.86 KB) with its gsi3 (by status) → 1 + 1 + 1 + 2.
        dynamoWru: 2 + 1 + wru(ITEM_KB.critiqueSubmitted) * 2,
      },
      // A submitted critique is not public: its stream record carries no delta (contribution.ts isPublic).
      aggregatorShare(ctx),
      // The nitpicker follows it: /critiques/{code} (pages function), one consistent GetItem.
      times(
        BEHAVIOUR.trackingViewsPerCritique,
        add(apiCall(DURATION_MS.request), viaCdn(TRANSFER_KB.dynamicPage), { dynamoRru: 1 }),
      ),
      times(accepted * BEHAVIOUR.transitionsPerAcceptedCritique, transition(true)),
      times(1 - accepted, transition(false)),
    );
  },

  /** One public page view: a static page from CloudFront, or (a small share) a dynamic one. */
  pageView(ctx: ProfileContext): Usage {
    const dynamic = BEHAVIOUR.dynamicPageShare;
    const requests = BEHAVIOUR.requestsPerPageView;
    return add(
      {
        cloudfrontRequests: (1 - dynamic) * requests,
        cloudfrontGb: ((1 - dynamic) * TRANSFER_KB.pageView) / 1e6,
        wafRequests: (1 - dynamic) * requests,
      },
      // An edge miss on the page itself (scripts and icons are kept a day): the pages
      // function renders it (web/cache-rules.ts: kept 60 s at the edge).
      times((1 - dynamic) * ctx.cacheMissRatio, publicRender()),
      // A dynamic public page: the pages function reads about two items (a board page is one Query).
      times(dynamic, add(apiCall(DURATION_MS.request), viaCdn(TRANSFER_KB.dynamicPage), { dynamoRru: 2 })),
    );
  },

  /** One staff console page (pages or staff function through CloudFront): session GetItem and a list Query. */
  staffPageView(): Usage {
    return add(apiCall(DURATION_MS.staffRequest), viaCdn(TRANSFER_KB.dynamicPage), { dynamoRru: 3 });
  },

  /**
   * One sweeper run (EventBridge every 5 minutes, api-stack.ts): four Queries of the
   * sparse gsi2 partitions (keys.openPartitions, eventually consistent, ≥ 0.5 unit each)
   * and the calendar partition (cached 60 s, so read again on every run).
   */
  sweeperRun(): Usage {
    return {
      lambdaRequests: 1,
      lambdaGbSeconds: (DURATION_MS.sweeperRun / 1000) * MEMORY_GB.sweeper,
      dynamoRru: 4 * 0.5 + 1,
      logsIngestGb: LOG_KB.invocation / 1e6,
    };
  },

  /**
   * One colour change the sweeper writes (store/cases.ts setStanding): the item came with
   * the gsi2 Query (0.8 KB of a ≤ 4 KB eventually consistent page); one conditional
   * UpdateItem: table 1, gsi1 1 (ALL projection: the warning changed), gsi2 next-check key
   * moved 2, gsi3 board key put or moved ~1.5. Its stream record has no delta.
   */
  standingChange(ctx: ProfileContext): Usage {
    return add(
      {
        lambdaGbSeconds: (DURATION_MS.sweeperItem / 1000) * MEMORY_GB.sweeper,
        dynamoRru: (0.5 * ITEM_KB.case) / 4,
        dynamoWru: 1 + 1 + 2 + 1.5,
      },
      aggregatorShare(ctx),
    );
  },
} as const;

/** The platform's standing resources, per month. */
export const FIXED = {
  /** stateful-stack.ts: the platform secret; api-stack.ts: the CDN origin secret. */
  secrets: 2,
  /** Functions that read the secrets (cached 5 min per environment: functions/shared/secrets.ts). */
  secretReaders: 4,
  /** The customer-managed table key plus, after the first yearly rotation, one backing key (docs/deploy.md). */
  kmsKeys: 2,
  /** An error and a throttle alarm per function (7 with the publisher) plus API 5xx, iterator age, failure queue, table read/write throttles. */
  alarms: 7 * 2 + 5,
  /** monitoring-stack.ts: one dashboard. */
  dashboards: 1,
  /** edge-stack.ts: one web ACL with two rate-based rules and two AWS managed rule groups. */
  wafAcls: 1,
  wafRules: 4,
  /** stateful-stack.ts SystemMachineClient: one M2M client; each upstream system fetches a token an hour. */
  m2mClients: 1,
  tokenRequestsPerSystem: 730,
  /** Functions that load the calendar (≤ once a minute per environment: store/calendar.ts CACHE_MS). */
  calendarReaders: 5,
  /** CloudWatch log retention (woodpecker-function.ts, api-stack.ts: six months); S3 access logs 400 days. */
  logRetentionMonths: 6,
  accessLogRetentionMonths: 13,
} as const;
