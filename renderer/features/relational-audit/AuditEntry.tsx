import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ReviewDetail } from '../../../shared/reviews/contract';
import { AUDIT_DOMAIN_LABELS, AUDIT_ROLES, type AuditRole, type AuditStatement } from '../../../shared/relational-audit/domain';
import { api, fieldErrors, messageOf } from '../../api/client';
import { notify } from '../../ui/toasts';

const ROLE_LABELS: Record<AuditRole, string> = { system_leader: 'System leader', frontline: 'Frontline', other: 'Other' };

/**
 * Keyboard-first entry of one respondent: identifier, organisation and role, then a grid of
 * statements × partner organisations. Typing 1–5 fills a cell and moves on (N or 0 = not
 * answered); arrows move; Ctrl+Enter saves from anywhere.
 */
export function AuditEntry({ detail, statements, onSaved }: { detail: ReviewDetail; statements: AuditStatement[]; onSaved: () => void }) {
  const live = useMemo(() => statements.filter((s) => !s.retired), [statements]);
  const [identifier, setIdentifier] = useState('');
  // Sorted by short name so typing a short name in the select lands on it.
  const organisations = useMemo(() => [...detail.organisations].sort((a, b) => a.shortName.localeCompare(b.shortName)), [detail.organisations]);
  const [organisationId, setOrganisationId] = useState(organisations[0]?.id ?? '');
  const [role, setRole] = useState<AuditRole>('frontline');
  const partners = organisations.filter((o) => o.id !== organisationId);
  const [scores, setScores] = useState<Record<string, string>>({});
  const [comments, setComments] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const grid = useRef<HTMLTableElement>(null);

  const focusCell = (row: number, col: number) => grid.current?.querySelector<HTMLInputElement>(`input[data-row="${row}"][data-col="${col}"]`)?.focus();
  const save = async () => {
    if (!identifier.trim()) return setErrors({ identifier: 'Give the respondent an identifier' });
    const answers = live.flatMap((s) =>
      partners.flatMap((p) => {
        const raw = scores[`${s.id}|${p.id}`];
        const comment = s === live[0] ? (comments[p.id] ?? '') : '';
        if ((raw === undefined || raw === '') && !comment) return [];
        return [{ statementId: s.id, aboutOrganisationId: p.id, score: raw && /^[1-5]$/.test(raw) ? Number(raw) : null, comment }];
      }),
    );
    try {
      const result = await api.saveAuditRespondent({ reviewId: detail.review.id, identifier, organisationId, role, answers });
      notify(`${identifier}: ${result.answersAdded} answers added, ${result.answersUpdated} updated`);
      setIdentifier('');
      setScores({});
      setComments({});
      setErrors({});
      setMessage(null);
      onSaved();
    } catch (error) {
      setErrors(fieldErrors(error));
      setMessage(messageOf(error));
    }
  };
  const onGridKey = (event: KeyboardEvent<HTMLInputElement>, row: number, col: number) => {
    const key = event.key;
    const cell = `${live[row]?.id}|${partners[col]?.id}`;
    const next = () => (col + 1 < partners.length ? focusCell(row, col + 1) : focusCell(row + 1, 0));
    if (/^[1-5]$/.test(key)) {
      event.preventDefault();
      setScores({ ...scores, [cell]: key });
      next();
    } else if (key === 'n' || key === 'N' || key === '0') {
      event.preventDefault();
      setScores({ ...scores, [cell]: 'N' });
      next();
    } else if (key === 'ArrowRight') focusCell(row, col + 1);
    else if (key === 'ArrowLeft') focusCell(row, col - 1);
    else if (key === 'ArrowDown') focusCell(row + 1, col);
    else if (key === 'ArrowUp') focusCell(row - 1, col);
    else if (key === 'Backspace' || key === 'Delete') setScores({ ...scores, [cell]: '' });
  };

  return (
    <section
      className="card audit-entry"
      aria-label="Enter a respondent"
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void save();
        }
      }}
    >
      <h2>Enter a respondent</h2>
      <p className="hint">Type 1–5 in each cell (1 strongly disagree … 5 strongly agree; N = not answered); the cursor moves on by itself. Ctrl+Enter saves.</p>
      <div className="row three">
        <label>
          Identifier
          <input
            aria-label="Respondent identifier"
            aria-invalid={Boolean(errors.identifier)}
            value={identifier}
            onChange={(e) => setIdentifier(e.target.value)}
            placeholder="e.g. R017"
          />
        </label>
        <label>
          Organisation
          <select aria-label="Respondent organisation" value={organisationId} onChange={(e) => setOrganisationId(e.target.value)}>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.shortName}
              </option>
            ))}
          </select>
        </label>
        <label>
          Role
          <select aria-label="Respondent role" value={role} onChange={(e) => setRole(e.target.value as AuditRole)}>
            {AUDIT_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {errors.identifier && <p className="error-text">{errors.identifier}</p>}
      <table className="table audit-grid" ref={grid}>
        <thead>
          <tr>
            <th>Statement</th>
            {partners.map((p) => (
              <th key={p.id} className="num">
                {p.shortName}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {live.map((s, row) => (
            <tr key={s.id}>
              <td>
                <span className="code">{s.code}</span> {s.text}
                {s.reversed && <span className="badge">reversed</span>} <span className="hint">{AUDIT_DOMAIN_LABELS[s.domain]}</span>
              </td>
              {partners.map((p, col) => (
                <td key={p.id} className="num">
                  <input
                    className="score-cell"
                    aria-label={`${s.code} about ${p.shortName}`}
                    data-row={row}
                    data-col={col}
                    value={scores[`${s.id}|${p.id}`] ?? ''}
                    onChange={() => undefined}
                    onKeyDown={(e) => onGridKey(e, row, col)}
                    inputMode="numeric"
                  />
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <td>Comment about the partner (optional)</td>
            {partners.map((p) => (
              <td key={p.id}>
                <textarea
                  aria-label={`Comment about ${p.shortName}`}
                  rows={2}
                  value={comments[p.id] ?? ''}
                  onChange={(e) => setComments({ ...comments, [p.id]: e.target.value })}
                />
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      {message && <p className="error-banner">{message}</p>}
      <button className="primary" onClick={() => void save()} title="Ctrl+Enter">
        Save respondent
      </button>
    </section>
  );
}
