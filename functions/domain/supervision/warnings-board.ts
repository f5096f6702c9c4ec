/**
 * The inspectors' live warnings board: open cases that are yellow (past 80% of the
 * promised limit), red (past the promised limit) or serious (past the statutory
 * limit), with their age in working days, counted by department, district, colour and
 * age, filtered and ordered most severe and oldest first. Pure: the caller supplies
 * the cases (from the board index) and where each stands today.
 */
import { type BoardLevel, isWarned, WARNING_SEVERITY, type WarningLevel } from '../cases/standing.js';

/** The board's colours are a case's standing colours (owned by `cases/standing.ts`). */
export { BOARD_LEVELS, type BoardLevel } from '../cases/standing.js';

/** Age buckets in working days since acceptance (suspensions not counted). */
export const AGE_BUCKETS = [
  { id: '0-5', max: 5 },
  { id: '6-10', max: 10 },
  { id: '11-20', max: 20 },
  { id: '21+', max: Number.POSITIVE_INFINITY },
] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number]['id'];

export function ageBucketOf(days: number): AgeBucket {
  return AGE_BUCKETS.find((b) => days <= b.max)!.id;
}

export interface BoardCase {
  caseId: string;
  serviceCode: string;
  departmentId: string;
  district: string | undefined;
  windowId: string | undefined;
  acceptedAt: string;
  acceptedDate: string;
  warning: WarningLevel;
  /** Working days elapsed since acceptance, suspensions excluded. */
  elapsedDays: number;
  promisedDays: number;
  statutoryDays: number;
  /** Working days past the promised limit (0 while within it). */
  daysOver: number;
  dueDate: string;
  statutoryDueDate: string;
  status: string;
}

export interface BoardFilter {
  level?: BoardLevel | undefined;
  departmentIds?: ReadonlySet<string> | undefined;
  district?: string | undefined;
  minAgeDays?: number | undefined;
}

export function filterBoard(cases: readonly BoardCase[], f: BoardFilter): BoardCase[] {
  return cases
    .filter(
      (c) =>
        isWarned(c.warning) &&
        (!f.level || c.warning === f.level) &&
        (!f.departmentIds || f.departmentIds.has(c.departmentId)) &&
        (!f.district || c.district === f.district) &&
        (f.minAgeDays === undefined || c.elapsedDays >= f.minAgeDays),
    )
    .sort(
      (a, b) =>
        WARNING_SEVERITY[b.warning] - WARNING_SEVERITY[a.warning] ||
        b.elapsedDays - a.elapsedDays ||
        a.acceptedAt.localeCompare(b.acceptedAt) ||
        a.caseId.localeCompare(b.caseId),
    );
}

type LevelCounts = Record<BoardLevel, number> & { total: number };
const zero = (): LevelCounts => ({ yellow: 0, red: 0, serious: 0, total: 0 });

export interface BoardSummary {
  byLevel: LevelCounts;
  byDepartment: ({ departmentId: string } & LevelCounts)[];
  byDistrict: ({ district: string } & LevelCounts)[];
  byAge: ({ bucket: AgeBucket } & LevelCounts)[];
}

/** Counts of warned cases by colour, department, district and age bucket. */
export function summariseBoard(cases: readonly BoardCase[]): BoardSummary {
  const byLevel = zero();
  const dept = new Map<string, LevelCounts>();
  const district = new Map<string, LevelCounts>();
  const age = new Map<AgeBucket, LevelCounts>(AGE_BUCKETS.map((b) => [b.id, zero()]));
  const add = (into: LevelCounts, level: BoardLevel) => {
    into[level]++;
    into.total++;
  };
  for (const c of cases) {
    if (!isWarned(c.warning)) continue;
    add(byLevel, c.warning);
    if (!dept.has(c.departmentId)) dept.set(c.departmentId, zero());
    add(dept.get(c.departmentId)!, c.warning);
    const d = c.district ?? '—';
    if (!district.has(d)) district.set(d, zero());
    add(district.get(d)!, c.warning);
    add(age.get(ageBucketOf(c.elapsedDays))!, c.warning);
  }
  const bySeverity = (a: LevelCounts, b: LevelCounts) =>
    b.serious - a.serious || b.red - a.red || b.yellow - a.yellow;
  return {
    byLevel,
    byDepartment: [...dept]
      .map(([departmentId, n]) => ({ departmentId, ...n }))
      .sort((a, b) => bySeverity(a, b) || a.departmentId.localeCompare(b.departmentId)),
    byDistrict: [...district]
      .map(([d, n]) => ({ district: d, ...n }))
      .sort((a, b) => bySeverity(a, b) || a.district.localeCompare(b.district)),
    byAge: [...age].map(([bucket, n]) => ({ bucket, ...n })),
  };
}
