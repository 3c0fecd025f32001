import { INDICATOR_FLAG_LABELS, type IndicatorFlag } from './domain';

/**
 * A flag that contradicts its own figures: "significantly better" for an area worse than England
 * (in the indicator's better direction), or "significantly worse" for one better. Such a row is
 * most often a column slip or a flag copied from the row above; it is kept as given but said, in
 * the import summary and beside the value. "Similar" is never judged: significance is the
 * source's call, not ours.
 */
export function flagConflict(indicator: { code: string; lowerIsBetter: boolean }, value: { area: number; england: number | null; flag: IndicatorFlag | null }): string | null {
  if (value.england === null || (value.flag !== 'better' && value.flag !== 'worse')) return null;
  const difference = indicator.lowerIsBetter ? value.england - value.area : value.area - value.england;
  const says = value.flag === 'better' ? 1 : -1;
  if (difference * says > 0) return null;
  const actually = difference === 0 ? 'the same as' : difference > 0 ? 'better than' : 'worse than';
  return `flagged ${INDICATOR_FLAG_LABELS[value.flag].toLowerCase()}, but the area (${value.area}) is ${actually} England (${value.england}): ${indicator.lowerIsBetter ? 'lower' : 'higher'} is better for ${indicator.code}`;
}
