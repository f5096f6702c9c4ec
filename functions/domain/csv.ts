/**
 * CSV text that opens cleanly in Excel with Chinese text: UTF-8 with a byte-order mark,
 * CRLF line ends, every field quoted where needed by csv-stringify. Every CSV the
 * platform writes goes through `toCsv` — the API's exports and the console's downloads
 * (through `functions/api/csv.ts`) and the use cases that read our own exports back —
 * so the cell rules live below HTTP, in one place.
 *
 * Formula injection (OWASP "CSV Injection"): Excel, WPS and LibreOffice run a cell that
 * starts with = + - @ (or a tab or carriage return) as a formula, e.g.
 * `=HYPERLINK("http://…","点我")`, also after leading blanks and for the full-width
 * ＝＋－＠ they normalise. Every text cell that would is written with a leading `'`
 * (OWASP's advice), whoever wrote the text. Numbers the platform itself computed stay
 * numbers: a JavaScript number prints only as digits, `.`, `e`, a sign, so `-3.5` is a
 * number to Excel, never a formula; a numeric-looking *string* is still prefixed.
 */

import { type Options, stringify } from 'csv-stringify/sync';

/** Blanks a spreadsheet may skip before it looks for a formula. */
const LEADING_BLANKS = /^[\s\p{Cc}\p{Cf}\p{Z}]*/u;
/** Formula starts (checked on the NFKC form of the first character after blanks). */
const FORMULA_START = /^[=+\-@\u2212]/;

function needsPrefix(text: string): boolean {
  if (text === '') return false;
  // A leading quote is prefixed too, so that `restoreCsvText` can undo the prefix exactly.
  if (text[0] === "'" || text[0] === '\t' || text[0] === '\r') return true;
  const rest = text.slice(LEADING_BLANKS.exec(text)?.[0].length ?? 0);
  const first = rest.codePointAt(0);
  return first !== undefined && FORMULA_START.test(String.fromCodePoint(first).normalize('NFKC'));
}

/** A text cell a spreadsheet will not run as a formula: `'=HYPERLINK(…)` for `=HYPERLINK(…)`. */
export function neutraliseCsvText(text: string): string {
  return needsPrefix(text) ? `'${text}` : text;
}

/** The text a `neutraliseCsvText` cell was made from (for re-importing our own exports). */
export function restoreCsvText(cell: string): string {
  return cell.startsWith("'") && needsPrefix(cell.slice(1)) ? cell.slice(1) : cell;
}

/** csv-stringify's casts: text neutralised; finite numbers as they are. */
const CAST: NonNullable<Options['cast']> = {
  string: (value) => neutraliseCsvText(value),
  number: (value) => (Number.isFinite(value) ? String(value) : neutraliseCsvText(String(value))),
  object: (value) => neutraliseCsvText(JSON.stringify(value)),
};

/** A header and rows as CSV text: BOM, CRLF, quoted where needed, formula-safe cells. */
export function toCsv(header: string[], rows: unknown[][]): string {
  return `\uFEFF${stringify([header, ...rows], { record_delimiter: '\r\n', cast: CAST })}`;
}
