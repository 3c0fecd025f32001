import { useEffect, useState } from 'react';
import type { PassphraseVerdict } from '../../../shared/protection/passphrase';
import { api } from '../../api/client';
import { notifyError, reportError } from '../../ui/toasts';

/**
 * Choosing a passphrase and encrypting the database, its backups and attachments in place; then
 * the recovery key, shown once. Used on the Data page and by the first-start screen of the app.
 */
export function EncryptForm({ intro, onEncrypted, onRecoveryKept }: { intro: string; onEncrypted: () => void; onRecoveryKept?: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [recovery, setRecovery] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const verdict = usePassphraseVerdict(passphrase);
  const encrypt = async () => {
    if (passphrase !== again) return notifyError('The two passphrases differ.');
    setBusy(true);
    try {
      const result = await api.encryptNow({ passphrase });
      setRecovery(result.recovery);
      onEncrypted();
      window.dispatchEvent(new Event('fieldbook:protection'));
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
      setPassphrase('');
      setAgain('');
    }
  };
  if (recovery) {
    return (
      <div className="recovery" role="alert">
        <p>
          <strong>Recovery key</strong> (shown once): it opens the data if the passphrase is lost. Print it or write it down, and keep it apart from this laptop.
        </p>
        <p className="recovery-key">{recovery}</p>
        <button
          className="primary"
          onClick={() => {
            setRecovery(null);
            onRecoveryKept?.();
          }}
        >
          I have kept it safe
        </button>
      </div>
    );
  }
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void encrypt();
      }}
    >
      <p className="warning-text">{intro}</p>
      <label>
        Passphrase <input type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} aria-label="New passphrase" />
      </label>
      <label>
        The same again <input type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} aria-label="Repeat the passphrase" />
      </label>
      <p className={verdict && !verdict.ok && passphrase ? 'warning-text' : 'hint'} aria-live="polite" data-testid="passphrase-verdict">
        {!passphrase || !verdict
          ? 'Three or four unrelated words work well.'
          : verdict.ok
            ? again && again !== passphrase
              ? 'The two passphrases differ.'
              : 'A strong passphrase.'
            : verdict.reason}
      </p>
      <button type="submit" className="primary" disabled={busy || !verdict?.ok || again !== passphrase}>
        {busy ? 'Encrypting…' : 'Encrypt now'}
      </button>
    </form>
  );
}

/**
 * The strength verdict as the reviewer types. The estimator's dictionaries are large, so they
 * load only when this form is shown (a chunk of their own).
 */
function usePassphraseVerdict(passphrase: string): PassphraseVerdict | null {
  const [check, setCheck] = useState<((passphrase: string) => PassphraseVerdict) | null>(null);
  useEffect(() => {
    let live = true;
    void import('../../../shared/protection/passphrase').then((module) => live && setCheck(() => module.passphraseVerdict));
    return () => {
      live = false;
    };
  }, []);
  return check ? check(passphrase) : null;
}
