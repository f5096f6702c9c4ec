/**
 * The cost model: a scenario's monthly volumes × the request profile = a month's usage
 * of every billable dimension; usage × the price file = cost per service. Pure
 * arithmetic, no I/O, so the unit test can check it on hand-computed cases and the CLI
 * only formats what it returns.
 */
import { type Currency, currencyOf, type PriceEntry, prices, type Region } from './prices.js';
import { BEHAVIOUR, FIXED, ITEM_KB, type ProfileContext, profile } from './profile.js';
import type { Scenario } from './scenarios.js';
import {
  addUsage,
  type Service,
  scaleUsage,
  serviceOf,
  services,
  sumUsage,
  type Usage,
  type UsageKey,
} from './usage.js';

/** An average month (365.25 / 12 days). */
export const SECONDS_PER_MONTH = 30.4375 * 86_400;
const MINUTES_PER_MONTH = SECONDS_PER_MONTH / 60;

/** Largest cases:batch request (functions/usecases/ingest-cases.ts MAX_BATCH). */
export const MAX_BATCH_ROWS = 500;
/** The aggregator's event source: batches of ≤ 100 records gathered for ≤ 2 s (infra/stacks/api-stack.ts). */
export const AGGREGATOR_BATCH = { maxRecords: 100, windowSeconds: 2 } as const;
/** Busy hours carry this multiple of the average rate (office hours), which is what fills batches. */
export const PEAK_FACTOR = 3;
/** Sweeper every 5 minutes (api-stack.ts). */
export const SWEEP_INTERVAL_SECONDS = 300;

/**
 * cases:batch requests a month: each upstream system pushes what changed once per
 * interval, so a quiet feed sends one row per request and a busy one fills batches (up
 * to 500 rows).
 */
export function batchesPerMonth(rows: number, systems: number, intervalMinutes: number): number {
  if (rows <= 0) return 0;
  const pushes = (systems * MINUTES_PER_MONTH) / intervalMinutes;
  return Math.max(rows / MAX_BATCH_ROWS, Math.min(rows, pushes));
}

/**
 * Stream records per aggregator invocation: the records arriving in one batching window
 * at the busy-hour rate, at least one and at most the batch size.
 */
export function recordsPerBatch(recordsPerMonth: number): number {
  const perWindow = (recordsPerMonth / SECONDS_PER_MONTH) * PEAK_FACTOR * AGGREGATOR_BATCH.windowSeconds;
  return Math.min(AGGREGATOR_BATCH.maxRecords, Math.max(1, perWindow));
}

/**
 * The expected share of a batch's rows whose service is new to that batch (so costs a
 * catalogue read): for `rows` rows drawn from `catalogue` services, the expected number
 * of distinct services divided by the rows.
 */
export function newServiceShare(rows: number, catalogue: number): number {
  if (rows <= 1 || catalogue <= 1) return 1;
  const distinct = catalogue * (1 - (1 - 1 / catalogue) ** rows);
  return Math.min(1, distinct / rows);
}

/** The business events of a month, in the order they are reported. */
export const events = [
  'caseWrite',
  'invitation',
  'rating',
  'critique',
  'pageView',
  'staffPageView',
  'sweeperRun',
  'standingChange',
  'standing',
] as const;
export type EventName = (typeof events)[number];

export interface MonthlyUsage {
  /** How many times each event happens in the month and what they use together. */
  byEvent: Record<EventName, { count: number; usage: Usage }>;
  total: Usage;
  context: ProfileContext;
}

/**
 * Storage and standing resources of a month (the "standing" event): the table after
 * `historyMonths` of data, its backups, the CloudFront access logs, secrets, keys,
 * alarms, the web ACL and the staff identities.
 */
