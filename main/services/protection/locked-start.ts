import { contract } from '../../../shared/api/contract';
import type { Envelope } from '../../../shared/api/envelope';
import type { AppContext } from '../../platform/context';
import { dispatch, fromZod, toFieldbookError } from '../../platform/dispatch';
import { isEncrypted, readKeyFile, unlockWithOs, type OsKeyStore } from '../../store/keys';
import { DEFAULT_IDLE_MINUTES, osKeyStoreState, tryPassphrase } from './protection';

/** The calls the lock screen itself makes; every other call is refused while locked. */
const LOCK_SCREEN_CALLS = new Set(['getProtection', 'unlock', 'lock']);

/**
 * The gate between the UI and the database, for the desktop app and the preview. Locked, it
 * answers only the lock screen's own calls (`protection`, `unlock`, `lock`): the database is
 * closed, so its data key is no longer in memory, and a reload, a second window or a direct API
 * call gets nothing. An encrypted database starts locked (unless the system's key store opens
 * it), and `lock` (Ctrl+L, the idle timer, the system locking) closes it again. Only the
 * passphrase (or recovery key) opens it; an unencrypted one opens again from the lock screen.
 */
export class LockedStart {
  private context: AppContext | null = null;
  /** Remembered while locked, for the lock screen (the database cannot be read then). */
  private idleMinutes = DEFAULT_IDLE_MINUTES;
  private encryptionRequired = false;
  /** Told after each lock, to clear what the desktop holds outside the database (opened copies). */
  onLocked: () => void = () => undefined;

  constructor(
    private readonly databasePath: string,
    private readonly open: (key: Buffer | undefined) => AppContext,
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

  /** A gate over a database opened at start (not encrypted, or its key given at start). */
  static opened(context: AppContext, open: (key: Buffer | undefined) => AppContext): LockedStart {
    const gate = new LockedStart(context.store.path, open, context.osKeyStore);
    gate.context = context;
    return gate;
  }

  /** The open database, or null while locked. */
  get current(): AppContext | null {
    return this.context;
  }

  /**
   * Locks now: the database is closed and the key it was opened with dropped; nothing of it can
   * be read until the lock screen is passed. Safe to call when already locked.
   */
  lock(): void {
    const context = this.context;
    if (!context) return;
    this.idleMinutes = Number(context.store.localPreference('lock_idle_minutes') ?? DEFAULT_IDLE_MINUTES);
    this.encryptionRequired = context.encryptionRequired;
    this.context = null;
    context.store.closeAndForgetKey();
    this.onLocked();
  }

  async dispatch(method: string, payload: unknown): Promise<Envelope<unknown>> {
    if (method === 'lock') {
      this.lock();
      return { ok: true, value: { locked: true } };
    }
    if (this.context) return dispatch(this.context, method, payload);
    try {
      if (method === 'getProtection') return { ok: true, value: this.lockedProtection() };
      if (!LOCK_SCREEN_CALLS.has(method)) return { ok: false, error: { code: 'locked', message: 'Fieldbook is locked: give your passphrase to open your data.' } };
      const parsed = contract.unlock.request.safeParse(payload ?? {});
      if (!parsed.success) throw fromZod(parsed.error);
      // Checked (and throttled) before anything of the database is opened.
      const key = isEncrypted(this.databasePath) ? tryPassphrase(this.databasePath, parsed.data.passphrase) : undefined;
      const context = this.open(key);
      context.store.record({ action: 'unlock', method: 'unlock', reviewId: null, target: null });
      this.context = context;
      return { ok: true, value: { unlocked: true } };
    } catch (error) {
      return { ok: false, error: toFieldbookError(error).toData() };
    }
  }

  /** What the lock screen needs to know, read from the key file only (the database is closed). */
  private lockedProtection() {
    const encrypted = isEncrypted(this.databasePath);
    const byOs = encrypted && this.keyHeldByOs();
    return {
      encrypted,
      protection: !encrypted ? 'none' : byOs ? 'os_key_store' : 'passphrase',
      osKeyStore: osKeyStoreState(this.os),
      idleMinutes: this.idleMinutes,
      lockedAtStart: true,
      encryptionRequired: this.encryptionRequired,
    };
  }

  /** A damaged key file reads as "passphrase": unlocking then names the damage. */
  private keyHeldByOs(): boolean {
    try {
      return readKeyFile(this.databasePath).os !== null && osKeyStoreState(this.os) === 'available';
    } catch {
      return false;
    }
  }

  close(): void {
    this.context?.close();
    this.context = null;
  }
}
