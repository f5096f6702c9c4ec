/**
 * The demo seed of `npm start`: catalogue, windows, two years of cases, then whatever
 * feature seeds are registered (ratings, critiques, rankings), with a progress bar.
 *
 * It runs behind a site that is already serving, and may be cut short (Ctrl-C, a crash,
 * a kill -9, a reload of `npm run dev`), so it resumes: a run item records the instant
 * the demo is "as of" and the steps that finished, and the next start reuses that
 * instant and skips those steps. Each step draws from its own seeded generator and
 * writes under deterministic keys, so redoing an interrupted step overwrites the same
 * items with the same values (the stream aggregator applies new − old: nothing) rather
 * than adding more. The marker `isSeeded` reads is written last, once the stream has
 * delivered everything, so an interrupted first start is never taken for a finished one.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import cliProgress from 'cli-progress';
import { beijingDate, type WorkCalendar } from '../../../functions/domain/calendar/index.js';
import { buildCase, type CaseRecord } from '../../../functions/domain/cases/case.js';
import type { Platform } from '../../../functions/platform.js';
import type { StoreClient } from '../../../functions/store/client.js';
import { batchWrite, demoCaseItem, demoCases } from './cases.js';
import { DEMO_DEPARTMENTS, DEMO_SERVICES } from './catalogue.js';
import { Random } from './random.js';

/** Written last: the demo is complete. */
const MARKER = { pk: 'SEED', sk: 'demo' };
/** The run under way: `at` (the demo's "now") and the `steps` finished so far. */
const RUN = { pk: 'SEED', sk: 'demo#run' };
const BASE_SEED = 20261122;

export interface SeedContext {
  platform: Platform;
  /** This step's own generator (the same on every machine and every retry of the step). */
  rnd: Random;
  /** The instant the demo is "as of": the first attempt's start, kept by retries. */
  now: Date;
  /** Every demo case as stored. */
  cases: CaseRecord[];
  /** Share of the demo's volume (1 = all of it): feature seeds scale their counts by it. */
  share: number;
  /** Report progress of a step: done out of total. */
  progress: (step: string, done: number, total: number) => void;
}

/**
 * Feature seeds run after the cases, in registration order. A step may be cut short and
 * run again on the next start with the same `now` and generator: it must then leave the
 * same items, not a second copy.
 */
export const seedExtensions: { name: string; run: (ctx: SeedContext) => Promise<void> }[] = [];

export interface SeedOptions {
  interactive?: boolean;
  log?: (m: string) => void;
  /** Share of the demo's volume (cases, ratings, critiques), 0 < share ≤ 1 (WOODPECKER_SEED_VOLUME; default 1). */
  share?: number;
  /** Runs after the last step and before the completion marker: drain the stream. */
  settle?: () => Promise<void>;
}

export async function isSeeded(p: Platform): Promise<boolean> {
  const out = await p.store.doc.send(
    new GetCommand({ TableName: p.store.tableName, Key: MARKER, ConsistentRead: true }),
  );
  return Boolean(out.Item);
}

/** A step's generator: a fixed seed per step name, so skipping a finished step changes nothing after it. */
function stepRandom(step: string): Random {
  if (step === 'cases') return new Random(BASE_SEED);
  let h = BASE_SEED;
  for (let i = 0; i < step.length; i++) h = Math.imul(h ^ step.charCodeAt(i), 16777619);
  return new Random(h);
}

/** Let the HTTP server answer between slices of CPU-bound work (the site serves while seeding). */
export const yieldToServer = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The demo seed begun on this table, if any: its "now" and the steps it has finished. */
export async function seedRunOf(store: StoreClient): Promise<{ at: string; steps: string[] } | undefined> {
  const out = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: RUN, ConsistentRead: true }),
  );
  if (!out.Item) return undefined;
  return { at: String(out.Item.at), steps: (out.Item.steps as string[] | undefined) ?? [] };
}

/** The run to continue, or a new one as of now. */
async function beginRun(p: Platform): Promise<{ now: Date; done: Set<string>; resumed: boolean }> {
  const run = await seedRunOf(p.store);
  if (run) return { now: new Date(run.at), done: new Set(run.steps), resumed: true };
  const now = p.clock.now();
  await p.store.doc.send(
    new PutCommand({
      TableName: p.store.tableName,
      Item: { ...RUN, type: 'seed', v: 1, at: now.toISOString(), steps: [] },
    }),
  );
  return { now, done: new Set(), resumed: false };
}

async function markStepDone(p: Platform, step: string): Promise<void> {
  await p.store.doc.send(
    new UpdateCommand({
      TableName: p.store.tableName,
      Key: RUN,
      UpdateExpression: 'SET #steps = list_append(#steps, :step)',
      ExpressionAttributeNames: { '#steps': 'steps' },
      ExpressionAttributeValues: { ':step': [step] },
    }),
  );
}