export function standingUsage(s: Scenario, monthlyLogGb: number, cdnRequests: number) {
  const months = s.historyMonths;
  // Bytes stored per item copy include DynamoDB's ~100 bytes of index overhead.
  const kb = (size: number) => size + 0.1;
  const tableKb =
    s.casesPerMonth * months * kb(ITEM_KB.case) +
    s.ratingsPerMonth * months * kb(ITEM_KB.ratingGood) +
    s.critiquesPerMonth * months * (kb(ITEM_KB.critiquePublic) + 12 * kb(ITEM_KB.boardRow)) +
    // One aggregate partition per unit (services, departments, districts, windows, staff, city), 4 shards a month.
    (s.services + s.departments + s.districts + s.windows + s.staff + 1) *
      months *
      4 *
      kb(ITEM_KB.smallAggregate);
  // gsi1 holds every case, bad review, critique and audit entry again (ALL projection); gsi2/gsi3 the open ones.
  const indexKb =
    s.casesPerMonth * months * kb(ITEM_KB.case) +
    s.ratingsPerMonth * months * BEHAVIOUR.badShare * kb(ITEM_KB.ratingBad) +
    s.critiquesPerMonth * months * 2 * kb(ITEM_KB.critiquePublic);
  const tableGb = tableKb / 1e6;
  const accessLogGb = (cdnRequests * 0.5) / 1e6;
  const warmWindows = s.warmEnvironments * (SECONDS_PER_MONTH / 300);
  const secretCalls = FIXED.secretReaders * warmWindows;
  return {
    dynamoStorageGbMonth: tableGb + indexKb / 1e6,
    // PITR is billed on the table's size (local secondary indexes included, GSIs not).
    dynamoPitrGbMonth: tableGb,
    // The calendar partition, re-read at most once a minute per warm environment.
    dynamoRru: FIXED.calendarReaders * s.warmEnvironments * MINUTES_PER_MONTH,
    s3StorageGbMonth: accessLogGb * FIXED.accessLogRetentionMonths,
    logsStorageGbMonth: monthlyLogGb * FIXED.logRetentionMonths,
    secretsMonth: FIXED.secrets,
    secretsApiCalls: secretCalls,
    kmsKeyMonth: FIXED.kmsKeys,
    // Every GetSecretValue decrypts with the key; DynamoDB asks KMS for the table key about as often.
    kmsRequests: 2 * secretCalls,
    alarmMonth: FIXED.alarms,
    dashboardMonth: FIXED.dashboards,
    wafAclMonth: FIXED.wafAcls,
    wafRuleMonth: FIXED.wafRules,
    cognitoMau: s.staff,
    cognitoM2mClientMonth: FIXED.m2mClients,
    cognitoM2mTokenRequests: s.upstreamSystems * FIXED.tokenRequestsPerSystem,
  } satisfies Usage;
}

