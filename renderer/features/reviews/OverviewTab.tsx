import { useCallback, useState, type FormEvent } from 'react';
import { formatDateTime } from '../../../shared/dates';
import type { ReviewDetail } from '../../../shared/reviews/contract';
import { api, fieldErrors } from '../../api/client';
import { Field } from '../../ui/Field';

import { notify } from '../../ui/toasts';
import { useShortcut } from '../../ui/useShortcut';
import { useWorkspace } from './workspaceStore';
import { RecordsCard } from '../governance';

/** The form starts from the review as opened (Workspace keys it by review id). */
export function OverviewTab({ detail }: { detail: ReviewDetail }) {
  const { review } = detail;
  const apply = useWorkspace((state) => state.apply);
  const [form, setForm] = useState({ title: review.title, area: review.area, visitStart: review.visitStart ?? '', visitEnd: review.visitEnd ?? '', background: review.background });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const dirty =
    form.title !== review.title ||
    form.area !== review.area ||
    form.visitStart !== (review.visitStart ?? '') ||
    form.visitEnd !== (review.visitEnd ?? '') ||
    form.background !== review.background;

  const save = useCallback(
    async (event?: FormEvent | KeyboardEvent) => {
      event?.preventDefault();
      if (!dirty) return;
      try {
        await apply(() =>
          api.updateReview({
            reviewId: review.id,
            title: form.title,
            area: form.area,
            visitStart: form.visitStart || null,
            visitEnd: form.visitEnd || null,
            background: form.background,
          }),
        );
        setErrors({});
        notify('Review details saved');
      } catch (error) {
        setErrors(fieldErrors(error));
      }
    },
    [apply, dirty, form, review.id],
  );
  useShortcut('mod+s', save);

  const toggleArchived = async () => {
    const archived = !review.archived;
    await apply(() => api.setReviewArchived({ reviewId: review.id, archived }));
    notify(archived ? 'Review archived' : 'Review brought back from the archive', () => void apply(() => api.setReviewArchived({ reviewId: review.id, archived: !archived })));
  };

  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });
  return (
    <div className="two-column">
      <form className="card" onSubmit={(event) => void save(event)} noValidate>
        <h2>Review details</h2>
        <Field label="Title" error={errors.title}>
          {(props) => <input {...props} value={form.title} onChange={set('title')} />}
        </Field>
        <Field label="Area" error={errors.area}>
          {(props) => <input {...props} value={form.area} onChange={set('area')} />}
        </Field>
        <div className="row">
          <Field label="Visit starts" error={errors.visitStart}>
            {(props) => <input {...props} type="date" value={form.visitStart} onChange={set('visitStart')} />}
          </Field>
          <Field label="Visit ends" error={errors.visitEnd}>
            {(props) => <input {...props} type="date" value={form.visitEnd} onChange={set('visitEnd')} />}
          </Field>
        </div>
        <Field label="Introduction and context" error={errors.background} hint="Background to the review, used in the report.">
          {(props) => <textarea {...props} rows={9} value={form.background} onChange={set('background')} />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={!dirty} title="Ctrl+S">
            Save
          </button>
          {dirty && <span className="hint">Unsaved changes</span>}
        </div>
      </form>
      <aside className="card">
        <h2>About this review</h2>
        <dl className="facts">
          <dt>Framework</dt>
          <dd>{review.frameworkName}</dd>
          <dt>Last changed</dt>
          <dd>
            {formatDateTime(review.updatedAt)} by {review.updatedBy}
          </dd>
          <dt>Team</dt>
          <dd>{detail.team.length} people</dd>
          <dt>Organisations</dt>
          <dd>
            {detail.organisations
              .map((org) => org.shortName)
              .sort()
              .join(', ') || 'none yet'}
          </dd>
        </dl>
        <button onClick={() => void toggleArchived()}>{review.archived ? 'Bring back from archive' : 'Archive review'}</button>
        <RecordsCard detail={detail} />
      </aside>
    </div>
  );
}
