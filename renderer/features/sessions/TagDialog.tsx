import { useMemo, useState } from 'react';
import type { FrameworkItem } from '../../../shared/frameworks/domain';
import { STANCES, STANCE_LABELS, type Participant, type Stance } from '../../../shared/sessions/domain';
import { Dialog } from '../../ui/Dialog';

export interface TagChoice {
  kloeIds: string[];
  stance: Stance;
  isQuote: boolean;
  comment: string;
  /** The participant who said it; null: several, or not recorded. */
  speakerId: string | null;
}

/** "Social worker (OCC)": a participant as the team sees them in a list of speakers. */
export function speakerOption(participant: Participant, organisations: ReadonlyMap<string, string>): string {
  const org = participant.organisationId ? organisations.get(participant.organisationId) : undefined;
  return `${participant.designation}${org ? ` (${org})` : ''}`;
}

/** The speaker a new tag gets unless someone chooses: the only participant, else nobody. */
export const defaultSpeaker = (participants: readonly Participant[]): string | null => (participants.length === 1 ? (participants[0]?.id ?? null) : null);

/** Choose KLOEs, stance, speaker, quote flag and comment for the selected words. */
export function TagDialog({
  quote,
  items,
  suggested,
  participants,
  organisations,
  initial,
  onCancel,
  onConfirm,
}: {
  quote: string;
  items: FrameworkItem[];
  suggested: string[];
  participants: Participant[];
  organisations: ReadonlyMap<string, string>;
  initial?: TagChoice;
  onCancel: () => void;
  onConfirm: (choice: TagChoice) => void;
}) {
  const [filter, setFilter] = useState('');
  const [chosen, setChosen] = useState<string[]>(initial?.kloeIds ?? []);
  const [stance, setStance] = useState<Stance>(initial?.stance ?? 'neutral');
  const [isQuote, setIsQuote] = useState(initial?.isQuote ?? false);
  const [comment, setComment] = useState(initial?.comment ?? '');
  const [speakerId, setSpeakerId] = useState<string | null>(initial ? initial.speakerId : defaultSpeaker(participants));
  const [error, setError] = useState<string | null>(null);
  const visible = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const matches = items.filter((item) => !needle || `${item.code} ${item.title}`.toLowerCase().includes(needle));
    // The tag's and the session's own KLOEs first.
    const first = new Set([...(initial?.kloeIds ?? []), ...suggested]);
    return [...matches.filter((i) => first.has(i.id)), ...matches.filter((i) => !first.has(i.id))];
  }, [filter, items, suggested, initial]);
  const toggle = (id: string) => setChosen((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current, id]));
  const confirm = () => {
    if (chosen.length === 0) return setError('Choose at least one KLOE');
    onConfirm({ kloeIds: chosen, stance, isQuote, comment, speakerId });
  };

  return (
    <Dialog title={initial ? 'Edit tag' : 'Tag passage'} onClose={onCancel}>
      <blockquote className="tag-quote">{quote}</blockquote>
      <input
        aria-label="Find a KLOE"
        placeholder="Type to find a KLOE, Enter to tag"
        autoFocus
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (chosen.length === 0 && visible[0]) onConfirm({ kloeIds: [visible[0].id], stance, isQuote, comment, speakerId });
            else confirm();
          }
        }}
      />
      <ul className="kloe-choices" aria-label="KLOEs">
        {visible.slice(0, 60).map((item) => (
          <li key={item.id}>
            <label className="checkbox">
              <input type="checkbox" checked={chosen.includes(item.id)} onChange={() => toggle(item.id)} />
              <span className="code">{item.code}</span> {item.title}
            </label>
          </li>
        ))}
      </ul>
      <div className="row">
        <fieldset className="stance-choice">
          <legend>Stance</legend>
          {STANCES.map((s) => (
            <label key={s} className="checkbox">
              <input type="radio" name="stance" checked={stance === s} onChange={() => setStance(s)} /> {STANCE_LABELS[s]}
            </label>
          ))}
        </fieldset>
        <label className="checkbox">
          <input type="checkbox" checked={isQuote} onChange={(e) => setIsQuote(e.target.checked)} /> Use as a quote
        </label>
      </div>
      {participants.length > 1 && (
        <fieldset className="speaker-choice">
          <legend>Who said it</legend>
          {participants.map((p) => (
            <label key={p.id} className="checkbox">
              <input type="radio" name="speaker" checked={speakerId === p.id} onChange={() => setSpeakerId(p.id)} /> {speakerOption(p, organisations)}
            </label>
          ))}
          <label className="checkbox">
            <input type="radio" name="speaker" checked={speakerId === null} onChange={() => setSpeakerId(null)} /> Several, or not recorded
          </label>
        </fieldset>
      )}
      <textarea aria-label="Comment" rows={2} placeholder="Comment (optional)" value={comment} onChange={(e) => setComment(e.target.value)} />
      {error && <p className="error-text">{error}</p>}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={confirm}>
          {initial ? 'Save' : 'Tag'}
        </button>
      </div>
    </Dialog>
  );
}
