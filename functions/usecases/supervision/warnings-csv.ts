/**
 * The warnings board as CSV, defined once: the API's `?format=csv` export and the
 * console's `/staff/warnings.csv` download both write these columns (docs/contract.md:
 * staff pages offer the same as the API), so the two cannot drift apart. Column names
 * are the board's JSON field names, which scripts reading the export rely on.
 */
import type { BoardCase } from '../../domain/supervision/warnings-board.js';
import type { BoardView } from './warnings.js';

/** The columns, in order, each with the board field it is read from. */
const COLUMNS = [
  ['caseId', (x) => x.caseId],
  ['serviceCode', (x) => x.serviceCode],
  ['departmentId', (x) => x.departmentId],
  ['district', (x) => x.district ?? ''],
  ['warning', (x) => x.warning],
  ['acceptedDate', (x) => x.acceptedDate],
  ['elapsedDays', (x) => x.elapsedDays],
  ['promisedDays', (x) => x.promisedDays],
  ['statutoryDays', (x) => x.statutoryDays],
  ['daysOver', (x) => x.daysOver],
  ['dueDate', (x) => x.dueDate],
  ['statutoryDueDate', (x) => x.statutoryDueDate],
] as const satisfies readonly (readonly [string, (x: BoardCase) => unknown])[];

/** The header row of the warnings CSV. */
export const WARNINGS_CSV_HEADER: string[] = COLUMNS.map(([name]) => name);

/** The board page as a CSV table: file name (by the board's date), header and rows. */
export function warningsCsv(board: Pick<BoardView, 'asOf' | 'items'>): {
  filename: string;
  header: string[];
  rows: unknown[][];
} {
  return {
    filename: `warnings-${board.asOf.slice(0, 10)}.csv`,
    header: [...WARNINGS_CSV_HEADER],
    rows: board.items.map((x) => COLUMNS.map(([, cell]) => cell(x))),
  };
}
