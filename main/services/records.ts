import { invalid, notFound } from '../../shared/errors';
import { trailEntries, verifyTrail } from '../store/audit-trail';
import { encryptDatabase } from '../store/encrypt';
import { checkPassphrase, isEncrypted, unlockWithPassphrase } from '../store/keys';
import { Store } from '../store/store';
import { findReview } from '../store/repositories/reviews';
import { updateRow } from '../store/repositories/rows';
import type { Handlers } from './context';
import { deleteReviewForever } from './deletion';

export const DEFAULT_IDLE_MINUTES = 10;
const failedUnlocks = { count: 0, until: 0 };

function protection(store: Store) {
  const encrypted = isEncrypted(store.path);
  return { encrypted, protection: encrypted ? ('passphrase' as const) : ('none' as const), idleMinutes: Number(store.localPreference('lock_idle_minutes') ?? DEFAULT_IDLE_MINUTES), lockedAtStart: false };
}

/**
 * The data key, if the passphrase (or recovery key) is right. Guessing is slowed: scrypt costs
 * ~0.2 s a try, and after 5 wrong ones each waits 30 s.
 */
export function tryPassphrase(databasePath: string, passphrase: string): Buffer {
  if (Date.now() < failedUnlocks.until) throw invalid('Too many wrong passphrases: wait 30 seconds and try again.');
  try {
    const key = unlockWithPassphrase(databasePath, passphrase);
    failedUnlocks.count = 0;
    return key;
  } catch (error) {
    failedUnlocks.count += 1;
    if (failedUnlocks.count >= 5) failedUnlocks.until = Date.now() + 30_000;
    throw error;
  }
}

export const recordsHandlers: Handlers<'auditTrail' | 'setRetention' | 'deleteReview' | 'protection' | 'setLockSettings' | 'unlock' | 'encryptNow'> = {
  protection: (_request, { store }) => protection(store),
  setLockSettings: ({ idleMinutes }, { store }) => {
    store.setLocalPreference('lock_idle_minutes', String(idleMinutes));
    return protection(store);
  },
  encryptNow: ({ passphrase }, context) => {
    const path = context.store.path;
    if (isEncrypted(path)) throw invalid('This database is already encrypted.');
    checkPassphrase(passphrase);
    context.store.close();
    let key: Buffer | undefined;
    try {
      const result = encryptDatabase(path, passphrase);
      key = unlockWithPassphrase(path, passphrase);
      return result;
    } finally {
      // Reopened either way: encrypted with its key, or as it was if encrypting failed.
      context.replaceStore(Store.open(path, { key, backupOnOpen: false }));
      if (key) context.store.record({ action: 'edit', method: 'encryptNow', reviewId: null, target: null });
    }
  },
  unlock: ({ passphrase }, { store }) => {
    if (isEncrypted(store.path)) tryPassphrase(store.path, passphrase);
    store.record({ action: 'unlock', method: 'unlock', reviewId: null, target: null });
    return { unlocked: true as const };
  },
  auditTrail: ({ reviewId }, { store }) => ({ entries: trailEntries(store.db, reviewId), verification: verifyTrail(store.db) }),
  setRetention: ({ reviewId, retentionUntil }, { store }) => {
    if (!findReview(store, reviewId)) throw notFound('That review does not exist on this laptop.');
    store.write((stamp) => updateRow(store, 'reviews', reviewId, { retention_until: retentionUntil }, stamp));
    return { retentionUntil };
  },
  deleteReview: ({ reviewId, confirmTitle, purgeBackups }, { store }) => {
    const review = findReview(store, reviewId);
    if (!review) throw notFound('That review does not exist on this laptop.');
    if (confirmTitle.trim() !== review.title) throw invalid(`To delete "${review.title}" for good, type its title exactly.`, [{ field: 'confirmTitle', message: 'Does not match the title' }]);
    return deleteReviewForever(store, reviewId, purgeBackups);
  },
};
