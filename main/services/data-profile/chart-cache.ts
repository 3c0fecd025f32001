import { createHash } from 'node:crypto';
import { svgToPngAsync } from '../../infra/charts';
import type { Store } from '../../store/store';

/**
 * Charts drawn once per change of what they show. A chart's PNG is kept in the database under
 * the hash of its SVG and width: the SVG is cheap to make and holds everything drawn (data,
 * labels, colours, the chart code's choices), so a cached picture can never be out of date.
 * Missing ones are drawn together on resvg's worker threads, one per core.
 */
const KEEP_PER_REVIEW = 64;

export interface ChartToDraw {
  svg: string;
  widthPx: number;
}

const hashOf = (chart: ChartToDraw) => createHash('sha256').update(`${chart.widthPx}\n${chart.svg}`).digest('hex');

export async function drawCharts(store: Store, reviewId: string, charts: readonly ChartToDraw[]): Promise<Buffer[]> {
  const hashes = charts.map(hashOf);
  const get = store.prepare<[string, string], { png: Buffer }>('SELECT png FROM chart_cache WHERE review_id = ? AND hash = ?');
  const pngs = await Promise.all(charts.map(async (chart, i) => get.get(reviewId, hashes[i] ?? '')?.png ?? (await svgToPngAsync(chart.svg, chart.widthPx))));
  try {
    const now = Date.now();
    const put = store.prepare('INSERT INTO chart_cache (review_id, hash, png, used_at) VALUES (?, ?, ?, ?) ON CONFLICT (review_id, hash) DO UPDATE SET used_at = excluded.used_at');
    store.db.transaction(() => {
      pngs.forEach((png, i) => put.run(reviewId, hashes[i] ?? '', png, now));
      store
        .prepare('DELETE FROM chart_cache WHERE review_id = ? AND hash NOT IN (SELECT hash FROM chart_cache WHERE review_id = ? ORDER BY used_at DESC LIMIT ?)')
        .run(reviewId, reviewId, KEEP_PER_REVIEW);
    })();
  } catch {
    // A cache that cannot be written (a read-only or full disk) only means drawing again next time.
  }
  return pngs;
}
