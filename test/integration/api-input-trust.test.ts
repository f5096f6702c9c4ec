/**
 * Input the API must not trust: pagination cursors. A cursor is the last evaluated key
 * of a Query, handed to the client and taken back; every list that accepts one must
 * answer a cursor that is not a key of that Query's shape — wrong attributes, empty or
 * oversize values, lone surrogates, another list's partition, another spelling — with a
 * 400 in the contract's error shape (Open311: its own), never a DynamoDB
 * ValidationException as a 5xx, and never resume another list (another department's
 * inbox). Real cursors keep working, and a forged cursor of the right shape only
 * repositions the caller in their own list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardFilterKey } from '../../functions/domain/critiques/board.js';
import type { CursorShape } from '../../functions/store/cursor.js';
import { keys } from '../../functions/store/keys.js';
import {
  buildWorld,
  contractShapeProblem,
  DEPT_A,
  type Identity,
  open311ShapeProblem,
  rawCall,
  type World,
} from '../support/proof-world.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let t: TestPlatform;
let w: World;

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-20T10:00:00+08:00' });
  w = await buildWorld(t);
});
afterAll(() => t?.stop());

const b64 = (text: string) => Buffer.from(text).toString('base64url');
const cursorOf = (value: unknown) => b64(JSON.stringify(value));

interface List {
  url: string;
  who: Identity | 'anonymous';
  /** The Query the list reads: forged keys of its own partition must be refused too. */
  reads?: CursorShape;
  open311?: 'json' | 'xml';
}

/** Every list that takes a cursor, as a caller who may read it. */
const LISTS: List[] = [
  { url: '/api/v1/services?limit=1', who: 'anonymous', reads: { index: 'gsi1', partition: 'SERVICES' } },
  { url: `/api/v1/services?departmentId=${DEPT_A}`, who: 'anonymous' },
  {
    url: '/api/v1/critiques?limit=1',
    who: 'anonymous',
    reads: { index: 'table', partition: keys.critiqueBoardPartition(boardFilterKey({})) },
  },
  { url: '/api/v1/critiques?status=open&category=correction', who: 'anonymous' },
  {
    url: '/api/v1/critiques/awards',
    who: 'anonymous',
    reads: { index: 'gsi1', partition: keys.critiqueAwardList('', '').gsi1pk },
  },
  {
    url: '/api/v1/staff/critiques',
    who: 'office',
    reads: { index: 'gsi3', partition: keys.critiqueByStatus('submitted', '', '').gsi3pk },
  },
  {
    url: `/api/v1/staff/critiques?departmentId=${DEPT_A}`,
    who: 'deptA',
    reads: { index: 'gsi1', partition: keys.critiqueByDepartment(DEPT_A, '', '').gsi1pk },
  },
  {
    url: `/api/v1/staff/reviews?departmentId=${DEPT_A}`,
    who: 'deptA',
    reads: { index: 'gsi1', partition: keys.badReviewByDepartment(DEPT_A, '', '').gsi1pk },
  },
  { url: `/api/v1/staff/reviews?departmentId=${DEPT_A}&status=all`, who: 'office' },
  {
    url: '/api/v1/staff/appeals',
    who: 'office',
    reads: { index: 'gsi3', partition: keys.appealByStatus('pending', '', '').gsi3pk },
  },
  { url: '/api/v1/staff/appeals?status=upheld', who: 'office' },
  {
    url: `/api/v1/staff/supervision/orders?departmentId=${DEPT_A}`,
    who: 'inspector',
    reads: { index: 'gsi1', partition: keys.orderByDepartment(DEPT_A, '', '').gsi1pk },
  },
  {
    url: '/api/v1/staff/supervision/orders?status=issued',
    who: 'inspector',
    reads: { index: 'gsi3', partition: keys.orderByStatus('issued', '', '').gsi3pk },
  },
  { url: '/open311/v2/requests.json?page_size=1', who: 'anonymous', open311: 'json' },
  { url: '/open311/v2/requests.xml?status=open', who: 'anonymous', open311: 'xml' },
];

/** Keys of a list's own partition that DynamoDB would still refuse (or that are not its index's keys). */
function forgedOwnKeys(reads: CursorShape): Record<string, string> {
  const [pkName, skName] = reads.index === 'table' ? ['pk', 'sk'] : [`${reads.index}pk`, `${reads.index}sk`];
  const key: Record<string, string> = {
    pk: 'X#1',
    sk: 'X',
    [pkName]: reads.partition,
    [skName]: 'S#1',
  };
  const { [skName]: _dropped, ...noSort } = key;
  return {
    'own partition, oversize sort key': cursorOf({ ...key, [skName]: 'Z'.repeat(1500) }),
    'own partition, empty table key': cursorOf({ ...key, pk: '' }),
    'own partition, no sort key': cursorOf(noSort),
    'own partition, an attribute more': cursorOf({ ...key, type: 'critique' }),
    'own partition, lone surrogate': b64(JSON.stringify(key).replace('S#1', '\\udc00')),
    'own partition, another index': cursorOf({ pk: 'X#1', sk: 'X', gsi2pk: reads.partition, gsi2sk: 'a' }),
  };
}

