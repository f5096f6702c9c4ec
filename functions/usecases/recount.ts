/**
 * The recount: rebuild aggregates from raw items with the same contribution functions
 * the stream aggregator uses, compare them with the stored aggregates, and optionally
 * overwrite what differs. An offline/admin tool (it scans), never on a request path.
 */
import { accumulate, type Counters, parseAggregateId } from '../domain/aggregates/contribution.js';
import { aggregatedTypes, contributionsOf } from '../domain/aggregates/contributors.js';
import type { Platform } from '../platform.js';

/** What the recount needs of the platform: the aggregate store's scans and repair. */
type RecountPlatform = Pick<Platform, 'aggregates'>;

export interface RecountFilter {
  scope?: string | undefined;
  id?: string | undefined;
}

export interface Difference {
  aggregate: string;
  counter: string;
  stored: number;
  recounted: number;
}

export interface RecountResult {
  rawItems: number;
  aggregates: number;
  differences: Difference[];
}

function matches(aggregate: string, f: RecountFilter): boolean {
  const { scope, id } = parseAggregateId(aggregate);
  return (!f.scope || f.scope === scope) && (!f.id || f.id === id);
}

/** Every aggregate as the raw items say it should be. */
async function recountedAggregates(p: RecountPlatform) {
  const raw = await p.aggregates.scanItemsOfTypes(aggregatedTypes());
  const recounted = new Map<string, Counters>();
  for (const item of raw) accumulate(recounted, contributionsOf(item));
  return { rawItems: raw.length, recounted };
}

/** Recount from raw items; the stored aggregates are summed over their write shards. */
export async function recount(p: RecountPlatform, filter: RecountFilter = {}): Promise<RecountResult> {
  const { rawItems, recounted } = await recountedAggregates(p);
  const stored = await p.aggregates.storedAggregates();

  const differences: Difference[] = [];
  const all = new Set([...recounted.keys(), ...stored.keys()]);
  let aggregates = 0;
  for (const aggregate of [...all].sort()) {
    if (!matches(aggregate, filter)) continue;
    aggregates++;
    const a = stored.get(aggregate) ?? {};
    const b = recounted.get(aggregate) ?? {};
    for (const counter of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const s = a[counter] ?? 0;
      const r = b[counter] ?? 0;
      if (s !== r) differences.push({ aggregate, counter, stored: s, recounted: r });
    }
  }
  return { rawItems, aggregates, differences };
}

/**
 * Overwrite the aggregates that differ with their recounted values (all in shard 0,
 * other shards removed). Run it while no stream records are in flight.
 */
export async function applyRecount(
  p: RecountPlatform,
  differences: Difference[],
  filter: RecountFilter = {},
) {
  const affected = new Set(differences.map((d) => d.aggregate));
  if (!affected.size) return 0;
  const { recounted } = await recountedAggregates(p);
  const values = new Map<string, Counters>();
  for (const aggregate of affected) {
    if (matches(aggregate, filter)) values.set(aggregate, recounted.get(aggregate) ?? {});
  }
  await p.aggregates.overwriteAggregates(values);
  return affected.size;
}
