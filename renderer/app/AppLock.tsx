import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { api, messageOf } from '../api/client';
import { useShortcut } from '../ui/useShortcut';
import { EncryptForm } from '../features/protection';

declare global {
  interface Window {
    /** The desktop app's preload: asks the page to lock when the system locks or sleeps. */
    fieldbookEvents?: { onLock: (callback: () => void) => void };
  }
}

type Protection = Awaited<ReturnType<typeof api.getProtection>>;
const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;
/** How long open editors get to save before the database closes. */
const FLUSH_BEFORE_LOCK_MS = 400;

/**
 * The app lock. After the idle time (10 minutes unless changed), on Ctrl+L, or when the system
 * locks or sleeps, everything is hidden behind the lock screen until the passphrase is given.
 * The screens stay mounted underneath (hidden and inert), so an open editor keeps its words and
 * autosaves as usual.
 */
export function AppLock({ children }: { children: ReactNode }) {
  const [locked, setLocked] = useState(false);
  const [protection, setProtection] = useState<Protection | null>(null);
  // Whether the first protection answer (or failure) has come: until then nobody knows if the
  // database is even open.
  const [checked, setChecked] = useState(false);
  const [firstStart, setFirstStart] = useState(false);
  const lastActive = useRef(0);
  useEffect(() => {
    lastActive.current = Date.now();
    const load = () =>
      void api.getProtection({}).then(
        (value) => {
          setProtection(value);
          setChecked(true);
        },
        () => setChecked(true),
      );
    load();
    // The Data page announces a changed lock setting.
    window.addEventListener('fieldbook:protection', load);
    return () => window.removeEventListener('fieldbook:protection', load);
  }, []);
  // Locking is the main process's doing: the page is hidden at once, open editors are asked to
  // save what they hold, then the database is closed. A save that arrives after the lock is
  // refused and retried once the lock screen is passed, so no typed word is lost.
  // Locking once is enough (the idle check keeps firing while locked), and a lock still waiting
  // for the editors when the reviewer unlocks is dropped, so it cannot close what they just opened.
  // A lock already sent is waited for before the unlock goes: two requests may overtake each
  // other, and a lock applied after the unlock would lock the app under the reviewer's hands.
  const lockedNow = useRef(false);
  // Where the reviewer was when the lock came: the focus goes back there on unlock.
  const focusedAtLock = useRef<HTMLElement | null>(null);
  const pendingLock = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lockSent = useRef<Promise<unknown> | null>(null);
  const lock = useCallback(() => {
    if (lockedNow.current) return;
    lockedNow.current = true;
    focusedAtLock.current = focusedElement();
    setLocked(true);
    window.dispatchEvent(new Event('fieldbook:flush'));
    pendingLock.current = setTimeout(() => {
      pendingLock.current = null;
      lockSent.current = api.lock({}).catch(() => undefined);
    }, FLUSH_BEFORE_LOCK_MS);
  }, []);
  const settleLock = useCallback(async () => {
    if (pendingLock.current) clearTimeout(pendingLock.current);
    pendingLock.current = null;
    await lockSent.current;
    lockSent.current = null;
  }, []);
  useShortcut('mod+l', lock);
  // Once the page is no longer inert, the focus goes back where it was when the lock came.
  useEffect(() => {
    const previous = focusedAtLock.current;
    if (locked || !previous) return;
    focusedAtLock.current = null;
    if (previous.isConnected && (!document.activeElement || document.activeElement === document.body)) previous.focus();
  }, [locked]);
  // Locked elsewhere (the system locked, another window, the idle timer in the main process):
  // any call answered "locked" brings the lock screen up.
  useEffect(() => {
    const show = () => {
      if (!lockedNow.current) focusedAtLock.current = focusedElement();
      lockedNow.current = true;
      setLocked(true);
    };
    window.addEventListener('fieldbook:locked', show);
    return () => window.removeEventListener('fieldbook:locked', show);
  }, []);
  useEffect(() => {
    const active = () => (lastActive.current = Date.now());
    for (const event of ACTIVITY) window.addEventListener(event, active, { passive: true });
    window.fieldbookEvents?.onLock(lock);
    const timer = setInterval(() => {
      if (protection && !protection.lockedAtStart && Date.now() - lastActive.current >= protection.idleMinutes * 60_000) lock();
    }, 5_000);
    return () => {
      for (const event of ACTIVITY) window.removeEventListener(event, active);
      clearInterval(timer);
    };
  }, [protection, lock]);
  const onUnlocked = () => {
    lastActive.current = Date.now();
    lockedNow.current = false;
    setLocked(false);
    // The database has just opened again: read its real lock settings.
    void api.getProtection({}).then(setProtection, () => undefined);
  };
  // Started locked: the database is not open, so nothing is mounted until it is.
  if (protection?.lockedAtStart) return <LockScreen protection={protection} beforeUnlock={settleLock} onUnlocked={onUnlocked} />;
  // The desktop app's first start on an unencrypted database: encrypt it before anything else,
  // and stay on this screen (now encrypted) until the recovery key has been seen.
  if (firstStart || (protection && protection.encryptionRequired && !protection.encrypted)) {
    return <FirstStartEncryption onEncrypted={() => setFirstStart(true)} onDone={() => setFirstStart(false)} />;
  }
  if (!checked) return null;
  return (
    <>
      <div className={locked ? 'app-content locked' : 'app-content'} inert={locked} aria-hidden={locked}>
        {children}
      </div>
      {locked && <LockScreen protection={protection} beforeUnlock={settleLock} onUnlocked={onUnlocked} />}
    </>
  );
}