async function seedCatalogue(p: Platform): Promise<void> {
  for (const d of DEMO_DEPARTMENTS) await p.catalogue.putDepartment({ ...d });
  const windows = demoWindows();
  for (const d of DEMO_DEPARTMENTS) {
    for (const [i, id] of (windows.get(d.id) ?? []).entries()) {
      await p.catalogue.putWindow({ id, name: `${d.name} ${i + 1}号窗口`, departmentId: d.id });
    }
  }
  for (const s of DEMO_SERVICES) {
    const base = {
      code: s.code,
      name: s.name,
      departmentId: s.departmentId,
      kind: s.kind ?? 'service',
    } as const;
    await p.catalogue.putService(base, {
      effectiveFrom: '1900-01-01',
      statutoryDays: s.statutoryDays,
      promisedDays: s.promisedDays,
    });
    if (s.reform) {
      await p.catalogue.putService(base, {
        effectiveFrom: s.reform.effectiveFrom,
        statutoryDays: s.statutoryDays,
        promisedDays: s.reform.promisedDays,
      });
    }
  }
}

/** Two windows per department (the hotline has none). */
function demoWindows(): Map<string, string[]> {
  return new Map(
    DEMO_DEPARTMENTS.filter((d) => d.id !== 'hotline').map((d) => [d.id, [`${d.id}-w1`, `${d.id}-w2`]]),
  );
}

/** The demo cases as of `now`, derived like ingest does (pure, but sliced so pages keep answering). */
async function buildDemoCases(
  p: Platform,
  calendar: WorkCalendar,
  now: Date,
  share: number,
): Promise<CaseRecord[]> {
  const today = beijingDate(now);
  const limits = new Map<string, Awaited<ReturnType<typeof p.catalogue.getService>>>();
  for (const s of DEMO_SERVICES) limits.set(s.code, await p.catalogue.getService(s.code));
  const district = new Map<string, string>(DEMO_DEPARTMENTS.map((d) => [d.id, d.district]));
  const cases: CaseRecord[] = [];
  let n = 0;
  const rnd = stepRandom('cases');
  for (const { service, input } of demoCases(DEMO_SERVICES, demoWindows(), calendar, now, rnd, share)) {
    if (++n % 200 === 0) await yieldToServer();
    const built = buildCase(input, {
      today,
      departmentId: service.departmentId,
      district: district.get(service.departmentId),
      limits: limits.get(service.code)!.limits,
      calendar,
    });
    if (built.ok) cases.push(built.record);
  }
  return cases;
}

async function writeDemoCases(
  p: Platform,
  cases: CaseRecord[],
  calendar: WorkCalendar,
  now: Date,
  progress: SeedContext['progress'],
): Promise<void> {
  const today = beijingDate(now);
  const chunks: CaseRecord[][] = [];
  for (let i = 0; i < cases.length; i += 25) chunks.push(cases.slice(i, i + 25));
  let written = 0;
  progress('cases', 0, cases.length);
  const workers = Array.from({ length: 8 }, async () => {
    while (chunks.length) {
      const chunk = chunks.shift()!;
      await batchWrite(
        p,
        chunk.map((c) => demoCaseItem(c, today, calendar)),
      );
      written += chunk.length;
      progress('cases', written, cases.length);
    }
  });
  await Promise.all(workers);
}

export async function seedDemo(p: Platform, options: SeedOptions = {}) {
  const log = options.log ?? (() => {});
  const share = options.share ?? 1;
  const bar = new cliProgress.SingleBar(
    {
      format: ' {step} |{bar}| {percentage}% | {value}/{total}',
      hideCursor: true,
      noTTYOutput: !options.interactive,
      notTTYSchedule: 5000,
    },
    cliProgress.Presets.shades_classic,
  );
  let currentStep = '';
  const progress = (step: string, done: number, total: number) => {
    if (step !== currentStep) {
      if (currentStep) bar.stop();
      currentStep = step;
      bar.start(total, done, { step: step.padEnd(12) });
    } else {
      bar.update(done, { step: step.padEnd(12) });
    }
  };
  const { now, done, resumed } = await beginRun(p);
  if (resumed) {
    log(
      `Resuming the demo seed begun ${now.toISOString()} (finished before: ${[...done].join(', ') || 'nothing'}).`,
    );
  }
  const step = async (name: string, run: () => Promise<void>) => {
    if (done.has(name)) return;
    await run();
    await markStepDone(p, name);
  };

  await step('catalogue', () => seedCatalogue(p));
  const calendar = await p.calendar.calendar();
  const cases = await buildDemoCases(p, calendar, now, share);
  await step('cases', () => writeDemoCases(p, cases, calendar, now, progress));
  for (const ext of seedExtensions) {
    await step(ext.name, () =>
      ext.run({ platform: p, rnd: stepRandom(ext.name), now, cases, share, progress }),
    );
  }
  if (currentStep) bar.stop();
  await options.settle?.();
  await p.store.doc.send(
    new PutCommand({
      TableName: p.store.tableName,
      Item: { ...MARKER, type: 'seed', v: 1, at: now.toISOString() },
    }),
  );
  log(
    `Seeded ${DEMO_DEPARTMENTS.length} departments, ${DEMO_SERVICES.length} services, ${cases.length} cases.`,
  );
  return { cases: cases.length, resumed };
}
