import type { CallsOf } from '../../../shared/api/contract';
import type { Handlers } from '../../platform/context';
import { listFindings, reportTexts, saveReportText } from '../findings/findings';
import { reportJobHandlers } from './jobs';
import { findingStatusCounts } from './report-model';
import { defaultInclude } from '../../../shared/report/include';

/** The report: review-wide sections (written with citations, like findings) and exports as jobs. */
export const reportHandlers: Handlers<CallsOf<'report'>> = {
  getReportTexts: ({ reviewId }, { store }) => reportTexts(store, reviewId),
  saveReportText: ({ reviewId, section, doc }, { store }) => {
    saveReportText(store, reviewId, section, doc);
    return reportTexts(store, reviewId);
  },
  getReportChoices: ({ reviewId }, { store }) => {
    const findings = findingStatusCounts(listFindings(store, reviewId));
    return { findings, include: defaultInclude(findings) };
  },
  ...reportJobHandlers,
};
