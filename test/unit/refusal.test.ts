/**
 * A refusal is said below HTTP and mapped once: `parseWith` names every problem by its
 * field for pages and keeps the contract's message and `details.issues` for the API, and
 * every refusal code maps to a client error (or 503), never a 5xx the client caused.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { httpStatusOf } from '../../functions/api/errors.js';
import { isRefusal, REFUSAL_CODES, Refusal } from '../../functions/domain/refusal.js';
import { dateSchema, ID_PATTERN, idSchema, isId, parseWith } from '../../functions/domain/schemas.js';

const body = z.strictObject({
  caseId: idSchema,
  score: z.number().check(z.minimum(1), z.maximum(5)),
  callback: z.optional(z.strictObject({ phone: z.string().check(z.minLength(7)) })),
});

function refusalOf(fn: () => unknown): Refusal {
  try {
    fn();
  } catch (err) {
    if (err instanceof Refusal) return err;
    throw err;
  }
  throw new Error('accepted');
}

describe('parseWith', () => {
  it('gives back the parsed value when it fits', () => {
    expect(parseWith(body, { caseId: 'C-1', score: 3 })).toEqual({ caseId: 'C-1', score: 3 });
  });

  it('refuses with one problem per issue, by dotted field, and the contract message and details', () => {
    const err = refusalOf(() =>
      parseWith(body, { caseId: 'bad#id', score: 9, callback: { phone: '1' } }, 'rating'),
    );
    expect(isRefusal(err, 'invalid_request')).toBe(true);
    expect(err.problems.map((p) => p.field)).toEqual(['caseId', 'score', 'callback.phone']);
    expect(err.field).toBe('caseId');
    const issues = (err.details as { issues: string[] }).issues;
    expect(issues).toHaveLength(3);
    expect(issues[0]).toBe('caseId: expected 1-64 of A-Z a-z 0-9 . _ : -');
    expect(issues[1]).toMatch(/^score: /);
    expect(issues[2]).toMatch(/^callback\.phone: /);
    for (const [i, p] of err.problems.entries()) expect(issues[i]).toBe(`${p.field}: ${p.message}`);
    expect(err.message).toBe(`Invalid rating: ${issues.join('; ')}`);
  });

  it('lists at most five issues in the message but every one in details and problems', () => {
    const many = z.strictObject({
      a: z.string(),
      b: z.string(),
      c: z.string(),
      d: z.string(),
      e: z.string(),
      f: z.string(),
    });
    const err = refusalOf(() => parseWith(many, {}));
    const issues = (err.details as { issues: string[] }).issues;
    expect(issues).toHaveLength(6);
    expect(err.problems).toHaveLength(6);
    expect(err.message).toBe(`Invalid request: ${issues.slice(0, 5).join('; ')}`);
  });

  it('says a root-level problem without a path prefix', () => {
    const err = refusalOf(() => parseWith(dateSchema, '2025-02-30', 'date'));
    expect((err.details as { issues: string[] }).issues).toEqual(['not a real date']);
    expect(err.problems).toEqual([{ field: '', message: 'not a real date' }]);
    expect(err.message).toBe('Invalid date: not a real date');
  });
});

describe('the id pattern', () => {
  it('admits 1-64 of A-Z a-z 0-9 . _ : - starting with a letter or digit, and nothing else', () => {
    for (const ok of ['a', 'FOOD', 'C-2025.001', 'dept:market_1', 'x'.repeat(64)])
      expect(isId(ok)).toBe(true);
    for (const bad of ['', '-a', '.a', 'a#b', 'a b', 'x'.repeat(65), 'é', 'a\n'])
      expect(isId(bad)).toBe(false);
    expect(ID_PATTERN.source).toBe('^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$');
  });
});

describe('httpStatusOf', () => {
  it('maps every refusal code to a 4xx, or 503 for unavailable', () => {
    for (const code of REFUSAL_CODES) {
      const status = httpStatusOf(code);
      if (code === 'unavailable') expect(status).toBe(503);
      else {
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
      }
    }
    expect(httpStatusOf('invalid_request')).toBe(400);
    expect(httpStatusOf('unauthenticated')).toBe(401);
    expect(httpStatusOf('not_found')).toBe(404);
  });
});
