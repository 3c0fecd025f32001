import { contract } from '../../shared/api/contract';
import type { Envelope } from '../../shared/api/envelope';
import type { AppContext } from './context';
import { dispatch, fromZod, toFieldbookError } from './dispatch';
import { unlockWithOs, type OsKeyStore } from '../store/keys';
import { DEFAULT_IDLE_MINUTES, osKeyStoreState, tryPassphrase } from './records';

/**
 * An encrypted database cannot be opened until someone gives its passphrase, so the desktop app
 * and the preview start locked: the UI is served, `protection` says the data is locked, `unlock`
 * opens the database with the key the passphrase unwraps, and every other call is refused until
 * then. Nothing of the database is read before the passphrase is right.
 */
export class LockedStart {
  private context: AppContext | null = null;

  constructor(
    private readonly databasePath: string,
    private readonly open: (key: Buffer) => AppContext,
    private readonly os?: OsKeyStore,
  ) {}

  /**
   * Opens at once when the system's key store holds the data key (the person chose that, and it
   * is a real key store): their login is the protection. Otherwise it stays locked.
   */
  openWithOsKeyStore(): boolean {
    const key = unlockWithOs(this.databasePath, this.os);
    if (!key) return false;
    try {
      const context = this.open(key);
      context.store.record({ action: 'unlock', method: 'unlockWithOsKeyStore', reviewId: null, target: null });
      this.context = context;
      return true;
    } catch {
      return false; // a stale key in the key store: the passphrase is asked for
    }
  }

  /** A database that opened without a passphrase (not encrypted, or its key given at start). */
  static opened(context: AppContext): LockedStart {
    const gate = new LockedStart(context.store.path, () => context);
    gate.context = context;
    return gate;
  }

  /** The open database, once unlocked. */
  get current(): AppContext | null {
    return this.context;
  }

  async dispatch(method: string, payload: unknown): Promise<Envelope<unknown>> {
    if (this.context) return dispatch(this.context, method, payload);
    try {
      if (method === 'protection') return { ok: true, value: { encrypted: true, protection: 'passphrase', osKeyStore: osKeyStoreState(this.os), idleMinutes: DEFAULT_IDLE_MINUTES, lockedAtStart: true, encryptionRequired: false } };
      if (method !== 'unlock') return { ok: false, error: { code: 'storage', message: 'Fieldbook is locked: give your passphrase to open your data.' } };
      const parsed = contract.unlock.request.safeParse(payload ?? {});
      if (!parsed.success) throw fromZod(parsed.error);
      const context = this.open(tryPassphrase(this.databasePath, parsed.data.passphrase));
      context.store.record({ action: 'unlock', method: 'unlock', reviewId: null, target: null });
      this.context = context;
      return { ok: true, value: { unlocked: true } };
    } catch (error) {
      return { ok: false, error: toFieldbookError(error).toData() };
    }
  }

  close(): void {
    this.context?.close();
  }
}
