import type { Handlers } from './context';
import { reviewsHandlers } from '../services/reviews';
import { frameworksHandlers } from '../services/frameworks';
import { sampleDataHandlers } from '../services/sample-data';
import { identityHandlers } from '../services/identity';
import { sessionsHandlers } from '../services/sessions';
import { searchHandlers } from '../services/search';
import { evidenceHandlers } from '../services/evidence';
import { relationalAuditHandlers } from '../services/relational-audit';
import { dataProfileHandlers } from '../services/data-profile';
import { findingsHandlers } from '../services/findings';
import { reportHandlers } from '../services/report';
import { exchangeHandlers } from '../services/exchange';
import { protectionHandlers } from '../services/protection';
import { governanceHandlers } from '../services/governance';

/**
 * Every call of the contract, implemented once: one handlers object per capability, each typed by
 * its slice of the contract, so a missing handler is a compile error where the call is declared.
 */
export const handlers: Handlers = {
  ...reviewsHandlers,
  ...frameworksHandlers,
  ...sampleDataHandlers,
  ...identityHandlers,
  ...sessionsHandlers,
  ...searchHandlers,
  ...evidenceHandlers,
  ...relationalAuditHandlers,
  ...dataProfileHandlers,
  ...findingsHandlers,
  ...reportHandlers,
  ...exchangeHandlers,
  ...protectionHandlers,
  ...governanceHandlers,
};
