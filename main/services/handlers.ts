import type { Handlers } from './context';
import { demoHandlers } from './demo';
import { frameworkHandlers } from './framework';
import { organisationHandlers } from './organisations';
import { reviewHandlers } from './reviews';
import { systemHandlers } from './system';
import { teamHandlers } from './team';
import { notesHandlers } from './notes';
import { importHandlers } from './import-notes';
import { passageHandlers } from './passages';
import { searchHandlers } from './search';
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
};
