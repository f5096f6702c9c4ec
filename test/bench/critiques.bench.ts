/**
 * Issue 5's figures. (1) Critique submissions per second through the whole API
 * (`POST /api/v1/critiques`: validation, two rate-limit counters, target lookup, the
 * dedup entry and the conditional put of the critique) against raw conditional PutItem
 * of the same items, in the same run. (2) The public board page with 20,000 critiques
 * vs 1,000: items read (goal: the same — one Query of one partition, paginated by key)
 * and the time to read and render the page (goal: within 1.5×), for the unfiltered
 * board, two filtered boards and a page deep in the pagination.
 */
import type { Hono } from 'hono';
import { createApiApp } from '../../functions/api/local-app.js';
import { type BoardFilter, boardFilterKeysOf, boardRowOf } from '../../functions/domain/critiques/board.js';
import { newCritique } from '../../functions/domain/critiques/lifecycle.js';
import { CATEGORIES, type Critique } from '../../functions/domain/critiques/model.js';
import { newTrackingCode } from '../../functions/domain/critiques/tracking-code.js';
import { createPlatform, type Platform, setPlatform } from '../../functions/platform.js';
import { boardRowItem, critiqueItem } from '../../functions/store/critiques.js';
import { critiqueBoard } from '../../functions/usecases/critiques/public.js';
import { mountSite } from '../../web/site-app.js';
import type { BenchFigure, Benchmark } from './bench-types.js';
import { benchEnv, loadDirect, median, pool, rawPutRate } from './support.js';

const WRITERS = 20;

async function catalogue(p: Platform) {
  const limits = { effectiveFrom: '1900-01-01', statutoryDays: 18, promisedDays: 6 };
  await p.catalogue.putDepartment({ id: 'market', name: '市场监督管理局', district: '浦东新区' });
  await p.catalogue.putDepartment({ id: 'housing', name: '住房和城乡建设局', district: '徐汇区' });
  await p.catalogue.putService({ code: 'FOOD', name: '食品经营许可', departmentId: 'market' }, limits);
  await p.catalogue.putService({ code: 'BUILD', name: '建筑工程施工许可', departmentId: 'housing' }, limits);
}

/** The i-th submission: a third general, a third about a department, a third about a service. */
function submission(i: number) {
  const target =
    i % 3 === 0
      ? {}
      : i % 3 === 1
        ? { targetType: 'department', targetId: 'market' }
        : { targetType: 'service', targetId: 'FOOD' };
  return {
    category: CATEGORIES[i % 3],
    text: `第 ${i} 条找茬：窗口排队时间过长，建议增加自助机。`,
    nickname: `bench${i % 50}`,
    ...target,
  };
}

const submit: Benchmark = {
  name: 'critique submissions: POST /api/v1/critiques vs raw PutItem',
  run: async ({ full, log }) => {
    const env = await benchEnv('critsubmit');
    const saved = process.env.WOODPECKER_CRITIQUE_LIMITS;
    process.env.WOODPECKER_CRITIQUE_LIMITS = 'client=1000000/3600,address=1000000/3600';
    try {
      await catalogue(env.platform);
      const app = createApiApp();
      const raw = await env.newTable('critsubmit-raw');
      const n = full ? 10_000 : 2_000;
      let apiRate = 0;
      let rawRate = 0;
      let created = 0;
      let next = 0;
      const viaApi = async (count: number) => {
        const ids = Array.from({ length: count }, () => next++);
        const t0 = performance.now();
        await pool(ids, WRITERS, async (i) => {
          const res = await app.request('/api/v1/critiques', {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'user-agent': `bench-browser-${i % 200}`,
              'x-forwarded-for': `10.0.${i % 250}.${(i >> 8) % 250}`,
            },
            body: JSON.stringify(submission(i)),
          });
          if (res.status === 201) created++;
          else throw new Error(`submission ${i}: ${res.status} ${await res.text()}`);
        });
        return count / ((performance.now() - t0) / 1000);
      };
      const viaPut = async (count: number) => {
        const items = Array.from({ length: count }, () => {
          const i = next++;
          return critiqueItem(
            newCritique(
              {
                trackingCode: newTrackingCode(),
                category: CATEGORIES[i % 3]!,
                text: submission(i).text,
                targetType: 'general',
                nickname: `bench${i % 50}`,
                channel: 'api',
                clientHash: `bench-${i % 200}`,
              },
              new Date(),
            ),
          );
        });
        return rawPutRate(raw, items, WRITERS);
      };
      // Warm both paths up (JIT, sockets, the emulator), then alternate which side goes
      // first and keep each side's best round, so a busy moment does not decide the ratio.
      await viaApi(300);
      await viaPut(300);
      for (let round = 0; round < 3; round++) {
        if (round % 2) {
          rawRate = Math.max(rawRate, await viaPut(n));
          apiRate = Math.max(apiRate, await viaApi(n));
        } else {
          apiRate = Math.max(apiRate, await viaApi(n));
          rawRate = Math.max(rawRate, await viaPut(n));
        }
        log(
          `round ${round + 1}: API ${apiRate.toFixed(0)}/s, raw PutItem ${rawRate.toFixed(0)}/s (best so far)`,
        );
      }
      return [
        {
          id: 'critiques.submit',
          title: 'Critique submissions through POST /api/v1/critiques, end to end',
          value: apiRate,
          unit: 'submissions/s',
          baseline: rawRate,
          baselineLabel: `raw conditional PutItem of critique items, ${WRITERS} writers`,
          ratio: apiRate / rawRate,
          goal: '>= 0.2 (a submission is 4 conditional writes: 2 rate-limit counters, dedup, critique)',
          met: apiRate / rawRate >= 0.2,
          details: { submissionsPerSideAndRound: n, rounds: 3, created, concurrentWriters: WRITERS },
        },
      ];
    } finally {
      if (saved === undefined) delete process.env.WOODPECKER_CRITIQUE_LIMITS;
      else process.env.WOODPECKER_CRITIQUE_LIMITS = saved;
      await env.stop();
    }
  },
};

