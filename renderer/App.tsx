import { useEffect, useState } from 'react';
import type { Profile } from '../shared/protection/domain';
import { api, messageOf } from './api/client';
import { useRouter } from './app/router';
import { AppLock } from './app/AppLock';
import { DataPage } from './features/protection/DataPage';
import { ReviewList } from './features/reviews/ReviewList';
import { Workspace } from './features/reviews/Workspace';
import { SessionPage } from './features/sessions/SessionPage';
import { Toasts } from './ui/Toasts';
import { notifyError } from './ui/toasts';

function ProfileBadge() {
  const [profile, setProfile] = useState<Profile | null>(null);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState('');
  useEffect(() => {
    void api.getProfile({}).then(setProfile, (error: unknown) => notifyError(messageOf(error)));
  }, []);
  if (!profile) return null;
  if (editing) {
    return (
      <form
        className="profile-form"
        onSubmit={(event) => {
          event.preventDefault();
          void api.updateProfile({ displayName: name }).then(
            (next) => {
              setProfile(next);
              setEditing(false);
            },
            (error: unknown) => notifyError(messageOf(error)),
          );
        }}
      >
        <input aria-label="Your name" autoFocus value={name} onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && setEditing(false)} />
        <button type="submit" className="small primary">Save</button>
      </form>
    );
  }
  return (
    <button className="link profile" title="Your name is recorded with every change you make" onClick={() => { setName(profile.displayName); setEditing(true); }}>
      {profile.displayName} · {profile.deviceName}
    </button>
  );
}

export function App() {
  const { route, go } = useRouter();
  return (
    <AppLock>
    <div className="app">
      <header className="topbar">
        <a className="brand" href="#/" onClick={(event) => { event.preventDefault(); go({ name: 'home' }); }}>Fieldbook</a>
        <nav>
          <button className={`link${route.name !== 'data' ? ' current' : ''}`} onClick={() => go({ name: 'home' })}>Reviews</button>
          <button className={`link${route.name === 'data' ? ' current' : ''}`} onClick={() => go({ name: 'data' })}>Data and backups</button>
        </nav>
        <ProfileBadge />
      </header>
      {route.name === 'home' && <ReviewList />}
      {route.name === 'data' && <DataPage />}
      {route.name === 'review' && <Workspace reviewId={route.reviewId} tab={route.tab} focus={route.focus} />}
      {route.name === 'session' && <SessionPage key={route.sessionId} reviewId={route.reviewId} sessionId={route.sessionId} focus={route.focus} />}
      <Toasts />
    </div>
    </AppLock>
  );
}
