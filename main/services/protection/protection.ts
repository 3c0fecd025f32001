import { invalid } from '../../../shared/errors';
import { encryptDatabase } from '../../store/encrypt';
import { checkPassphrase, isEncrypted, isStrongOsStore, readKeyFile, saveOsSlot, unlockWithPassphrase, writeKeyFile, type OsKeyStore } from '../../store/keys';
import { Store } from '../../store/store';
import type { AppContext, Handlers } from '../../platform/context';

export const DEFAULT_IDLE_MINUTES = 10;
const failedUnlocks = { count: 0, until: 0 };

function protection({ store, osKeyStore: os, encryptionRequired }: AppContext) {
  const encrypted = isEncrypted(store.path);
  const byOs = encrypted && isStrongOsStore(os) && readKeyFile(store.path).os !== null;
  return {
    encrypted,
    protection: !encrypted ? ('none' as const) : byOs ? ('os_key_store' as const) : ('passphrase' as const),
    osKeyStore: osKeyStoreState(os),
    idleMinutes: Number(store.localPreference('lock_idle_minutes') ?? DEFAULT_IDLE_MINUTES),
    lockedAtStart: false,
    encryptionRequired,
  };
}

export const osKeyStoreState = (os: OsKeyStore | undefined) => (!os ? ('absent' as const) : isStrongOsStore(os) ? ('available' as const) : ('weak' as const));

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

export const protectionHandlers: Handlers<'getProtection' | 'setLockSettings' | 'setStartUnlock' | 'unlock' | 'lock' | 'encryptNow'> = {
  getProtection: (_request, context) => protection(context),
  setLockSettings: ({ idleMinutes }, context) => {
    context.store.setLocalPreference('lock_idle_minutes', String(idleMinutes));
    return protection(context);
  },
  setStartUnlock: ({ withOsKeyStore }, context) => {
    const { store, osKeyStore } = context;
    if (!isEncrypted(store.path) || !store.key) throw invalid('This database is not encrypted: there is nothing to unlock at start.');
    if (!withOsKeyStore) writeKeyFile(store.path, { ...readKeyFile(store.path), os: null });
    else if (!saveOsSlot(store.path, store.key, osKeyStore)) {
      throw invalid(
        osKeyStore
          ? "This computer's key store protects nothing (it is the plain-text fallback), so Fieldbook keeps asking for the passphrase."
          : 'Only the desktop app can use the system key store; here the passphrase is always asked for.',
      );
    }
    store.record({ action: 'edit', method: 'setStartUnlock', reviewId: null, target: null });
    return protection(context);
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
      context.replaceStore(Store.open(path, { key }));
      if (key) {
        // In the desktop app the system's key store opens it at start from now on, where it is
        // a real one; the person can choose the passphrase instead on the Data page.
        saveOsSlot(path, key, context.osKeyStore);
        context.store.record({ action: 'edit', method: 'encryptNow', reviewId: null, target: null });
      }
    }
  },
  unlock: ({ passphrase }, { store }) => {
    if (isEncrypted(store.path)) tryPassphrase(store.path, passphrase);
    store.record({ action: 'unlock', method: 'unlock', reviewId: null, target: null });
    return { unlocked: true as const };
  },
  // The app and the preview lock through their gate (see LockedStart); the CLI has nothing to lock.
  lock: () => {
    throw invalid('Locking is for the desktop app and the preview: the command line opens the database only for one command.');
  },
};