const STATUSES = ['accepted', 'routed', 'answered', 'rectified', 'reopened'] as const;

/** A public critique as the board stores it, its i-th second after the start of 2026. */
function filler(i: number): Critique {
  const service = i % 4 === 0 ? { serviceCode: 'FOOD', targetId: 'FOOD', targetName: '食品经营许可' } : {};
  const departmentId = i % 2 ? 'housing' : 'market';
  const c = newCritique(
    {
      trackingCode: newTrackingCode(),
      category: CATEGORIES[i % 3]!,
      text: `第 ${i} 条：办事指南与窗口要求不一致，请核实并统一。`.repeat(3),
      targetType: i % 4 === 0 ? 'service' : 'department',
      ...service,
      targetDepartmentId: i % 4 === 0 ? 'market' : departmentId,
      targetDepartmentName: i % 4 === 0 || departmentId === 'market' ? '市场监督管理局' : '住房和城乡建设局',
      nickname: `filler${i % 97}`,
      channel: 'web',
      clientHash: 'bench',
    },
    new Date(Date.UTC(2026, 0, 1) + i * 1000),
  );
  const status = STATUSES[i % STATUSES.length]!;
  const answered = status === 'answered' || status === 'rectified';
  return {
    ...c,
    status,
    rev: 3,
    ...(answered
      ? {
          replies: [
            { at: c.createdAt, by: 'department' as const, kind: 'reply' as const, text: '已核实并答复。' },
          ],
          firstAnsweredAt: c.createdAt,
          responseDays: i % 6,
          answeredOnTime: i % 6 <= 5,
        }
      : {}),
  };
}

function* fillerItems(from: number, to: number) {
  for (let i = from; i < to; i++) {
    const c = filler(i);
    yield critiqueItem(c);
    const row = boardRowOf(c);
    for (const f of boardFilterKeysOf(c)) yield boardRowItem(f, row);
  }
}

const PAGES: { label: string; filter: BoardFilter; path: string }[] = [
  { label: 'all', filter: {}, path: '/critiques/board' },
  {
    label: 'market answered',
    filter: { departmentId: 'market', status: 'answered' },
    path: '/critiques/board?departmentId=market&status=answered',
  },
  {
    label: 'FOOD suggestions',
    filter: { serviceCode: 'FOOD', category: 'suggestion' },
    path: '/critiques/board?serviceCode=FOOD&category=suggestion',
  },
];
const DEEP_PAGE = 10;
const RUNS = 30;

interface Measured {
  itemsRead: number;
  renderMs: number;
  perPage: Record<string, number>;
}

/** The measured pages of one table: the three boards and a page reached by following cursors. */
async function pagesOf(p: Platform) {
  let cursor: string | null = null;
  for (let i = 1; i < DEEP_PAGE; i++) {
    cursor = (await critiqueBoard(p, { limit: 20, cursor: cursor ?? undefined })).nextCursor;
  }
  return [
    ...PAGES.map((page) => ({ ...page, cursor: undefined as string | undefined })),
    {
      label: `page ${DEEP_PAGE}`,
      filter: {},
      path: `/critiques/board?cursor=${cursor}`,
      cursor: cursor ?? undefined,
    },
  ];
}

