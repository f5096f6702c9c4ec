/**
 * The large table two benchmarks measure against: 200,000 completed cases (1,000,000
 * with `--full`), 20,000 of them of the measured service FOOD with their monthly
 * aggregates, the rest filler of another service. Loading it is most of a bench run's
 * time (about 70 s here), and the curves figure (issue 3) and the sweeper figure
 * (issue 6) both ask for "200,000 cases in the table", so it is loaded once per run,
 * directly with BatchWriteItem (not through the stream), in its own DynamoDB Local,
 * and stopped when the run ends.
 */
import {
  accumulate,
  type Counters,
  parseAggregateId,
} from '../../functions/domain/aggregates/contribution.js';
import { contributionsOf } from '../../functions/domain/aggregates/contributors.js';
import { defaultCalendar } from '../../functions/domain/calendar/index.js';
import { buildCase } from '../../functions/domain/cases/case.js';
import { caseItem } from '../../functions/store/cases.js';
import { keys } from '../../functions/store/keys.js';
import { type BenchEnv, benchEnv, loadDirect } from './support.js';

export const LIMITS = [{ effectiveFrom: '1900-01-01', statutoryDays: 18, promisedDays: 6 }];

/** The input of the i-th generated completed case (2024–2025, one to six days each). */
export function caseInput(i: number, service = 'FOOD') {
  const day = 1 + (i % 27);
  const month = 1 + (Math.floor(i / 27) % 12);
  const year = 2024 + (Math.floor(i / 324) % 2);
  const mm = String(month).padStart(2, '0');
  const dd = String(day).padStart(2, '0');
  const done = String(Math.min(28, day + 1 + (i % 5))).padStart(2, '0');
  return {
    caseId: `B${service}${i}`,
    serviceCode: service,
    acceptedAt: `${year}-${mm}-${dd}T09:30:00+08:00`,
    completedAt: `${year}-${mm}-${done}T16:00:00+08:00`,
    windowId: `w${i % 7}`,
    staffId: `s${i % 13}`,
    updatedAt: `${year}-${mm}-${done}T16:00:00+08:00`,
  };
}

/** The stored item of the i-th generated case, as the store writes it. */
export function storedItem(i: number, service = 'FOOD') {
  const built = buildCase(caseInput(i, service), {
    today: '2026-11-20',
    departmentId: 'market',
    district: '浦东新区',
    limits: LIMITS,
    calendar: defaultCalendar(),
  });
  if (!built.ok) throw new Error(built.errors.join('; '));
  return caseItem(built.record, {}, { warning: 'green', nextCheck: undefined });
}

/** Aggregates for loaded cases, computed from their contributions and written to shard 0. */
export function aggregateItems(items: Record<string, unknown>[]) {
  const totals = new Map<string, Counters>();
  for (const item of items) accumulate(totals, contributionsOf(item));
  return [...totals].map(([key, counters]) => {
    const { scope, id, month } = parseAggregateId(key);
    return { ...keys.aggregate(scope, id, month, 0), type: 'agg', v: 1, scope, id, month, ...counters };
  });
}

/** The measured service's cases in the large table. */
export const MEASURED_CASES = 20_000;

/** The department and services the generated cases belong to. */
export async function putCaseCatalogue(env: BenchEnv): Promise<void> {
  await env.platform.catalogue.putDepartment({ id: 'market', name: '市场监督管理局', district: '浦东新区' });
  await env.platform.catalogue.putService(
    { code: 'FOOD', name: '食品经营许可', departmentId: 'market' },
    LIMITS[0]!,
  );
  await env.platform.catalogue.putService(
    { code: 'OTHER', name: '其他', departmentId: 'market' },
    LIMITS[0]!,
  );
}

export interface LargeCaseTable {
  env: BenchEnv;
  cases: number;
  loadSeconds: number;
}

let shared: Promise<LargeCaseTable> | undefined;

/** The large table, loaded on first use in this run. */
export function largeCaseTable(full: boolean, log: (m: string) => void): Promise<LargeCaseTable> {
  shared ??= (async () => {
    const cases = full ? 1_000_000 : 200_000;
    const env = await benchEnv('cases_large');
    const t0 = performance.now();
    await putCaseCatalogue(env);
    const measured = Array.from({ length: MEASURED_CASES }, (_, i) => storedItem(i));
    await loadDirect(env.store, [...measured, ...aggregateItems(measured)]);
    function* filler() {
      for (let i = 0; i < cases - MEASURED_CASES; i++) yield storedItem(i, 'OTHER');
    }
    await loadDirect(env.store, filler(), 12);
    const loadSeconds = (performance.now() - t0) / 1000;
    log(
      `loaded the shared table of ${cases.toLocaleString('en')} completed cases in ${loadSeconds.toFixed(0)} s`,
    );
    return { env, cases, loadSeconds };
  })();
  return shared;
}

/** Stop the shared table's DynamoDB Local (the bench runner calls this at the end). */
export async function stopLargeCaseTable(): Promise<void> {
  const table = await shared?.catch(() => undefined);
  shared = undefined;
  await table?.env.stop();
}
