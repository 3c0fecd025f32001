import { useState } from 'react';
import { AUDIT_DOMAIN_LABELS, AUDIT_DOMAINS, type AuditDomain, type AuditStatement } from '../../../shared/relational-audit/domain';
import { api } from '../../api/client';
import { reportError } from '../../ui/toasts';

/** The review's own questionnaire: reword, reverse, retire and add statements; set suppression. */
export function QuestionnaireEditor({
  reviewId,
  statements,
  minRespondents,
  onChanged,
}: {
  reviewId: string;
  statements: AuditStatement[];
  minRespondents: number;
  onChanged: (statements?: AuditStatement[]) => void;
}) {
  const [domain, setDomain] = useState<AuditDomain>('directness');
  const [text, setText] = useState('');
  const [reversed, setReversed] = useState(false);
  const run = (work: Promise<AuditStatement[]>) => work.then((next) => onChanged(next), reportError);

  return (
    <details className="card questionnaire">
      <summary>
        Questionnaire: {statements.filter((s) => !s.retired).length} statements · suppression below {minRespondents} respondents
      </summary>
      <label className="inline">
        Suppress heat map cells with fewer than
        <input
          type="number"
          min={1}
          max={50}
          aria-label="Suppression threshold"
          defaultValue={minRespondents}
          onBlur={(e) => void api.setAuditThreshold({ reviewId, minRespondents: Number(e.target.value) }).then(() => onChanged(), reportError)}
        />
        respondents
      </label>
      <table className="table">
        <thead>
          <tr>
            <th>Code</th>
            <th>Domain</th>
            <th>Statement</th>
            <th>Reversed</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {statements.map((s) => (
            <tr key={s.id} className={s.retired ? 'archived' : ''}>
              <td className="code">{s.code}</td>
              <td>{AUDIT_DOMAIN_LABELS[s.domain]}</td>
              <td>
                <input
                  aria-label={`Text of ${s.code}`}
                  defaultValue={s.text}
                  disabled={s.retired}
                  onBlur={(e) => e.target.value !== s.text && void run(api.updateAuditStatement({ statementId: s.id, text: e.target.value }))}
                />
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${s.code} is reverse-scored`}
                  checked={s.reversed}
                  onChange={(e) => void run(api.updateAuditStatement({ statementId: s.id, reversed: e.target.checked }))}
                />
              </td>
              <td className="row-actions">
                <button className="small" onClick={() => void run(api.updateAuditStatement({ statementId: s.id, retired: !s.retired }))}>
                  {s.retired ? 'Restore' : 'Retire'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="add-row">
        <select aria-label="Domain of the new statement" value={domain} onChange={(e) => setDomain(e.target.value as AuditDomain)}>
          {AUDIT_DOMAINS.map((d) => (
            <option key={d} value={d}>
              {AUDIT_DOMAIN_LABELS[d]}
            </option>
          ))}
        </select>
        <input aria-label="New statement" placeholder="New statement" value={text} onChange={(e) => setText(e.target.value)} />
        <label className="checkbox">
          <input type="checkbox" checked={reversed} onChange={(e) => setReversed(e.target.checked)} /> Reversed
        </label>
        <button className="primary" onClick={() => void run(api.addAuditStatement({ reviewId, domain, text, reversed })).then(() => setText(''))}>
          Add statement
        </button>
      </div>
    </details>
  );
}