/**
 * Items read (from the use case) and the median time to read and render each page
 * through the site app, the two tables measured in turn, request by request, so warm-up
 * and a busy machine weigh on both alike.
 */
async function measureBoards(app: Hono, tables: Platform[]): Promise<Measured[]> {
  const pages = await Promise.all(tables.map(pagesOf));
  const out: Measured[] = [];
  for (const [t, p] of tables.entries()) {
    let itemsRead = 0;
    for (const page of pages[t]!)
      itemsRead += (await critiqueBoard(p, { ...page.filter, limit: 20, cursor: page.cursor })).itemsRead;
    out.push({ itemsRead, renderMs: 0, perPage: {} });
  }
  const times = tables.map(() => new Map<string, number[]>());
  for (let r = 0; r < RUNS + 10; r++) {
    for (const [t, p] of tables.entries()) {
      setPlatform(p);
      for (const page of pages[t]!) {
        const t0 = performance.now();
        const res = await app.request(page.path);
        const body = await res.text();
        if (res.status !== 200 || !body.includes('cr-list')) throw new Error(`${page.path}: ${res.status}`);
        if (r >= 10)
          times[t]!.set(page.label, [...(times[t]!.get(page.label) ?? []), performance.now() - t0]);
      }
    }
  }
  for (const [t, m] of out.entries()) {
    for (const [label, list] of times[t]!) {
      const med = median(list);
      m.perPage[label] = Number(med.toFixed(2));
      m.renderMs += med;
    }
  }
  return out;
}

const board: Benchmark = {
  name: 'critique board read cost vs number of critiques',
  run: async ({ full, log }) => {
    const env = await benchEnv('critboard');
    try {
      const small = 1_000;
      const large = full ? 100_000 : 20_000;
      const smallPlatform = env.platform;
      const largePlatform = createPlatform(await env.newTable('critboard-large'));
      for (const p of [smallPlatform, largePlatform]) {
        setPlatform(p);
        await catalogue(p);
      }
      const t0 = performance.now();
      await loadDirect(smallPlatform.store, fillerItems(0, small), 12);
      const loaded = await loadDirect(largePlatform.store, fillerItems(0, large), 16);
      log(
        `loaded ${loaded.toLocaleString()} items for ${large.toLocaleString()} critiques in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
      );
      const app = createApiApp((a) => mountSite(a));
      const [a, b] = (await measureBoards(app, [smallPlatform, largePlatform])) as [Measured, Measured];
      setPlatform(smallPlatform);
      log(
        `${small.toLocaleString()} critiques: ${a.itemsRead} items read, ${a.renderMs.toFixed(1)} ms ${JSON.stringify(a.perPage)}`,
      );
      log(
        `${large.toLocaleString()} critiques: ${b.itemsRead} items read, ${b.renderMs.toFixed(1)} ms ${JSON.stringify(b.perPage)}`,
      );
      const figures: BenchFigure[] = [
        {
          id: 'critiques.board.itemsRead',
          title: `Items read by 4 board pages (all, 2 filters, page ${DEEP_PAGE}), ${large.toLocaleString()} vs ${small.toLocaleString()} critiques`,
          value: b.itemsRead,
          unit: 'items',
          baseline: a.itemsRead,
          baselineLabel: `${small.toLocaleString()} critiques`,
          ratio: b.itemsRead / a.itemsRead,
          goal: '1 (same items read)',
          met: b.itemsRead === a.itemsRead,
        },
        {
          id: 'critiques.board.render',
          title: `Median time to read and render the same 4 board pages, ${large.toLocaleString()} vs ${small.toLocaleString()} critiques`,
          value: b.renderMs,
          unit: 'ms',
          baseline: a.renderMs,
          baselineLabel: `${small.toLocaleString()} critiques`,
          ratio: b.renderMs / a.renderMs,
          goal: '<= 1.5',
          met: b.renderMs / a.renderMs <= 1.5,
          details: Object.fromEntries([
            ...Object.entries(a.perPage).map(([k, v]) => [`small ${k} ms`, v]),
            ...Object.entries(b.perPage).map(([k, v]) => [`large ${k} ms`, v]),
            ['items stored (large)', loaded],
          ]),
        },
      ];
      return figures;
    } finally {
      await env.stop();
    }
  },
};

export const benchmarks: Benchmark[] = [submit, board];
