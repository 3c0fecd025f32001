import PizZip from 'pizzip';
import { afterEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../main/services/report/export';
import { drawCharts } from '../../main/services/data-profile/chart-cache';
import { reportFixture } from '../report-fixture';
import { testApps } from '../helpers';

/** Charts are drawn once per change of what they show, and never shown out of date. */
const app = testApps(afterEach);
const control = { progress: () => undefined, cancelled: () => false };

async function pictures(a: ReturnType<typeof app>, reviewId: string): Promise<string[]> {
  const report = await buildReport(a.context, { reviewId, format: 'docx', allowNames: 'all' }, control);
  if (report.blocked) throw new Error('blocked');
  const zip = new PizZip(report.bytes);
  return Object.keys(zip.files)
    .filter((name) => name.startsWith('word/media/fieldbook-chart-'))
    .sort((x, y) => Number(/(\d+)\.png$/.exec(x)?.[1]) - Number(/(\d+)\.png$/.exec(y)?.[1]))
    .map((name) => Buffer.from(zip.file(name)!.asUint8Array()).toString('base64'));
}
const cached = (a: ReturnType<typeof app>, reviewId: string) => (a.store.db.prepare('SELECT count(*) AS n FROM chart_cache WHERE review_id = ?').get(reviewId) as { n: number }).n;

describe('the chart cache', () => {
  it('keeps each drawn chart, uses it while nothing changed, and draws again only the chart whose data changed', { timeout: 60_000 }, async () => {
    const a = app();
    const { reviewId } = await reportFixture(a);
    const first = await pictures(a, reviewId);
    expect(first.length).toBeGreaterThanOrEqual(4);
    expect(cached(a, reviewId)).toBe(first.length);

    // What the export shows comes from the cache: a planted picture is what the report holds.
    const planted = Buffer.from('planted-picture');
    a.store.db.prepare('UPDATE chart_cache SET png = ? WHERE review_id = ?').run(planted, reviewId);
    const fromCache = await pictures(a, reviewId);
    expect(fromCache.every((p) => p === planted.toString('base64'))).toBe(true);

    // One indicator's figure changes: that chart alone is drawn again (a real PNG), the rest are kept.
    const indicators = await a.call('listIndicators', { reviewId });
    const changed = indicators.find((i) => i.values.length > 0)!;
    await a.call('saveIndicatorValue', { indicatorId: changed.id, period: changed.values[0]!.period, area: (changed.values[0]!.area ?? 0) + 7 });
    const after = await pictures(a, reviewId);
    const redrawn = after.filter((p) => p !== planted.toString('base64'));
    expect(redrawn).toHaveLength(1);
    expect(Buffer.from(redrawn[0]!, 'base64').subarray(1, 4).toString()).toBe('PNG');
    expect(cached(a, reviewId)).toBe(first.length + 1);
  });

  it('is emptied with its review, and holds a bounded number of pictures per review', { timeout: 60_000 }, async () => {
    const a = app();
    const { reviewId } = await reportFixture(a);
    const tiny = (n: number) => ({ svg: `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="${n % 10}" height="10"/></svg>`, widthPx: 10 + n });
    const drawn = await drawCharts(
      a.store,
      reviewId,
      Array.from({ length: 70 }, (_, n) => tiny(n)),
    );
    expect(drawn).toHaveLength(70);
    expect(drawn.every((png) => png.subarray(1, 4).toString() === 'PNG')).toBe(true);
    expect(cached(a, reviewId)).toBe(64);
    const review = (await a.call('listReviews', {})).find((r) => r.id === reviewId)!;
    await a.call('deleteReview', { reviewId, confirmTitle: review.title });
    expect((a.store.db.prepare('SELECT count(*) AS n FROM chart_cache').get() as { n: number }).n).toBe(0);
  });

  it('the data profile as PNG uses the same pictures', { timeout: 60_000 }, async () => {
    const a = app();
    const { reviewId } = await reportFixture(a);
    const charts = await a.call('getIndicatorCharts', { reviewId, format: 'png' });
    expect(charts.mediaType).toBe('image/png');
    const rows = cached(a, reviewId);
    expect(rows).toBe(charts.indicators.length + 1);
    await a.call('getIndicatorCharts', { reviewId, format: 'png' });
    expect(cached(a, reviewId)).toBe(rows);
  });
});

describe('charts drawn the same way twice', () => {
  it('give the same SVG, whatever was drawn between them', async () => {
    const { render } = await import('../../main/infra/charts');
    const option = { xAxis: { type: 'category' as const, data: ['Q1', 'Q2'] }, yAxis: { type: 'value' as const }, series: [{ type: 'line' as const, data: [1, 2] }] };
    const first = render(option, 300, 200);
    render({ ...option, series: [{ type: 'bar' as const, data: [3, 4] }] }, 300, 200);
    expect(render(option, 300, 200)).toBe(first);
    expect(first).toMatch(/class="fb-\d+"/);
  });
});
