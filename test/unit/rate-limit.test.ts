/**
 * The fixed-window arithmetic of the one rate limiter (`functions/store/rate-limit.ts`):
 * windows aligned to multiples of their length, what a 429 says to wait, when a counter
 * may expire, and the key each window's counter lives under.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hitsOf, rateLimitKey, windowOf } from '../../functions/store/rate-limit.js';

describe('rate-limit windows', () => {
  it('aligns a window to multiples of its length and says how long is left', () => {
    const now = new Date('2026-11-20T10:07:30Z'); // 10 minutes: the window is 10:00–10:10
    const w = windowOf(600, now);
    expect(new Date(w.start * 1000).toISOString()).toBe('2026-11-20T10:00:00.000Z');
    expect(new Date(w.end * 1000).toISOString()).toBe('2026-11-20T10:10:00.000Z');
    expect(w.retryAfterSeconds).toBe(150);
    expect(w.expiresAt).toBeGreaterThanOrEqual(w.end);
  });

  it('starts a new window exactly on the boundary', () => {
    const w = windowOf(3600, new Date('2026-11-20T11:00:00Z'));
    expect(new Date(w.start * 1000).toISOString()).toBe('2026-11-20T11:00:00.000Z');
    expect(w.retryAfterSeconds).toBe(3600);
    const before = windowOf(3600, new Date('2026-11-20T10:59:59.999Z'));
    expect(before.end).toBe(w.start);
    expect(before.retryAfterSeconds).toBe(1);
  });

  it('holds now in [start, end), waits 1..length seconds, and keeps the counter past its window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        fc.constantFrom(60, 600, 3600, 86_400),
        (ms, length) => {
          const w = windowOf(length, new Date(ms));
          const seconds = Math.floor(ms / 1000);
          expect(w.start % length).toBe(0);
          expect(w.start).toBeLessThanOrEqual(seconds);
          expect(seconds).toBeLessThan(w.end);
          expect(w.end - w.start).toBe(length);
          expect(w.retryAfterSeconds).toBeGreaterThanOrEqual(1);
          expect(w.retryAfterSeconds).toBeLessThanOrEqual(length);
          expect(w.expiresAt).toBeGreaterThan(w.end);
        },
      ),
    );
  });

  it('keys a counter by bucket, window length and start, so two rules on one bucket never share one', () => {
    const now = new Date('2026-11-20T10:07:30Z');
    expect(rateLimitKey('rating:abc', 600, now)).toEqual({ pk: 'RL#rating:abc', sk: '600@1795168800' });
    expect(rateLimitKey('rating:abc', 3600, now).sk).not.toBe(rateLimitKey('rating:abc', 600, now).sk);
    expect(rateLimitKey('rating:abc', 600, new Date('2026-11-20T10:09:59Z'))).toEqual(
      rateLimitKey('rating:abc', 600, now),
    );
  });

  it('reads the hits of a counter item, zero when there is none', () => {
    expect(hitsOf(undefined)).toBe(0);
    expect(hitsOf({ pk: 'RL#x', sk: '600@0' })).toBe(0);
    expect(hitsOf({ pk: 'RL#x', sk: '600@0', n: 7 })).toBe(7);
  });
});
