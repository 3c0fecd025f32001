import { useEffect, useState } from 'react';
import { api, messageOf } from '../../api/client';
import { countsSentence, defaultInclude, includedCounts, type ReportInclude, type StatusCounts } from '../../../shared/report/include';

/**
 * Which findings go into the report: agreed only (the default once the team has agreed any) or
 * drafts too, marked. Each choice says how many findings of each status it puts in.
 */
export function IncludeChoice({
  reviewId,
  value,
  onChange,
  disabled,
}: {
  reviewId: string;
  value: ReportInclude | null;
  onChange: (include: ReportInclude) => void;
  disabled: boolean;
}) {
  const [counts, setCounts] = useState<StatusCounts | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    api.getReportChoices({ reviewId }).then(
      (choices) => {
        if (!live) return;
        setCounts(choices.findings);
        if (value === null) onChange(choices.include);
      },
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
    // Asked once per dialog: the counts do not change while it is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reviewId]);
  if (error) return <p className="error-text">{error}</p>;
  if (!counts) return <p className="hint">Counting findings…</p>;
  const unagreed = counts.draft + counts.ready;
  const chosen = value ?? defaultInclude(counts);
  return (
    <fieldset disabled={disabled}>
      <legend>Findings</legend>
      <label className="checkbox">
        <input type="radio" name="include" checked={chosen === 'agreed'} onChange={() => onChange('agreed')} /> Agreed findings only (
        {countsSentence(includedCounts(counts, 'agreed'))})
      </label>
      <label className="checkbox">
        <input type="radio" name="include" checked={chosen === 'drafts'} onChange={() => onChange('drafts')} /> All findings, unagreed ones marked ({countsSentence(counts)})
      </label>
      {chosen === 'drafts' && unagreed > 0 && <p className="hint">Every page will say DRAFT, and each finding not yet agreed is marked [Draft] or [Ready for review].</p>}
      {chosen === 'agreed' && unagreed > 0 && <p className="hint">Left out: {countsSentence({ ...counts, agreed: 0 })}.</p>}
    </fieldset>
  );
}
