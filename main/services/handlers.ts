import type { Handlers } from './context';
import { demoHandlers } from './demo';
import { frameworkHandlers } from './framework';
import { organisationHandlers } from './organisations';
import { reviewHandlers } from './reviews';
import { systemHandlers } from './system';
import { teamHandlers } from './team';
import { notesHandlers } from './notes';
import { importHandlers } from './import-notes';
import { evidenceHandlers } from './evidence';
import { auditHandlers } from './audit';
import { profileHandlers } from './profile';
import { findingsHandlers } from './findings-handlers';
import { reportJobHandlers } from './report-jobs';
import { recordsHandlers } from './records';
import { teamHandlers as teamMergeHandlers } from './team-handlers';
import { matrixHandlers } from './matrix';
import { scoreHandlers } from './scores';
import { searchAllHandlers, searchHandlers } from './search';
import { passageHandlers } from './passages';
import { sessionHandlers } from './sessions';

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
