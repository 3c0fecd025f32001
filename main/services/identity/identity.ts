import type { CallsOf } from '../../../shared/api/contract';
import type { Handlers } from '../../platform/context';

/** The person using this laptop: made at first start, named by them; every change is stamped with it. */
export const identityHandlers: Handlers<CallsOf<'identity'>> = {
  getIdentity: (_request, { store }) => store.identity,
  updateIdentity: ({ displayName, role }, { store }) => store.setDisplayName(displayName, role),
};
