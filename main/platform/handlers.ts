import type { Handlers } from './context';
import { demoHandlers } from '../services/sample-data/demo';
import { frameworkHandlers } from '../services/frameworks/frameworks';
import { organisationHandlers } from '../services/reviews/organisations';
import { reviewHandlers } from '../services/reviews/reviews';
import { systemHandlers } from '../services/protection/backups';
import { teamHandlers } from '../services/reviews/members';
import { notesHandlers } from '../services/sessions/notes';
import { importHandlers } from '../services/sessions/import-notes';
import { evidenceHandlers } from '../services/evidence/evidence';
import { auditHandlers } from '../services/relational-audit/relational-audit';
import { profileHandlers } from '../services/data-profile/handlers';
import { findingsHandlers } from '../services/findings/handlers';
import { reportJobHandlers } from '../services/report/jobs';
import { recordsHandlers } from '../services/protection/protection';
import { teamHandlers as teamMergeHandlers } from '../services/exchange/handlers';
import { matrixHandlers } from '../services/evidence/matrix';
import { scoreHandlers } from '../services/evidence/scores';
import { searchAllHandlers, searchHandlers } from '../services/search/search';
import { passageHandlers } from '../services/sessions/passages';
import { sessionHandlers } from '../services/sessions/sessions';

/** Every call of the contract, implemented once. The type makes a missing handler a compile error. */
export const handlers: Handlers = {
  ...reviewHandlers,
  ...teamHandlers,
  ...organisationHandlers,
  ...frameworkHandlers,
  ...demoHandlers,
  ...systemHandlers,
  ...sessionHandlers,
  ...notesHandlers,
  ...passageHandlers,
  ...searchHandlers,
  ...importHandlers,
  ...evidenceHandlers,
  ...matrixHandlers,
  ...scoreHandlers,
  ...searchAllHandlers,
  ...auditHandlers,
  ...profileHandlers,
  ...findingsHandlers,
  ...reportJobHandlers,
  ...recordsHandlers,
  ...teamMergeHandlers,
};
