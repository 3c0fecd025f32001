import { describe, expect, it } from 'vitest';
import { band, rollUp } from '../../shared/evidence/saf';

describe('SAF roll-up (hand-computed)', () => {
  it.each([
    // scores, total/maximum, percentage, band
    [[3, 3, 2, 4], 12, 16, 75, 'good'],
    [[1, 1, 1, 1], 4, 16, 25, 'inadequate'],
    [[4, 4, 4, 3], 15, 16, 94, 'outstanding'], // 93.75 rounds to 94
    [[2, 2, 2, 1], 7, 16, 44, 'requires_improvement'], // 43.75
    [[2, 3, null, null], 5, 8, 63, 'good'], // 62.5 rounds half up; the two unscored are left out, not zero
    [[1, 2, null], 3, 8, 38, 'inadequate'], // 37.5 → 38, still inadequate
    [[3, 4, 4, 4, 4, 4, 4, 4], 31, 32, 97, 'outstanding'],
  ])('%j → %i/%i = %i%% %s', (scores, total, maximum, percentage, expected) => {
    const result = rollUp(scores);
    expect(result).toMatchObject({
      total,
      maximum,
      percentage,
      band: expected,
      scored: scores.filter((s) => s !== null).length,
      unscored: scores.filter((s) => s === null).length,
    });
  });

  it('gives no percentage or band when nothing is scored', () => {
    expect(rollUp([null, null])).toEqual({ scored: 0, unscored: 2, total: 0, maximum: 0, percentage: null, band: null });
  });

  it('bands at the published boundaries', () => {
    expect([25, 38, 39, 62, 63, 87, 88, 100].map(band)).toEqual([
      'inadequate',
      'inadequate',
      'requires_improvement',
      'requires_improvement',
      'good',
      'good',
      'outstanding',
      'outstanding',
    ]);
  });
});