function LockScreen({ protection, beforeUnlock, onUnlocked }: { protection: Protection | null; beforeUnlock: () => Promise<void>; onUnlocked: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const encrypted = protection?.encrypted ?? false;
  const unlock = async () => {
    setBusy(true);
    setError('');
    try {
      await beforeUnlock();
      await api.unlock({ passphrase });
      onUnlocked();
    } catch (e) {
      setError(messageOf(e));
      setPassphrase('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="lock-screen" role="dialog" aria-modal="true" aria-label="Fieldbook is locked">
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          void unlock();
        }}
      >
        <h2>Fieldbook is locked</h2>
        {protection?.lockedAtStart && <p>Your data on this laptop is encrypted. Give your passphrase (or your recovery key) to open it.</p>}
        {encrypted ? (
          <label>
            Passphrase{' '}
            <input type="password" autoFocus autoComplete="current-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} aria-label="Passphrase" />
          </label>
        ) : (
          <p className="warning-text">
            This laptop's Fieldbook data is not encrypted: Fieldbook shows nothing while locked, but anyone with the disk can read the data. Encrypt it (Data and backups) to
            protect it with a passphrase.
          </p>
        )}
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={busy || (encrypted && passphrase === '')}>
            {busy ? 'Checking…' : 'Unlock'}
          </button>
        </div>
        <p className="hint">
          {protection?.lockedAtStart ? '' : 'Your work is kept as it was. '}Protection in force:{' '}
          {!encrypted
            ? 'none (not encrypted)'
            : protection?.protection === 'os_key_store'
              ? 'encrypted, opened at start by the system key store'
              : 'encrypted with your passphrase'}
          .
        </p>
      </form>
    </div>
  );
}

function FirstStartEncryption({ onEncrypted, onDone }: { onEncrypted: () => void; onDone: () => void }) {
  return (
    <div className="lock-screen" role="dialog" aria-modal="true" aria-label="Protect this laptop's data">
      <div className="card first-start">
        <h2>Protect this laptop's data</h2>
        <p>
          Fieldbook keeps what staff, carers and people using services told you. Before it opens, it encrypts the database, its backups and attachments, so a lost laptop exposes
          nothing. A verified encrypted copy is taken first.
        </p>
        <EncryptForm intro="Choose the passphrase that will unlock Fieldbook." onEncrypted={onEncrypted} onRecoveryKept={onDone} />
      </div>
    </div>
  );
}

function focusedElement(): HTMLElement | null {
  const active = document.activeElement;
  return active instanceof HTMLElement && active !== document.body ? active : null;
}
