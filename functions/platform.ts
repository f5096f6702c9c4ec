/**
 * Everything a request or job needs, wired once per process: the stores, each owning
 * its entity's items and answering named queries, and the clock (injectable so tests
 * can move time). Every store is reached the same way, as a field here; the stores
 * that have a port in functions/domain/ports.ts are typed by it, so a test may supply
 * another implementation.
 */

import type { CalendarStore, CaseStore, CatalogueStore } from './domain/ports.js';
import { type AggregateStore, aggregateStore } from './store/aggregates.js';
import { type AlertStore, alertStore } from './store/alerts.js';
import { type AuditStore, auditStore } from './store/audit.js';
import { DynamoCalendarStore } from './store/calendar.js';
import { DynamoCaseStore } from './store/cases.js';
import { DynamoCatalogueStore } from './store/catalogue.js';
import { type StoreClient, storeClient } from './store/client.js';
import { DynamoApiKeyStore } from './store/critique-api-keys.js';
import { DynamoCritiqueAwardStore } from './store/critique-awards.js';
import { DynamoCritiqueStore } from './store/critiques.js';
import { DynamoDueItemStore } from './store/due-items.js';
import { type DutyRosterStore, dutyRosterStore } from './store/duty-roster.js';
import { DynamoHealthStore } from './store/health.js';
import { DynamoOutboxStore } from './store/outbox.js';
import { type RankingStore, rankingStore } from './store/rankings.js';
import { type RateLimitStore, rateLimitStore } from './store/rate-limit.js';
import { DynamoRatingStore } from './store/ratings.js';
import { type SessionStore, sessionStore } from './store/sessions.js';
import { type OrderStore, orderStore } from './store/supervision.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface Platform {
  /**
   * The table's client, for wiring only (the local runtime, its tools, tests): code in
   * functions/ and web/ asks the stores below, never the client.
   */
  store: StoreClient;
  clock: Clock;
  /** Departments, windows, services and their limit history. */
  catalogue: CatalogueStore;
  /** Cases, and the open ones through the sparse open index and the board index. */
  cases: CaseStore;
  /** Official calendar years loaded at run time, merged with the bundled ones. */
  calendar: CalendarStore;
  /** Ratings and their follow-up (bad reviews, appeals, rated staff). */
  ratings: DynamoRatingStore;
  /** Critiques and their public board rows. */
  critiques: DynamoCritiqueStore;
  /** Woodpecker awards and the nickname leaderboard. */
  critiqueAwards: DynamoCritiqueAwardStore;
  /** Open311 api_keys issued to partner apps. */
  apiKeys: DynamoApiKeyStore;
  /** Ranking methods and ranking versions. */
  rankings: RankingStore;
  /** Supervision orders. */
  orders: OrderStore;
  /** Staff sign-in sessions. */
  sessions: SessionStore;
  /** The audit trail of staff writes. */
  audit: AuditStore;
  /** Monthly aggregates: the stream aggregator's writes, the figures' reads, the recount. */
  aggregates: AggregateStore;
  /** Notifications sent (or, locally, to be seen at /dev/outbox). */
  outbox: DynamoOutboxStore;
  /** The open-and-due index the sweeper reads. */
  dueItems: DynamoDueItemStore;
  /** Staff alerts: the console inbox, unread counts, and the e-mail/SMS outbox of each alert. */
  alerts: AlertStore;
  /** Duty contacts and deputies per department, the office and the inspectors, with history. */
  dutyRoster: DutyRosterStore;
  /** Fixed-window rate-limit counters (every limit: rating links, SMS invitations, critique clients). */
  rateLimits: RateLimitStore;
  /** Whether the table answers (the health check). */
  health: DynamoHealthStore;
}

export function createPlatform(store: StoreClient, clock: Clock = systemClock): Platform {
  return {
    store,
    clock,
    catalogue: new DynamoCatalogueStore(store),
    cases: new DynamoCaseStore(store),
    calendar: new DynamoCalendarStore(store),
    ratings: new DynamoRatingStore(store),
    critiques: new DynamoCritiqueStore(store),
    critiqueAwards: new DynamoCritiqueAwardStore(store),
    apiKeys: new DynamoApiKeyStore(store),
    rankings: rankingStore(store),
    orders: orderStore(store),
    sessions: sessionStore(store),
    audit: auditStore(store),
    aggregates: aggregateStore(store),
    outbox: new DynamoOutboxStore(store),
    dueItems: new DynamoDueItemStore(store),
    alerts: alertStore(store),
    dutyRoster: dutyRosterStore(store),
    rateLimits: rateLimitStore(store),
    health: new DynamoHealthStore(store),
  };
}

let shared: Platform | undefined;

/** The process-wide platform built from the environment. */
export function platform(): Platform {
  shared ??= createPlatform(storeClient());
  return shared;
}

/** Replace the process-wide platform (local runtime and tests). */
export function setPlatform(p: Platform): void {
  shared = p;
}
