import { useRef, useState, type FormEvent } from 'react';
import type { Identity } from '../../shared/identity/domain';
import { TEAM_ROLE_LABELS, TEAM_ROLES, type TeamRole } from '../../shared/reviews/domain';
import { api, fieldErrors, messageOf } from '../api/client';
import { Field } from '../ui/Field';

/**
 * Before the first review: who is typing. Every change, status and agreement is stamped with this
 * name, so it is asked for rather than taken from the laptop's account ("Agreed by root").
 */
export function FirstStartIdentity({ identity, onNamed }: { identity: Identity; onNamed: (identity: Identity) => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<TeamRole | ''>(identity.role ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  // A missing answer takes the focus, so the reviewer types it straight away.
  const nameRef = useRef<HTMLInputElement>(null);
  const roleRef = useRef<HTMLSelectElement>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      nameRef.current?.focus();
      return setErrors({ displayName: 'Give your name as your team knows it, e.g. "Priya Shah"' });
    }
    if (!role) {
      roleRef.current?.focus();
      return setErrors({ role: 'Choose your role on reviews' });
    }
    try {
      onNamed(await api.updateIdentity({ displayName: name.trim(), role }));
    } catch (failure) {
      setErrors(fieldErrors(failure));
      setMessage(messageOf(failure));
    }
  };
  return (
    <main className="page first-start-identity">
      <h1>Who is using Fieldbook on this laptop?</h1>
      <p>
        Your name goes beside every note, tag, finding and agreement you make, and travels with them to your team. It stays on this laptop and in your team's sealed bundles. You
        can change it later from the top bar.
      </p>
      <form className="card" onSubmit={(e) => void submit(e)} noValidate>
        <Field label="Your name" error={errors.displayName}>
          {(props) => (
            <input
              {...props}
              ref={nameRef}
              autoFocus
              autoComplete="name"
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                setErrors({});
              }}
              placeholder="e.g. Priya Shah"
            />
          )}
        </Field>
        <Field label="Your role on reviews" error={errors.role}>
          {(props) => (
            <select
              {...props}
              ref={roleRef}
              value={role}
              onChange={(e) => {
                setRole(e.target.value as TeamRole);
                setErrors({});
              }}
            >
              <option value="">Choose…</option>
              {TEAM_ROLES.map((r) => (
                <option key={r} value={r}>
                  {TEAM_ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {message && <p className="error-banner">{message}</p>}
        <div className="dialog-actions">
          <button type="submit" className="primary">
            Start
          </button>
        </div>
      </form>
    </main>
  );
}
