/**
 * The warnings board's CSV, defined once for the API export and the console download:
 * the columns the API has always written, in order, one row per board case.
 */
import { describe, expect, it } from 'vitest';
import type { BoardCase } from '../../functions/domain/supervision/warnings-board.js';
import { WARNINGS_CSV_HEADER, warningsCsv } from '../../functions/usecases/supervision/warnings-csv.js';

const item: BoardCase = {
  caseId: 'W1',
  serviceCode: 'FOOD',
  departmentId: 'market',
  district: undefined,
  windowId: 'market-w1',
  acceptedAt: '2026-11-02T01:00:00.000Z',
  acceptedDate: '2026-11-02',
  warning: 'red',
  elapsedDays: 8,
  promisedDays: 6,
  statutoryDays: 18,
  daysOver: 2,
  dueDate: '2026-11-10',
  statutoryDueDate: '2026-11-26',
  status: 'open',
};

describe('warnings CSV', () => {
  it('writes the columns the API promises, in order', () => {
    expect(WARNINGS_CSV_HEADER).toEqual([
      'caseId',
      'serviceCode',
      'departmentId',
      'district',
      'warning',
      'acceptedDate',
      'elapsedDays',
      'promisedDays',
      'statutoryDays',
      'daysOver',
      'dueDate',
      'statutoryDueDate',
    ]);
  });

  it('names the file by the board date and writes one row per case, a missing district blank', () => {
    const csv = warningsCsv({ asOf: '2026-11-12T03:04:05.000Z', items: [item] });
    expect(csv.filename).toBe('warnings-2026-11-12.csv');
    expect(csv.header).toEqual(WARNINGS_CSV_HEADER);
    expect(csv.rows).toEqual([
      ['W1', 'FOOD', 'market', '', 'red', '2026-11-02', 8, 6, 18, 2, '2026-11-10', '2026-11-26'],
    ]);
    csv.header.push('extra');
    expect(WARNINGS_CSV_HEADER).toHaveLength(12);
  });
});
