import { useState } from 'react';
import type { ReviewDetail } from '../../../shared/reviews/contract';
import {
  PARTICIPANT_GROUP_LABELS,
  PARTICIPANT_GROUPS,
  SESSION_KIND_LABELS,
  SESSION_KINDS,
  type ParticipantGroup,
  type SessionKind,
  type SessionSummary,
} from '../../../shared/sessions/domain';
import { TEAM_ROLE_LABELS } from '../../../shared/reviews/domain';
import { api, fieldErrors } from '../../api/client';
import { notify, reportError } from '../../ui/toasts';
import { taggableItems } from './taggable';
import { ProvenanceDetails } from '../exchange';

type ParticipantDraft = { id?: string | undefined; designation: string; organisationId: string; group: ParticipantGroup; realName: string };

/** A session's record: kind, time, place, interviewers, participants, consent, status, KLOEs. */
export function SessionDetails({ review, session: saved, onSaved }: { review: ReviewDetail; session: SessionSummary; onSaved: (session: SessionSummary) => void }) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Shown at once, confirmed (or put back) when the service answers.
  const [session, setSession] = useState(saved);
  const [participants, setParticipants] = useState<ParticipantDraft[]>(
    session.participants.map((p) => ({ id: p.id, designation: p.designation, organisationId: p.organisationId ?? '', group: p.group, realName: p.realName ?? '' })),
  );
  const update = (changes: Omit<Parameters<typeof api.updateSession>[0], 'sessionId'>) => {
    const before = session;
    setSession({ ...session, ...changes } as SessionSummary);
    return api.updateSession({ sessionId: session.id, ...changes }).then(
      (next) => {
        setSession(next);
        onSaved(next);
        setErrors({});
      },
      (failure: unknown) => {
        setSession(before);
        setErrors(fieldErrors(failure));
        reportError(failure);
      },
    );
  };
  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  const saveParticipants = () =>
    api
      .saveParticipants({
        sessionId: session.id,
        participants: participants.map((p) => ({
          ...(p.id ? { id: p.id } : {}),
          designation: p.designation,
          organisationId: p.organisationId || null,
          group: p.group,
          realName: p.realName.trim() || null,
        })),
      })
      .then((next) => {
        setSession(next);
        onSaved(next);
        setParticipants(
          next.participants.map((p) => ({ id: p.id, designation: p.designation, organisationId: p.organisationId ?? '', group: p.group, realName: p.realName ?? '' })),
        );
        notify('Participants saved');
      }, reportError);

  return (
    <section className="card session-details" aria-label="Session details">
      <div className="details-grid">
        <label>
          Title
          <input defaultValue={session.title} aria-invalid={Boolean(errors.title)} onBlur={(e) => e.target.value !== session.title && void update({ title: e.target.value })} />
        </label>
        <label>
          Kind
          <select value={session.kind} onChange={(e) => void update({ kind: e.target.value as SessionKind })}>
            {SESSION_KINDS.map((k) => (
              <option key={k} value={k}>
                {SESSION_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Date and time
          <input
            type="datetime-local"
            defaultValue={session.heldAt ?? ''}
            onBlur={(e) => (e.target.value || null) !== session.heldAt && void update({ heldAt: e.target.value || null })}
          />
        </label>
        <label>
          Location
          <input defaultValue={session.location} onBlur={(e) => e.target.value !== session.location && void update({ location: e.target.value })} />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={session.consentNoted} onChange={(e) => void update({ consentNoted: e.target.checked })} /> Consent noted
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={session.status === 'final'} onChange={(e) => void update({ status: e.target.checked ? 'final' : 'draft' })} /> Final
        </label>
      </div>
      <div className="details-columns">
        <fieldset>
          <legend>Interviewers</legend>
          {review.team.map((member) => (
            <label key={member.id} className="checkbox">
              <input
                type="checkbox"
                checked={session.interviewerIds.includes(member.id)}
                onChange={() => void update({ interviewerIds: toggle(session.interviewerIds, member.id) })}
              />
              {member.name} <span className="hint">{TEAM_ROLE_LABELS[member.role]}</span>
            </label>
          ))}
          {review.team.length === 0 && <p className="hint">Add the team on the review's Team tab.</p>}
        </fieldset>
        <fieldset className="kloe-picker">
          <legend>KLOEs for this session (their prompts show beside the notes)</legend>
          {taggableItems(review.framework).map((item) => (
            <label key={item.id} className="checkbox">
              <input type="checkbox" checked={session.kloeIds.includes(item.id)} onChange={() => void update({ kloeIds: toggle(session.kloeIds, item.id) })} />
              <span className="code">{item.code}</span> {item.title}
            </label>
          ))}
        </fieldset>
      </div>
      <fieldset>
        <legend>Participants (by designation; a real name is optional, kept apart and never exported)</legend>
        {participants.map((p, index) => (
          <div key={p.id ?? `new-${index}`} className="participant-row">
            <input
              aria-label="Designation"
              placeholder="e.g. Social worker"
              value={p.designation}
              onChange={(e) => setParticipants(participants.map((x, i) => (i === index ? { ...x, designation: e.target.value } : x)))}
            />
            <select
              aria-label="Organisation"
              value={p.organisationId}
              onChange={(e) => setParticipants(participants.map((x, i) => (i === index ? { ...x, organisationId: e.target.value } : x)))}
            >
              <option value="">No organisation</option>
              {review.organisations.map((org) => (
                <option key={org.id} value={org.id}>
                  {org.shortName}
                </option>
              ))}
            </select>
            <select
              aria-label="Participant group"
              value={p.group}
              onChange={(e) => setParticipants(participants.map((x, i) => (i === index ? { ...x, group: e.target.value as ParticipantGroup } : x)))}
            >
              {PARTICIPANT_GROUPS.map((g) => (
                <option key={g} value={g}>
                  {PARTICIPANT_GROUP_LABELS[g]}
                </option>
              ))}
            </select>
            <input
              aria-label="Real name (sensitive)"
              className="sensitive"
              placeholder="Real name (sensitive, optional)"
              value={p.realName}
              onChange={(e) => setParticipants(participants.map((x, i) => (i === index ? { ...x, realName: e.target.value } : x)))}
            />
            <button className="small danger" onClick={() => setParticipants(participants.filter((_, i) => i !== index))}>
              Remove
            </button>
          </div>
        ))}
        <div className="form-actions">
          <button className="small" onClick={() => setParticipants([...participants, { designation: '', organisationId: '', group: 'frontline_staff', realName: '' }])}>
            Add participant
          </button>
          <button className="small primary" onClick={() => void saveParticipants()}>
            Save participants
          </button>
        </div>
      </fieldset>
      <ProvenanceDetails table="sessions" rowId={session.id} />
    </section>
  );
}
