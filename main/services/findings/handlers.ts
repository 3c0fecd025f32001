import type { Handlers } from '../../platform/context';
import { addFinding, appendCitation, listFindings, removeEmptyFindings, removeFinding, saveFinding, saveSummary, setFindingStatus } from './findings';

export const findingsHandlers: Handlers<
  'listFindings' | 'addFinding' | 'saveFinding' | 'setFindingStatus' | 'removeFinding' | 'removeEmptyFindings' | 'saveSummary' | 'citeInFinding'
> = {
  citeInFinding: ({ findingId, citation }, { store }) => listFindings(store, appendCitation(store, findingId, citation)),
  listFindings: ({ reviewId }, { store }) => listFindings(store, reviewId),
  addFinding: (request, { store }) => listFindings(store, addFinding(store, request)),
  saveFinding: (request, { store }) => listFindings(store, saveFinding(store, request)),
  setFindingStatus: ({ findingId, status }, { store }) => listFindings(store, setFindingStatus(store, findingId, status)),
  removeFinding: ({ findingId, removed }, { store }) => listFindings(store, removeFinding(store, findingId, removed)),
  removeEmptyFindings: ({ reviewId, itemId }, { store }) => listFindings(store, removeEmptyFindings(store, reviewId, itemId)),
  saveSummary: ({ reviewId, itemId, doc }, { store }) => {
    saveSummary(store, reviewId, itemId, doc);
    return listFindings(store, reviewId);
  },
};