/** A month of a scenario, as counts of each event and the usage they add up to. */
export function monthlyUsage(s: Scenario): MonthlyUsage {
  const caseWrites = s.casesPerMonth * s.caseWritesPerCase;
  const invitations = s.casesPerMonth * s.invitedShare;
  const standingChanges = s.casesPerMonth * BEHAVIOUR.sweeperUpdatesPerCase;
  // Item changes one critique makes: the submission, then (accepted) its transitions, or a rejection.
  const accepted = BEHAVIOUR.acceptedCritiqueShare;
  const critiqueChanges =
    s.critiquesPerMonth * (1 + accepted * BEHAVIOUR.transitionsPerAcceptedCritique + (1 - accepted));
  const ratingRecords = s.ratingsPerMonth * (1 + BEHAVIOUR.badShare * BEHAVIOUR.followUpsPerBadReview);
  const streamRecords = caseWrites + ratingRecords + critiqueChanges + standingChanges;
  const batches = batchesPerMonth(caseWrites, s.upstreamSystems, s.feedIntervalMinutes);
  const rowsPerBatch = batches > 0 ? caseWrites / batches : 1;
  const context: ProfileContext = {
    rowsPerBatch,
    newServiceShare: newServiceShare(rowsPerBatch, s.services),
    recordsPerAggregatorBatch: recordsPerBatch(streamRecords),
    cacheMissRatio: s.cacheMissRatio,
  };
  const counted: Record<Exclude<EventName, 'standing'>, { count: number; one: Usage }> = {
    caseWrite: { count: caseWrites, one: profile.caseWrite(context) },
    invitation: { count: invitations, one: profile.invitation() },
    rating: { count: s.ratingsPerMonth, one: profile.rating(context) },
    critique: { count: s.critiquesPerMonth, one: profile.critique(context) },
    pageView: { count: s.pageViewsPerMonth, one: profile.pageView(context) },
    staffPageView: { count: s.staff * s.staffPageViewsPerStaff, one: profile.staffPageView() },
    sweeperRun: { count: SECONDS_PER_MONTH / SWEEP_INTERVAL_SECONDS, one: profile.sweeperRun() },
    standingChange: { count: standingChanges, one: profile.standingChange(context) },
  };
  const byEvent = {} as MonthlyUsage['byEvent'];
  for (const [name, { count, one }] of Object.entries(counted))
    byEvent[name as EventName] = { count, usage: scaleUsage(one, count) };
  const variable = sumUsage(Object.values(byEvent).map((e) => e.usage));
  byEvent.standing = {
    count: 1,
    usage: standingUsage(s, variable.logsIngestGb ?? 0, variable.cloudfrontRequests ?? 0),
  };
  return {
    byEvent,
    total: addUsage(variable, byEvent.standing.usage),
    context,
  };
}

/** The cost of `amount` units at a price entry. */
export function priced(amount: number, entry: PriceEntry): number {
  return (amount / entry.per) * entry.price;
}

export interface ServiceCost {
  amount: number;
  /** Some price behind this line could not be verified here. */
  unverified: boolean;
  /** The service is not usable as deployed in this region (amount 0). */
  unavailable: boolean;
}

export interface Cost {
  region: Region;
  currency: Currency;
  byService: Record<Service, ServiceCost>;
  /** Everything but SMS, which is off unless the deployment sets sendSms=true. */
  total: number;
  totalWithSms: number;
}

/** Price a month's usage in a region, by service. */
export function costOf(usage: Usage, region: Region): Cost {
  const table = prices[region];
  const byService = Object.fromEntries(
    services.map((s) => [s, { amount: 0, unverified: false, unavailable: false }]),
  ) as Record<Service, ServiceCost>;
  for (const key of Object.keys(usage) as UsageKey[]) {
    const amount = usage[key] ?? 0;
    if (amount === 0) continue;
    const entry = table[key];
    const line = byService[serviceOf[key]];
    line.amount += priced(amount, entry);
    if (entry.verification.status === 'unverified') line.unverified = true;
    if (entry.verification.status === 'not-available') line.unavailable = true;
  }
  const sms = byService['SMS (SNS)'].amount;
  const totalWithSms = services.reduce((n, s) => n + byService[s].amount, 0);
  return { region, currency: currencyOf[region], byService, total: totalWithSms - sms, totalWithSms };
}

export interface Estimate {
  scenario: Scenario;
  usage: MonthlyUsage;
  costs: Cost[];
  /** The events costing most in the first region, largest first, with their share of its total. */
  drivers: { event: EventName; amount: number; share: number }[];
}

/** A scenario's month priced in each region, with what drives the bill. */
export function estimate(s: Scenario, regionsToPrice: readonly Region[]): Estimate {
  const usage = monthlyUsage(s);
  const costs = regionsToPrice.map((r) => costOf(usage.total, r));
  const first = regionsToPrice[0]!;
  const totalFirst = costs[0]?.total ?? 0;
  const drivers = events
    .map((event) => {
      const c = costOf(usage.byEvent[event].usage, first);
      return { event, amount: c.total, share: totalFirst > 0 ? c.total / totalFirst : 0 };
    })
    .sort((a, b) => b.amount - a.amount);
  return { scenario: s, usage, costs, drivers };
}