/** Cursors no list may pass to DynamoDB. */
function forgedCursors(): Record<string, string> {
  const services = { pk: 'SVC#FOOD', sk: 'SVC', gsi1pk: 'SERVICES', gsi1sk: 'FOOD' };
  const real = cursorOf(services);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return {
    'one attribute': cursorOf({ pk: 'x' }),
    'table key only': cursorOf({ pk: 'x', sk: 'y' }),
    'empty strings': cursorOf({ pk: '', sk: '', gsi1pk: '', gsi1sk: '', gsi3pk: '', gsi3sk: '' }),
    numbers: cursorOf({ pk: 1, sk: 2 }),
    'DynamoDB JSON': cursorOf({ pk: { S: 'x' }, sk: { S: 'y' } }),
    'oversize sort key': cursorOf({ ...services, gsi1sk: 'Z'.repeat(1500) }),
    'oversize table key': cursorOf({ ...services, sk: 'Z'.repeat(1500) }),
    'lone surrogate': b64('{"pk":"\\ud800","sk":"SVC","gsi1pk":"SERVICES","gsi1sk":"\\udfff"}'),
    'every index at once': cursorOf({
      pk: 'x',
      sk: 'y',
      gsi1pk: 'x',
      gsi1sk: 'y',
      gsi2pk: 'x',
      gsi2sk: 'y',
      gsi3pk: 'x',
      gsi3sk: 'y',
    }),
    'another list (gsi3)': cursorOf({ pk: 'CRIT#X', sk: 'CRIT', gsi3pk: 'CRIT#nope', gsi3sk: 'a' }),
    'another list (board)': cursorOf({ pk: 'CRITBOARD#nope', sk: '2026-11-01T00:00:00.000Z#X' }),
    'an array': cursorOf([services]),
    padding: `${real}==`,
    'stray trailing bits': `${real.slice(0, -1)}${alphabet[alphabet.indexOf(real.at(-1)!) | 1]}`,
    'not base64url': '{"pk":"x"}',
    'not JSON': b64('pk=x&sk=y'),
    'invalid UTF-8': Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]).toString('base64url'),
  };
}

async function list(url: string, who: Identity | 'anonymous') {
  const token = who === 'anonymous' ? undefined : w.tokens[who];
  return rawCall(t, 'GET', url, token ? { token } : {});
}

const withCursor = (url: string, cursor: string) =>
  `${url}${url.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`;

describe('a forged cursor is a 400 on every list that takes one', () => {
  for (const l of LISTS) {
    it(`${l.url} as ${l.who}`, async () => {
      expect((await list(l.url, l.who)).status).toBe(200);
      const answers: string[] = [];
      const forged = { ...forgedCursors(), ...(l.reads ? forgedOwnKeys(l.reads) : {}) };
      for (const [name, cursor] of Object.entries(forged)) {
        const res = await list(withCursor(l.url, cursor), l.who);
        const problem = l.open311 ? open311ShapeProblem(res, l.open311 === 'xml') : contractShapeProblem(res);
        const code = l.open311 ? 'invalid_request' : (res.body as { error?: { code?: string } }).error?.code;
        if (res.status !== 400 || problem || code !== 'invalid_request')
          answers.push(`${name}: ${res.status} ${problem ?? ''} ${res.text.slice(0, 160)}`);
      }
      expect(answers).toEqual([]);
    });
  }
});

describe('real cursors', () => {
  it('page through the services and the board as before', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await list(`/api/v1/services?limit=1${cursor ? `&cursor=${cursor}` : ''}`, 'anonymous');
      expect(res.status).toBe(200);
      const body = res.body as { items: { code: string }[]; nextCursor: string | null };
      seen.push(...body.items.map((s) => s.code));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['BUILD', 'FOOD']);

    const first = await list('/api/v1/critiques?limit=1', 'anonymous');
    const next = (first.body as { nextCursor: string }).nextCursor;
    expect(next).toBeTruthy();
    expect((await list(`/api/v1/critiques?limit=1&cursor=${next}`, 'anonymous')).status).toBe(200);
  });

  it('a cursor of the right shape only moves the caller within their own list', async () => {
    const after = cursorOf({ pk: 'SVC#BUILD', sk: 'SVC', gsi1pk: 'SERVICES', gsi1sk: 'BUILD' });
    const res = await list(`/api/v1/services?cursor=${after}`, 'anonymous');
    expect(res.status).toBe(200);
    expect((res.body as { items: { code: string }[] }).items.map((s) => s.code)).toEqual(['FOOD']);
  });

  it('department B cannot resume department A’s inbox with A’s cursor', async () => {
    const aCursor = cursorOf({
      pk: `RATING#${w.badCase}`,
      sk: 'RATING',
      gsi1pk: `DEPT#${DEPT_A}#BADREVIEWS`,
      gsi1sk: '9999',
    });
    const own = await list(`/api/v1/staff/reviews?cursor=${aCursor}`, 'deptB');
    expect(own.status).toBe(400);
    expect(contractShapeProblem(own)).toBeUndefined();
    expect(own.text).not.toContain(w.badCase);
    // Asking for A's list itself stays forbidden, cursor or not (authorisation before validation).
    expect(
      (await list(`/api/v1/staff/reviews?departmentId=${DEPT_A}&cursor=${aCursor}`, 'deptB')).status,
    ).toBe(403);
  });

  it('the pages that list with a cursor never answer a forged one with a 5xx', async () => {
    for (const cursor of Object.values(forgedCursors())) {
      const res = await rawCall(t, 'GET', withCursor('/critiques/board', cursor));
      expect(res.status, cursor).toBeLessThan(500);
    }
  });
});
