import { useEffect, useState } from 'react';
import type { Identity } from '../shared/identity/domain';
import { api } from './api/client';
import { useRouter } from './app/router';
import { AppLock } from './app/AppLock';
import { FirstStartIdentity } from './app/FirstStartIdentity';
import { focusScreenHeading, skipToContent } from './app/focus';
import { DataPage } from './features/protection';
import { ReviewList } from './features/reviews';
import { Workspace } from './app/Workspace';
import { SessionPage } from './features/sessions';
import { Toasts } from './ui/Toasts';
import { ShortcutsHelp } from './ui/ShortcutsDialog';
import { reportError } from './ui/toasts';

function IdentityBadge({ identity, setIdentity }: { identity: Identity; setIdentity: (identity: Identity) => void }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState('');
  if (editing) {
    return (
      <form
        className="identity-form"
        onSubmit={(event) => {
          event.preventDefault();
          void api.updateIdentity({ displayName: name }).then((next) => {
            setIdentity(next);
            setEditing(false);
          }, reportError);
        }}
      >
        <input aria-label="Your name" autoFocus value={name} onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && setEditing(false)} />
        <button type="submit" className="small primary">
          Save
        </button>
      </form>
    );
  }
  return (
    <button
      className="link identity"
      title="Your name is recorded with every change you make. Click to change it."
      // The visible words first and in order (WCAG 2.5.3), then what the button does.
      aria-label={`You: ${identity.displayName}, ${identity.deviceName}, this laptop. Change your name`}
      onClick={() => {
        setName(identity.displayName);
        setEditing(true);
      }}
    >
      <span className="identity-label">You:</span> {identity.displayName} · {identity.deviceName}
    </button>
  );
}

export function App() {
  return (
    <AppLock>
      <Identified />
    </AppLock>
  );
}

/** The app once the database is open: first who is typing, then the screens. */
function Identified() {
  const { route, go } = useRouter();
  const [identity, setIdentity] = useState<Identity | null>(null);
  useEffect(() => {
    void api.getIdentity({}).then(setIdentity, reportError);
  }, []);
  useEffect(() => focusScreenHeading(), [route, identity?.named]);
  if (!identity) return null;
  if (!identity.named)
    return (
      <div className="app">
        <FirstStartIdentity identity={identity} onNamed={setIdentity} />
        <Toasts />
      </div>
    );
  return (
    <div className="app">
      <header className="topbar">
        <button className="skip-link" onClick={skipToContent}>
          Skip to content
        </button>
        <a
          className="brand"
          href="#/"
          onClick={(event) => {
            event.preventDefault();
            go({ name: 'home' });
          }}
        >
          Fieldbook
        </a>
        <nav>
          <button className={`link${route.name !== 'data' ? ' current' : ''}`} aria-current={route.name !== 'data' ? 'page' : undefined} onClick={() => go({ name: 'home' })}>
            Reviews
          </button>
          <button className={`link${route.name === 'data' ? ' current' : ''}`} aria-current={route.name === 'data' ? 'page' : undefined} onClick={() => go({ name: 'data' })}>
            Data and backups
          </button>
        </nav>
        <IdentityBadge identity={identity} setIdentity={setIdentity} />
      </header>
      {route.name === 'home' && <ReviewList />}
      {route.name === 'data' && <DataPage />}
      {route.name === 'review' && <Workspace reviewId={route.reviewId} tab={route.tab} focus={route.focus} />}
      {route.name === 'session' && <SessionPage key={route.sessionId} reviewId={route.reviewId} sessionId={route.sessionId} focus={route.focus} />}
      <Toasts />
      <ShortcutsHelp />
    </div>
  );
}
