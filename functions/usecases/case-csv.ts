/**
 * The CSV form of a case row, for bulk import (`npm run import:cases`): the same
 * fields as the batch API, suspensions written as `from..to` ranges separated by `;`
 * (an open suspension is `from..`). Empty cells mean absent.
 */
export const CASE_CSV_COLUMNS = [
  'caseId',
  'serviceCode',
  'acceptedAt',
  'completedAt',
  'suspensions',
  'windowId',
  'staffId',
  'channel',
  'applicantPhone',
  'updatedAt',
] as const;

export function caseRowFromCsv(record: Record<string, string>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const column of CASE_CSV_COLUMNS) {
    const value = record[column]?.trim();
    if (!value) continue;
    if (column === 'suspensions') {
      row.suspensions = value.split(';').map((part) => {
        const [from, to] = part.split('..').map((s) => s.trim());
        return to ? { from, to } : { from };
      });
    } else {
      row[column] = value;
    }
  }
  return row;
}
