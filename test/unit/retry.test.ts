/**
 * The one retry helper (`functions/shared/retry.ts`): how many times it tries, when it
 * waits, what "again now" means, and what happens once it gives up.
 */
import { describe, expect, it } from 'vitest';
import { AGAIN, AGAIN_NOW, exponentialBackoff, retrying } from '../../functions/shared/retry.js';

describe('retrying', () => {
  it('returns the first result that is not a request to try again', async () => {
    const seen: number[] = [];
    const result = await retrying(
      async (n) => {
        seen.push(n);
        return n < 2 ? AGAIN : `done at ${n}`;
      },
      { attempts: 5, exhausted: () => 'gave up' },
    );
    expect(result).toBe('done at 2');
    expect(seen).toEqual([0, 1, 2]);
  });

  it('gives up after the attempts, by throwing or with a fallback', async () => {
    let calls = 0;
    const again = async (): Promise<typeof AGAIN> => {
      calls++;
      return AGAIN;
    };
    await expect(
      retrying(again, {
        attempts: 3,
        exhausted: () => {
          throw new Error('conflict');
        },
      }),
    ).rejects.toThrow('conflict');
    expect(calls).toBe(3);
    expect(await retrying<boolean>(again, { attempts: 2, exhausted: () => false })).toBe(false);
    expect(calls).toBe(5);
  });

  it('passes an error thrown by an attempt straight through, without retrying', async () => {
    let calls = 0;
    await expect(
      retrying(
        async () => {
          calls++;
          throw new Error('refused');
        },
        { attempts: 5, exhausted: () => 'never' },
      ),
    ).rejects.toThrow('refused');
    expect(calls).toBe(1);
  });

  it('waits the backoff between attempts, never after the last', async () => {
    const waits: number[] = [];
    await retrying(async () => AGAIN, {
      attempts: 4,
      backoffMs: (n) => {
        waits.push(n);
        return 1;
      },
      exhausted: () => undefined,
    });
    expect(waits).toEqual([0, 1, 2]);
  });

  it('tries again at once, without using up an attempt, on AGAIN_NOW', async () => {
    const seen: number[] = [];
    let work = 3;
    const waits: number[] = [];
    const result = await retrying(
      async (n) => {
        seen.push(n);
        if (work > 0) {
          work--;
          return AGAIN_NOW;
        }
        return 'done';
      },
      {
        attempts: 1,
        backoffMs: (n) => {
          waits.push(n);
          return 1;
        },
        exhausted: () => 'gave up',
      },
    );
    expect(result).toBe('done');
    expect(seen).toEqual([0, 0, 0, 0]);
    expect(waits).toEqual([]);
  });
});

describe('exponentialBackoff', () => {
  it('doubles from the base, stops doubling and caps', () => {
    const plain = exponentialBackoff({ baseMs: 10 });
    expect([0, 1, 2, 3].map(plain)).toEqual([10, 20, 40, 80]);
    const capped = exponentialBackoff({ baseMs: 20, capMs: 1000 });
    expect(capped(10)).toBe(1000);
    const limited = exponentialBackoff({ baseMs: 20, maxDoublings: 6 });
    expect(limited(9)).toBe(20 * 2 ** 6);
  });

  it('adds at most the jitter', () => {
    const jittered = exponentialBackoff({ baseMs: 10, jitterMs: 10 });
    for (let i = 0; i < 50; i++) {
      const ms = jittered(1);
      expect(ms).toBeGreaterThanOrEqual(20);
      expect(ms).toBeLessThan(30);
    }
  });
});
