import type { CallsOf } from '../../../shared/api/contract';
import type { Handlers } from '../../platform/context';
import { reportTexts, saveReportText } from '../findings/findings';
import { reportJobHandlers } from './jobs';

/** The report: review-wide sections (written with citations, like findings) and exports as jobs. */
export const reportHandlers: Handlers<CallsOf<'report'>> = {
  getReportTexts: ({ reviewId }, { store }) => reportTexts(store, reviewId),
  saveReportText: ({ reviewId, section, doc }, { store }) => {
    saveReportText(store, reviewId, section, doc);
    return reportTexts(store, reviewId);
  },
  ...reportJobHandlers,
};
