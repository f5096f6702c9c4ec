/**
 * Pagination cursors are client input: `decodeCursor` gives DynamoDB only a start key
 * of the exact shape the Query it resumes takes, and answers anything else with a 400
 * (a Refusal, `invalid_request`), never a key DynamoDB would reject with a 5xx.
 */
import { describe, expect, it } from 'vitest';
import { httpStatusOf } from '../../functions/api/errors.js';
import { Refusal } from '../../functions/domain/refusal.js';
import { type CursorShape, cursorValue, decodeCursor, encodeCursor } from '../../functions/store/cursor.js';

const b64 = (text: string) => Buffer.from(text).toString('base64url');
const cursorOf = (value: unknown) => b64(JSON.stringify(value));

const SERVICES: CursorShape = { index: 'gsi1', partition: 'SERVICES' };
const valid = { pk: 'SVC#FOOD', sk: 'SVC', gsi1pk: 'SERVICES', gsi1sk: 'FOOD' };

function refusal(cursor: string, shape: CursorShape = SERVICES): string {
  try {
    decodeCursor(cursor, shape);
  } catch (err) {
    expect(err).toBeInstanceOf(Refusal);
    expect(httpStatusOf((err as Refusal).code)).toBe(400);
    expect((err as Refusal).code).toBe('invalid_request');
    return err instanceof Error ? err.message : String(err);
  }
  throw new Error(`accepted ${cursor}`);
}

describe('decodeCursor', () => {
  it('gives back the key it encoded, and nothing for no cursor', () => {
    const cursor = encodeCursor(valid)!;
    expect(decodeCursor(cursor, SERVICES)).toEqual(valid);
    expect(decodeCursor(undefined, SERVICES)).toBeUndefined();
    expect(decodeCursor('', SERVICES)).toBeUndefined();
    expect(encodeCursor(undefined)).toBeNull();
  });

  it('refuses what is not canonical base64url of UTF-8 JSON', () => {
    const cursor = encodeCursor(valid)!;
    // A key whose encoding has `-` and `_` (`+` and `/` in standard base64).
    const symbols = encodeCursor({ ...valid, gsi1sk: '>>>???' })!;
    expect(symbols).toMatch(/-.*_|_.*-/);
    expect(decodeCursor(symbols, SERVICES)).toBeDefined();
    for (const bad of [
      `${cursor}=`,
      `${cursor}==`,
      Buffer.from(JSON.stringify(valid)).toString('base64'),
      symbols.replace(/-/g, '+').replace(/_/g, '/'),
      `${cursor}.`,
      ' ',
      '%%%',
      'x'.repeat(3000),
      Buffer.from([0xff, 0xfe, 0x7b, 0x7d]).toString('base64url'),
      b64('{"pk":'),
      b64('null'),
      b64('[]'),
      b64('"SERVICES"'),
      b64('42'),
    ]) {
      expect(refusal(bad), bad).toBe('The cursor is not valid.');
    }
  });

  it('refuses another spelling of a valid cursor (stray trailing bits)', () => {
    const text = JSON.stringify(valid);
    const cursor = b64(text);
    // Pick a length whose last symbol carries unused bits, then set them.
    expect(text.length % 3).not.toBe(0);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(cursor.at(-1)!);
    const variant = `${cursor.slice(0, -1)}${alphabet[last | 1]}`;
    expect(Buffer.from(variant, 'base64url').toString()).toBe(text);
    expect(refusal(variant)).toBe('The cursor is not valid.');
  });

  it('refuses keys with missing, extra or wrong attributes for the index', () => {
    const { gsi1sk: _sk, ...missing } = valid;
    for (const bad of [
      {},
      { pk: 'x' },
      missing,
      { ...valid, gsi3pk: 'x' },
      { pk: valid.pk, sk: valid.sk },
      JSON.parse(`{"pk":"a","sk":"b","gsi1pk":"SERVICES","gsi1sk":"c","__proto__":{"x":1}}`),
    ]) {
      expect(refusal(cursorOf(bad)), JSON.stringify(bad)).toBe('The cursor is not valid.');
    }
  });

  it('refuses values DynamoDB would refuse as a key: not strings, empty, too long, lone surrogates', () => {
    for (const bad of [
      { ...valid, sk: 1 },
      { ...valid, sk: null },
      { ...valid, sk: { S: 'x' } },
      { ...valid, sk: ['x'] },
      { ...valid, sk: '' },
      { ...valid, gsi1sk: 'Z'.repeat(1025) },
      { ...valid, gsi1sk: '字'.repeat(342) },
    ]) {
      expect(refusal(cursorOf(bad)), JSON.stringify(bad).slice(0, 80)).toBe('The cursor is not valid.');
    }
    expect(refusal(b64('{"pk":"\\ud800","sk":"a","gsi1pk":"SERVICES","gsi1sk":"b"}'))).toBe(
      'The cursor is not valid.',
    );
    // At the bounds: 1,024 bytes, and a well-formed astral character, are keys.
    expect(decodeCursor(cursorOf({ ...valid, gsi1sk: 'Z'.repeat(1024) }), SERVICES)).toBeDefined();
    expect(decodeCursor(cursorOf({ ...valid, sk: '𠀀' }), SERVICES)).toBeDefined();
  });

  it('refuses a key of another list: another partition, another index, a sort key out of range', () => {
    expect(refusal(cursorOf({ ...valid, gsi1pk: 'DEPARTMENTS' }))).toBe(
      'The cursor belongs to another list.',
    );
    expect(refusal(cursorOf(valid), { index: 'gsi3', partition: 'SERVICES' })).toBe(
      'The cursor is not valid.',
    );
    expect(refusal(cursorOf({ pk: 'SERVICES', sk: 'x' }))).toBe('The cursor is not valid.');
    const range: CursorShape = {
      index: 'gsi1',
      partition: 'DEPT#market#ORDERS',
      sortRange: { from: '2026-11-01', to: '2026-11-30\uffff' },
    };
    const order = { pk: 'ORDER#1', sk: 'ORDER', gsi1pk: 'DEPT#market#ORDERS' };
    expect(decodeCursor(cursorOf({ ...order, gsi1sk: '2026-11-15T00:00:00Z#1' }), range)).toBeDefined();
    for (const sk of ['2026-10-31T23:59:59Z#1', '2026-12-01T00:00:00Z#1'])
      expect(refusal(cursorOf({ ...order, gsi1sk: sk }), range)).toBe('The cursor belongs to another list.');
  });
});

describe('cursorValue', () => {
  it('reads any JSON a cursor encodes, and refuses what is not one', () => {
    expect(cursorValue(cursorOf({ v: 1, after: 'x' }))).toEqual({ v: 1, after: 'x' });
    expect(() => cursorValue('not base64!')).toThrow(Refusal);
    expect(() => cursorValue(`${cursorOf({ v: 1 })}=`)).toThrow(Refusal);
  });
});
