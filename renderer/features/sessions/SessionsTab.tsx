import { useEffect, useState, type FormEvent } from 'react';
import { formatDateTime } from '../../../shared/dates';
import type { ReviewDetail } from '../../../shared/reviews/contract';
import { SESSION_KIND_LABELS, SESSION_KINDS, type SessionKind, type SessionSummary } from '../../../shared/sessions/domain';
import { api, fieldErrors, messageOf } from '../../api/client';
import { useRouter } from '../../app/router';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { ImportNotesButton } from './ImportNotesButton';
import { holdTyping } from '../../ui/typeahead';

/** The review's sessions in the order they were held, and "New session". */
export function SessionsTab({ detail }: { detail: ReviewDetail }) {
  const [sessions, setSessions] = useState<SessionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const go = useRouter((state) => state.go);
  const reviewId = detail.review.id;
  useEffect(() => {
    api.listSessions({ reviewId }).then(setSessions, (failure: unknown) => setError(messageOf(failure)));
  }, [reviewId]);
  const teamName = new Map(detail.team.map((m) => [m.id, m.name]));
  const orgName = new Map(detail.organisations.map((o) => [o.id, o.shortName]));

  return (
    <div className="card">
      <header className="card-header">
        <h2>Interviews, focus groups and observations</h2>
        <div className="actions">
          <ImportNotesButton reviewId={reviewId} onImported={() => api.listSessions({ reviewId }).then(setSessions, (failure: unknown) => setError(messageOf(failure)))} />
          <button className="primary" onClick={() => setCreating(true)}>
            New session
          </button>
        </div>
      </header>
      {error && <p className="error-banner">{error}</p>}
      {sessions?.length === 0 && <p className="hint">No sessions yet. Start one when you sit down with someone; notes save as you type.</p>}
      {sessions && sessions.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Session</th>
              <th>Kind</th>
              <th>When</th>
              <th>Participants</th>
              <th>Interviewers</th>
              <th className="num">Words</th>
              <th className="num">Tags</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td>
                  <a
                    href={`#/reviews/${reviewId}/sessions/${s.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      go({ name: 'session', reviewId, sessionId: s.id });
                    }}
                  >
                    {s.title}
                  </a>
                  {s.status === 'final' && <span className="badge">Final</span>}
                </td>
                <td>{SESSION_KIND_LABELS[s.kind]}</td>
                <td className="date">{s.heldAt ? formatDateTime(s.heldAt) : '—'}</td>
                <td>{s.participants.map((p) => `${p.designation}${p.organisationId ? `, ${orgName.get(p.organisationId) ?? ''}` : ''}`).join('; ') || '—'}</td>
                <td>{s.interviewerIds.map((id) => teamName.get(id) ?? '?').join(', ') || '—'}</td>
                <td className="num">{s.wordCount.toLocaleString('en-GB')}</td>
                <td className="num">
                  {s.tagCount}
                  {s.orphanedTagCount > 0 && (
                    <span className="badge orphan" title="Tags whose words were deleted: not counted as evidence">
                      {s.orphanedTagCount} with words deleted
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating && <NewSessionDialog detail={detail} onClose={() => setCreating(false)} onCreated={(sessionId) => go({ name: 'session', reviewId, sessionId })} />}
    </div>
  );
}

function nowLocal(): string {
  const now = new Date();
  now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
  return now.toISOString().slice(0, 16);
}

function NewSessionDialog({ detail, onClose, onCreated }: { detail: ReviewDetail; onClose: () => void; onCreated: (sessionId: string) => void }) {
  const [kind, setKind] = useState<SessionKind>('interview');
  const [title, setTitle] = useState('');
  const [heldAt, setHeldAt] = useState(nowLocal());
  const [location, setLocation] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return setErrors({ title: 'Give the session a title, e.g. "Discharge coordinators, OUHFT"' });
    // Words typed from here on are kept until the notes editor of the new session exists.
    const typing = holdTyping();
    try {
      const created = await api.createSession({ reviewId: detail.review.id, kind, title, heldAt: heldAt || null, location });
      onCreated(created.session.id);
    } catch (failure) {
      typing.drop();
      setErrors(fieldErrors(failure));
      setMessage(messageOf(failure));
    }
  };
  return (
    <Dialog title="New session" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field label="Title" error={errors.title}>
          {(props) => (
            <input
              {...props}
              autoFocus
              value={title}
              onChange={(e) => {
                setTitle(e.target.value);
                setErrors({});
              }}
              placeholder="e.g. Discharge coordinators, OUHFT"
            />
          )}
        </Field>
        <div className="row">
          <Field label="Kind" error={errors.kind}>
            {(props) => (
              <select {...props} value={kind} onChange={(e) => setKind(e.target.value as SessionKind)}>
                {SESSION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {SESSION_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Date and time" error={errors.heldAt}>
            {(props) => <input {...props} type="datetime-local" value={heldAt} onChange={(e) => setHeldAt(e.target.value)} />}
          </Field>
        </div>
        <Field label="Location" error={errors.location}>
          {(props) => <input {...props} value={location} onChange={(e) => setLocation(e.target.value)} placeholder="e.g. John Radcliffe Hospital" />}
        </Field>
        {message && <p className="error-banner">{message}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Start session
          </button>
        </div>
      </form>
    </Dialog>
  );
}
