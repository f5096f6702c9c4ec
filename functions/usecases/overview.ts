/**
 * The city at a glance, for the home page: speed against the statutory limits, public
 * satisfaction, critiques answered on time and their month-by-month course — all from
 * one Query of the city's monthly aggregates (the same counters the curves, the
 * satisfaction figures and the critique figures read) — and the top and bottom of the
 * latest published department league table (read-only, through the rankings' own
 * read use case). Nothing here grows with the number of cases.
 */
import { CITY } from '../domain/aggregates/contribution.js';
import { type CritiqueStats, critiqueStats } from '../domain/critiques/contribution.js';
import {
  type CurvePoint,
  type CurveSummary,
  sumCounters,
  summariseUnit,
  unitCurveSeries,
} from '../domain/curves.js';
import { addMonths, monthsBetween } from '../domain/months.js';
import {
  type SatisfactionFigures,
  type SatisfactionPoint,
  satisfactionOf,
  satisfactionSeries,
} from '../domain/ratings/satisfaction.js';
import type { Platform } from '../platform.js';
import { latestRanking, type RankingRow } from './rankings/read.js';

export interface LeagueGlance {
  scope: 'department';
  period: string;
  version: number;
  publishedAt: string | undefined;
  rankedCount: number;
  /** The best units, best first. */
  top: RankingRow[];
  /** The weakest units, weakest last (never overlapping `top`). */
  bottom: RankingRow[];
}

export interface Improvement {
  /** Mean working days of the later and earlier half of the range (null without cases). */
  recentMeanDays: number | null;
  earlierMeanDays: number | null;
  /** 1 − recent/earlier: how much faster the recent half is (negative when slower). */
  faster: number | null;
  recentFrom: string;
  earlierFrom: string;
}

export interface CityOverview {
  from: string;
  to: string;
  curves: { series: CurvePoint[]; summary: CurveSummary };
  satisfaction: { series: SatisfactionPoint[]; summary: SatisfactionFigures };
  critiques: { series: (CritiqueStats & { month: string })[]; summary: CritiqueStats };
  improvement: Improvement;
  league: LeagueGlance | undefined;
}

function meanDays(series: CurvePoint[]): number | null {
  let cases = 0;
  let days = 0;
  for (const p of series) {
    if (!p.cases || p.actual.mean === null) continue;
    cases += p.cases;
    days += p.actual.mean * p.cases;
  }
  return cases ? days / cases : null;
}

/** Top and bottom few of a table, without overlap when it is short. */
export function glanceOf(units: readonly RankingRow[], n = 3): { top: RankingRow[]; bottom: RankingRow[] } {
  const ranked = units.filter((u) => u.rank !== null).sort((a, b) => a.rank! - b.rank!);
  const topCount = Math.min(n, Math.ceil(ranked.length / 2));
  const bottomCount = Math.min(n, ranked.length - topCount);
  return { top: ranked.slice(0, topCount), bottom: bottomCount ? ranked.slice(-bottomCount) : [] };
}

export async function cityOverview(p: Platform, from: string, to: string): Promise<CityOverview> {
  const [{ months }, latest] = await Promise.all([
    p.aggregates.readAggregates('city', CITY, from, to),
    latestRanking(p, 'department'),
  ]);
  const totals = sumCounters(months.values());
  const series = unitCurveSeries(months, from, to);
  const all = monthsBetween(from, to);
  const half = Math.floor(all.length / 2);
  const recentFrom = all[half] ?? from;
  const recentMeanDays = meanDays(series.slice(half));
  const earlierMeanDays = meanDays(series.slice(0, half));
  const glance = latest ? glanceOf(latest.units) : undefined;
  return {
    from,
    to,
    curves: { series, summary: summariseUnit(totals) },
    satisfaction: {
      series: satisfactionSeries(months, from, to, 'public'),
      summary: satisfactionOf(totals, 'public'),
    },
    critiques: {
      series: all.map((month) => ({ month, ...critiqueStats(months.get(month) ?? {}) })),
      summary: critiqueStats(totals),
    },
    improvement: {
      recentMeanDays,
      earlierMeanDays,
      faster: recentMeanDays !== null && earlierMeanDays ? 1 - recentMeanDays / earlierMeanDays : null,
      recentFrom,
      earlierFrom: from,
    },
    league:
      latest && glance
        ? {
            scope: 'department',
            period: latest.period,
            version: latest.version,
            publishedAt: latest.publishedAt,
            rankedCount: latest.rankedCount,
            ...glance,
          }
        : undefined,
  };
}

/** The months of the last two years up to `to`, the range the public pages show. */
export function lastTwoYearsTo(to: string): { from: string; to: string } {
  return { from: addMonths(to, -23), to };
}
