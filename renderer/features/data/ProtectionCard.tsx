import { useEffect, useState } from 'react';
import { api, messageOf } from '../../api/client';
import { notify, notifyError } from '../../ui/toasts';

type Protection = Awaited<ReturnType<typeof api.protection>>;

/** Which protection is in force on this laptop, and how soon the app locks itself. */
export function ProtectionCard() {
  const [protection, setProtection] = useState<Protection | null>(null);
  const [minutes, setMinutes] = useState('');
  useEffect(() => {
    api.protection({}).then((p) => {
      setProtection(p);
      setMinutes(String(p.idleMinutes));
    }, (error: unknown) => notifyError(messageOf(error)));
  }, []);
  if (!protection) return null;
  const save = async () => {
    try {
      const next = await api.setLockSettings({ idleMinutes: Number(minutes) });
      setProtection(next);
      window.dispatchEvent(new Event('fieldbook:protection'));
      notify(`Fieldbook now locks after ${next.idleMinutes} minutes without use.`);
    } catch (error) {
      notifyError(messageOf(error));
    }
  };
  return (
    <section className="card" aria-label="Protection">
      <h2>Protection</h2>
      {protection.encrypted ? (
        <p className="ok-text">The database, its backups and attachments are encrypted; a passphrase unlocks them.</p>
      ) : (
        <p className="warning-text">Not encrypted: anyone with this laptop's disk can read the notes. Encrypt with <code>fieldbook encrypt</code>.</p>
      )}
      <div className="row retention">
        <label>Lock after (minutes without use) <input type="number" min={1} max={240} value={minutes} onChange={(e) => setMinutes(e.target.value)} aria-label="Lock after minutes" /></label>
        <button onClick={() => void save()} disabled={minutes === String(protection.idleMinutes)}>Save</button>
      </div>
      <p className="hint">Ctrl+L locks at once; the app also locks when the computer locks or sleeps.</p>
    </section>
  );
}
