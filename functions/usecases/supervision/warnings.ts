/**
 * The live warnings board: open cases off the board index (gsi3, one partition per
 * colour, never the table), each placed where it stands right now with the calendar
 * (the sweeper may be a few minutes behind), then counted and filtered. Department
 * staff see their own department only.
 */

import { beijingDate, type IsoDate, type WorkCalendar } from '../../domain/calendar/index.js';
import { progressOf } from '../../domain/cases/standing.js';
import type { Principal } from '../../domain/identity.js';
import type { OpenCase } from '../../domain/ports.js';
import { forbidden } from '../../domain/refusal.js';
import {
  BOARD_LEVELS,
  type BoardCase,
  type BoardLevel,
  type BoardSummary,
  filterBoard,
  summariseBoard,
} from '../../domain/supervision/warnings-board.js';
import type { Platform } from '../../platform.js';

/** Where an open case stands today. */
export function boardCaseOf(record: OpenCase, today: IsoDate, calendar: WorkCalendar): BoardCase {
  const progress = progressOf(record, today, calendar);
  return {
    caseId: record.caseId,
    serviceCode: record.serviceCode,
    departmentId: record.departmentId,
    district: record.district,
    windowId: record.windowId,
    acceptedAt: record.acceptedAt,
    acceptedDate: record.acceptedDate,
    warning: progress.warning,
    elapsedDays: progress.elapsedDays,
    promisedDays: record.promisedDays,
    statutoryDays: record.statutoryDays,
    daysOver: progress.daysOver,
    dueDate: record.dueDate,
    statutoryDueDate: record.statutoryDueDate,
    status: record.status,
  };
}

/** Warned open cases (yellow, red, serious) as they stand today. */
export async function warnedBoardCases(p: Platform): Promise<BoardCase[]> {
  const calendar = await p.calendar.calendar();
  const today = beijingDate(p.clock.now());
  const lists = await Promise.all(BOARD_LEVELS.map((level) => p.cases.warnedCases(level)));
  const seen = new Set<string>();
  const out: BoardCase[] = [];
  for (const c of lists.flat()) {
    if (c.status === 'completed' || seen.has(c.caseId)) continue;
    seen.add(c.caseId);
    out.push(boardCaseOf(c, today, calendar));
  }
  return out;
}

/** Every open case (green included) as it stands today: the reports' colour counts. */
export async function allOpenBoardCases(p: Platform): Promise<BoardCase[]> {
  const calendar = await p.calendar.calendar();
  const today = beijingDate(p.clock.now());
  const open = await p.cases.openCases();
  return open.filter((c) => c.status !== 'completed').map((c) => boardCaseOf(c, today, calendar));
}

/** The departments a caller may see on the board; undefined for everyone. */
export function visibleDepartments(who: Principal, requested?: string): ReadonlySet<string> | undefined {
  const all = who.roles.has('inspector') || who.roles.has('office');
  if (requested) {
    if (!all && !who.departments.has(requested))
      throw forbidden('Department staff see their own department only.');
    return new Set([requested]);
  }
  return all ? undefined : who.departments;
}

export interface BoardQuery {
  level?: BoardLevel | undefined;
  departmentId?: string | undefined;
  district?: string | undefined;
  minAgeDays?: number | undefined;
  limit: number;
  offset: number;
}

export interface BoardView {
  asOf: string;
  /** Counts over everything the caller may see (before the level, district and age filters). */
  summary: BoardSummary;
  total: number;
  offset: number;
  limit: number;
  items: BoardCase[];
}

export async function warningsBoard(p: Platform, who: Principal, q: BoardQuery): Promise<BoardView> {
  const departments = visibleDepartments(who, q.departmentId);
  const all = (await warnedBoardCases(p)).filter((c) => !departments || departments.has(c.departmentId));
  const matching = filterBoard(all, {
    level: q.level,
    district: q.district,
    minAgeDays: q.minAgeDays,
  });
  return {
    asOf: p.clock.now().toISOString(),
    summary: summariseBoard(all),
    total: matching.length,
    offset: q.offset,
    limit: q.limit,
    items: matching.slice(q.offset, q.offset + q.limit),
  };
}
