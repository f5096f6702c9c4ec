import { describe, expect, it } from 'vitest';
import { checkRatingToken, issueRatingToken } from '../../functions/domain/rating-token.js';
import { readConfig } from '../../functions/shared/config.js';

describe('rating link lifetime', () => {
  it('defaults to 30 days and can be configured per deployment', () => {
    expect(readConfig({}).ratingTokenDays).toBe(30);
    expect(readConfig({ WOODPECKER_RATING_TOKEN_DAYS: '7' }).ratingTokenDays).toBe(7);
    expect(readConfig({ WOODPECKER_RATING_TOKEN_DAYS: '-3' }).ratingTokenDays).toBe(30);
    const completed = new Date('2026-01-10T08:00:00Z');
    const token = issueRatingToken(
      's'.repeat(40),
      'C1',
      completed,
      readConfig({ WOODPECKER_RATING_TOKEN_DAYS: '7' }).ratingTokenDays,
    );
    expect(checkRatingToken('s'.repeat(40), 'C1', token, new Date('2026-01-16T08:00:00Z'))).toBe('valid');
    expect(checkRatingToken('s'.repeat(40), 'C1', token, new Date('2026-01-18T08:00:00Z'))).toBe('expired');
    expect(checkRatingToken('s'.repeat(40), 'C2', token, new Date('2026-01-16T08:00:00Z'))).toBe('invalid');
  });
});
