import { invalid, notFound } from '../../../shared/errors';
import { parsePeriod } from '../../../shared/data-profile/period';
import { findReview } from '../reviews/reviews-table';
import { setDeleted } from '../../store/rows';
import { actionPlan, addProgress, importActionTable, readActionFile, removeAction, removeProgress, saveAction } from './action-plan';
import { drawCharts } from './chart-cache';
import type { Handlers } from '../../platform/context';
import { indicatorChartSvg, profileSvg } from './indicator-charts';
import { importIndicators, listIndicators, removeIndicator, saveIndicator, upsertValue } from './indicators';
import type { Store } from '../../store/store';

function reviewOfIndicator(store: Store, indicatorId: string): string {
  const row = store.prepare('SELECT review_id FROM indicators WHERE id = ? AND deleted = 0').get(indicatorId) as { review_id: string } | undefined;
  if (!row) throw notFound('That indicator no longer exists.');
  return row.review_id;
}

/** The data profile (indicators, their figures and charts) and the system's action plan. */
export const profileHandlers: Handlers<
  | 'listIndicators'
  | 'saveIndicator'
  | 'removeIndicator'
  | 'saveIndicatorValue'
  | 'removeIndicatorValue'
  | 'importIndicatorsCsv'
  | 'getIndicatorCharts'
  | 'getActionPlan'
  | 'saveAction'
  | 'removeAction'
  | 'addActionProgress'
  | 'removeActionProgress'
  | 'importActions'
> = {
  listIndicators: ({ reviewId }, { store }) => listIndicators(store, reviewId),
  saveIndicator: (request, { store }) => {
    saveIndicator(store, request);
    return listIndicators(store, request.reviewId);
  },
  removeIndicator: ({ indicatorId, removed }, { store }) => listIndicators(store, removeIndicator(store, indicatorId, removed)),
  saveIndicatorValue: ({ indicatorId, period, area, england, comparator, flag, note }, { store }) => {
    const reviewId = reviewOfIndicator(store, indicatorId);
    const parsed = parsePeriod(period);
    if (typeof parsed === 'string') throw invalid(`The ${parsed}.`, [{ field: 'period', message: parsed }]);
    store.write((stamp) => upsertValue(store, stamp, reviewId, indicatorId, { period: parsed, area, england, comparator, flag, note }));
    return listIndicators(store, reviewId);
  },
  removeIndicatorValue: ({ valueId, removed }, { store }) => {
    const row = store.prepare('SELECT review_id FROM indicator_values WHERE id = ?').get(valueId) as { review_id: string } | undefined;
    if (!row) throw notFound('Those figures no longer exist.');
    store.write((stamp) => setDeleted(store, 'indicator_values', valueId, removed, stamp));
    return listIndicators(store, row.review_id);
  },
  importIndicatorsCsv: ({ reviewId, fileName, text, skipInvalid }, { store }) => importIndicators(store, reviewId, text, skipInvalid, fileName),
  getIndicatorCharts: async ({ reviewId, format }, { store }) => {
    const review = findReview(store, reviewId);
    if (!review) throw notFound('That review does not exist on this laptop.');
    const indicators = listIndicators(store, reviewId);
    // Figures are numbered by the indicator's place in the profile, as the report numbers them.
    const figures = indicators.flatMap((indicator, i) =>
      indicator.values.length > 0 ? [{ code: indicator.code, name: indicator.name, svg: indicatorChartSvg(indicator, i + 1) }] : [],
    );
    const charts = [...figures.map((f) => ({ svg: f.svg, widthPx: 1440 })), { svg: profileSvg(indicators, review.area), widthPx: 2000 }];
    const images = format === 'png' ? (await drawCharts(store, reviewId, charts)).map((png) => png.toString('base64')) : charts.map((c) => c.svg);
    return {
      indicators: figures.map((f, i) => ({ code: f.code, name: f.name, image: images[i] ?? '' })),
      profile: images[charts.length - 1] ?? '',
      mediaType: format === 'png' ? 'image/png' : 'image/svg+xml',
    };
  },
  getActionPlan: ({ reviewId, today }, { store }) => actionPlan(store, reviewId, today),
  saveAction: ({ reviewId, actionId, ...fields }, { store }) => {
    saveAction(store, reviewId, actionId, fields);
    return actionPlan(store, reviewId);
  },
  removeAction: ({ actionId, removed }, { store }) => actionPlan(store, removeAction(store, actionId, removed)),
  addActionProgress: (request, { store }) => actionPlan(store, addProgress(store, request)),
  removeActionProgress: ({ progressId, removed }, { store }) => actionPlan(store, removeProgress(store, progressId, removed)),
  importActions: async ({ reviewId, fileName, dataBase64, skipInvalid }, { store }) => {
    if (!findReview(store, reviewId)) throw notFound('That review does not exist on this laptop.');
    const table = await readActionFile(Buffer.from(dataBase64, 'base64'), fileName);
    return importActionTable(store, reviewId, table, skipInvalid);
  },
};
