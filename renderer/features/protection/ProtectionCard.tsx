import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { notify, reportError } from '../../ui/toasts';
import { EncryptForm } from './EncryptForm';

type Protection = Awaited<ReturnType<typeof api.getProtection>>;

const PROTECTION_TEXT: Record<Protection['protection'], string> = {
  passphrase: 'Your passphrase opens them.',
  os_key_store: "The system key store opens them when you log in to this computer; your passphrase unlocks the app's lock screen.",
  none: '',
};

/** Which protection is in force on this laptop, and how soon the app locks itself. */
export function ProtectionCard({ onChanged }: { onChanged: () => void }) {
  const [protection, setProtection] = useState<Protection | null>(null);
  const [minutes, setMinutes] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api.getProtection({}).then((p) => {
      setProtection(p);
      setMinutes(String(p.idleMinutes));
    }, reportError);
  }, []);
  if (!protection) return null;
  const save = async () => {
    try {
      const next = await api.setLockSettings({ idleMinutes: Number(minutes) });
      setProtection(next);
      window.dispatchEvent(new Event('fieldbook:protection'));
      notify(`Fieldbook now locks after ${next.idleMinutes} minutes without use.`);
    } catch (error) {
      reportError(error);
    }
  };
  const setStartUnlock = async (withOsKeyStore: boolean) => {
    setBusy(true);
    try {
      setProtection(await api.setStartUnlock({ withOsKeyStore }));
      notify(withOsKeyStore ? 'Fieldbook will open with your computer login.' : 'Fieldbook will ask for the passphrase at every start.');
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-label="Protection">
      <h2>Protection</h2>
      {protection.encrypted ? (
        <>
          <p className="ok-text">The database, its backups and attachments are encrypted. {PROTECTION_TEXT[protection.protection]}</p>
          {protection.osKeyStore === 'available' && (
            <label className="checkbox">
              <input type="checkbox" checked={protection.protection === 'os_key_store'} disabled={busy} onChange={(e) => void setStartUnlock(e.target.checked)} /> Open at start
              with my computer login (the system key store); untick to be asked for the passphrase every time
            </label>
          )}
          {protection.osKeyStore === 'weak' && (
            <p className="hint">This computer's key store is the plain-text fallback and protects nothing, so Fieldbook asks for the passphrase at every start.</p>
          )}
        </>
      ) : (
        <EncryptForm
          intro="Not encrypted: anyone with this laptop's disk can read the notes. Choose a passphrase to encrypt the database, its backups and attachments now."
          // Encrypting kept a verified pre-encryption backup: show it in the list.
          onEncrypted={onChanged}
          // The form shows the recovery key until it is kept; then the card shows the protection.
          onRecoveryKept={() => void api.getProtection({}).then(setProtection, () => undefined)}
        />
      )}
      <div className="lock-setting">
        <label>
          Lock after (minutes without use) <input type="number" min={1} max={240} value={minutes} onChange={(e) => setMinutes(e.target.value)} aria-label="Lock after minutes" />
        </label>
        <button onClick={() => void save()} disabled={minutes === String(protection.idleMinutes)}>
          Save
        </button>
      </div>
      <p className="hint">Ctrl+L locks at once; the app also locks when the computer locks or sleeps.</p>
    </section>
  );
}
