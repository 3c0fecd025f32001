/**
 * The Single Assessment Framework roll-up: quality statements are scored 1–4 and combine with
 * equal weights into a percentage of the maximum (4 per scored statement), banded
 * 25–38 inadequate, 39–62 requires improvement, 63–87 good, 88+ outstanding. Unscored statements
 * are left out of both the total and the maximum: they are never counted as zero.
 */
export type Band = 'inadequate' | 'requires_improvement' | 'good' | 'outstanding';

export const BAND_LABELS: Record<Band, string> = {
  inadequate: 'Inadequate',
  requires_improvement: 'Requires improvement',
  good: 'Good',
  outstanding: 'Outstanding',
};

export interface RollUp {
  scored: number;
  unscored: number;
  total: number;
  maximum: number;
  /** Whole percentage (rounded half up), or null when nothing is scored. */
  percentage: number | null;
  band: Band | null;
}

export function band(percentage: number): Band {
  if (percentage >= 88) return 'outstanding';
  if (percentage >= 63) return 'good';
  if (percentage >= 39) return 'requires_improvement';
  return 'inadequate';
}

export function rollUp(scores: ReadonlyArray<number | null>): RollUp {
  const given = scores.filter((score): score is number => score !== null);
  const total = given.reduce((sum, score) => sum + score, 0);
  const maximum = given.length * 4;
  const percentage = maximum === 0 ? null : Math.round((total / maximum) * 100);
  return { scored: given.length, unscored: scores.length - given.length, total, maximum, percentage, band: percentage === null ? null : band(percentage) };
}
