import { useEffect, useRef, useState } from 'react';
import type { TeamKeyView } from '../../../shared/exchange/contract';
import { api, messageOf } from '../../api/client';
import { Dialog } from '../../ui/Dialog';
import { notify, reportError } from '../../ui/toasts';

/**
 * The review's team key and who is trusted: bundles are sealed with the key, which the team
 * passes on in person or by phone (never with a bundle), and each teammate's laptop is pinned by
 * the fingerprint of the key its bundles are signed with.
 */
export function TeamKeySection({ reviewId, version }: { reviewId: string; version: number }) {
  const [view, setView] = useState<TeamKeyView | null>(null);
  const [shown, setShown] = useState(false);
  const [entering, setEntering] = useState(false);
  const [rotating, setRotating] = useState(false);
  useEffect(() => {
    api.getTeamKey({ reviewId }).then(setView, reportError);
  }, [reviewId, version]);
  if (!view) return null;
  const rotate = async () => {
    try {
      setView(await api.rotateTeamKey({ reviewId }));
      setShown(true);
      setRotating(false);
      notify('A new team key was made. Read it out to every teammate: bundles you export from now on need it.');
    } catch (e) {
      reportError(e);
    }
  };
  return (
    <section className="card" aria-label="Team key">
      <h2>Team key</h2>
      <p className="hint">
        Bundles are encrypted with the review's team key and signed by the laptop that made them. Give the key to teammates in person or by phone, never with a bundle.
      </p>
      {view.code ? (
        <p>
          {shown ? (
            <code className="team-code" aria-label="Team key code">
              {view.code}
            </code>
          ) : (
            <button type="button" onClick={() => setShown(true)}>
              Show team key
            </button>
          )}{' '}
          {shown && (
            <button type="button" onClick={() => setShown(false)}>
              Hide
            </button>
          )}
          {view.olderKeys > 0 && (
            <span className="hint">
              {' '}
              · {view.olderKeys} older key{view.olderKeys === 1 ? '' : 's'} still open older bundles
            </span>
          )}
        </p>
      ) : (
        <p className="hint">No team key yet: the first export makes one, or enter the key a teammate gave you.</p>
      )}
      <p>
        This laptop's fingerprint: <code className="fingerprint">{view.thisLaptop.fingerprint}</code>
      </p>
      {view.signers.length > 0 ? (
        <ul aria-label="Pinned teammates" className="plain-list">
          {view.signers.map((signer) => (
            <li key={`${signer.person}-${signer.device}-${signer.fingerprint}`}>
              {signer.person} <span className="hint">({signer.device})</span>: <code className="fingerprint">{signer.fingerprint}</code>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">No teammate's laptop is pinned yet: the first bundle from each asks you to compare its fingerprint.</p>
      )}
      <div className="actions">
        <button type="button" onClick={() => setEntering(true)}>
          Enter a team key…
        </button>
        {view.code && (
          <button type="button" onClick={() => setRotating(true)}>
            Make a new key…
          </button>
        )}
      </div>
      {entering && (
        <EnterTeamKey
          reviewId={reviewId}
          onClose={() => setEntering(false)}
          onSaved={(next) => {
            setView(next);
            setEntering(false);
            notify('Team key saved for this review.');
          }}
        />
      )}
      {rotating && (
        <Dialog title="Make a new team key?" onClose={() => setRotating(false)}>
          <p>Bundles you export from now on can only be opened with the new key: every teammate will need it. Bundles made with the old key still open here.</p>
          <div className="dialog-actions">
            <button type="button" autoFocus onClick={() => setRotating(false)}>
              Cancel
            </button>
            <button type="button" className="primary" onClick={() => void rotate()}>
              Make a new key
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}

function EnterTeamKey({ reviewId, onClose, onSaved }: { reviewId: string; onClose: () => void; onSaved: (view: TeamKeyView) => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const save = async () => {
    setBusy(true);
    try {
      onSaved(await api.setTeamKey({ reviewId, teamKey: text }));
    } catch (e) {
      setError(messageOf(e));
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title="Enter a team key" onClose={onClose}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <label>
          Team key or passphrase
          <input ref={input} type="password" autoFocus autoComplete="off" spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <p className="hint">
          The code (FBT-…) a teammate read out to you, or a passphrase your team agreed (at least 10 characters and hard to guess). It seals your bundles from now on.
        </p>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button className="primary" type="submit" disabled={busy || text.trim() === ''}>
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Shown once, when an export made the review's team key. */
export function NewTeamKeyDialog({ code, onClose }: { code: string; onClose: () => void }) {
  return (
    <Dialog title="This review now has a team key" onClose={onClose}>
      <p>Your bundle is encrypted with it. Each teammate types it once, when they first import a bundle of this review:</p>
      <p>
        <code className="team-code" aria-label="New team key code">
          {code}
        </code>
      </p>
      <p className="hint">Read it out in person or by phone; never send it with the bundle. You can see it again under Team key on this tab.</p>
      <div className="dialog-actions">
        <button type="button" className="primary" autoFocus onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
