import type { AppContext } from '../../main/platform/context';
import { measure, type Result } from './bench-measure';
import { call } from './scale';

/**
 * The data profile and action plan on the generated scale-L review (24 quarters of six
 * indicators, 120 actions). Issue 6 sets no bounds; these are recorded to see them move.
 */
export async function profileBenchmarks(context: AppContext, reviewId: string): Promise<Result[]> {
  const results: Result[] = [];
  results.push(await measure('data profile: list indicators (6 × 24 quarters)', 30, () => call(context, 'listIndicators', { reviewId })));
  results.push(await measure('data profile: 6 line charts + one-page profile as SVG', 10, () => call(context, 'getIndicatorCharts', { reviewId, format: 'svg' })));
  results.push(await measure('data profile: 6 line charts + one-page profile as PNG', 5, () => call(context, 'getIndicatorCharts', { reviewId, format: 'png' })));
  const lines = ['indicator,period,area,england,comparator,flag'];
  for (const code of ['AE65', 'EA65', 'EACH65', 'LOS65', 'DTOC18', 'READM65'])
    for (let q = 0; q < 24; q += 1)
      lines.push(`${code},${2013 + Math.floor(q / 4)}/${String((2014 + Math.floor(q / 4)) % 100).padStart(2, '0')} Q${(q % 4) + 1},${(100 + q).toFixed(1)},101.5,99%,similar`);
  results.push(
    await measure(`data profile: import a ${lines.length - 1}-row indicator CSV (updates every value)`, 5, () =>
      call(context, 'importIndicatorsCsv', { reviewId, text: lines.join('\n'), skipInvalid: false }),
    ),
  );
  results.push(await measure('action plan: view with counts by theme and status (120 actions)', 30, () => call(context, 'getActionPlan', { reviewId })));
  return results;
}
