import { useEffect, useState, type FormEvent } from 'react';
import type { FrameworkSummary } from '../../../shared/frameworks/domain';
import { REVIEW_KIND_LABELS, REVIEW_KINDS, type ReviewKind } from '../../../shared/reviews/domain';
import { api, fieldErrors, messageOf } from '../../api/client';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { FilePickButton } from '../../ui/FilePickButton';

export function NewReviewDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (reviewId: string) => void }) {
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<ReviewKind>('local_system_review');
  const [area, setArea] = useState('');
  const [visitStart, setVisitStart] = useState('');
  const [visitEnd, setVisitEnd] = useState('');
  const [frameworks, setFrameworks] = useState<FrameworkSummary[]>([]);
  const [frameworkId, setFrameworkId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  /** Typing in a field clears its error: the message has done its job. */
  const edit = (field: string, setter: (value: string) => void) => (event: { target: { value: string } }) => {
    setter(event.target.value);
    setErrors(({ [field]: _cleared, ...rest }) => rest);
  };

  useEffect(() => {
    void api.listFrameworks({}).then(setFrameworks, (error: unknown) => setMessage(messageOf(error)));
  }, []);
  const [imported, setImported] = useState<string | null>(null);
  /** A framework file (format 1) added to the list and chosen; a refused one says why, by line. */
  const importFile = async (file: File) => {
    setMessage(null);
    setImported(null);
    try {
      const summary = await api.importFramework({ fileName: file.name, text: await file.text() });
      setFrameworks(await api.listFrameworks({}));
      setFrameworkId(`${summary.id}@${summary.version}`);
      setImported(`Imported ${summary.name}${summary.status === 'draft' ? ' (draft)' : ''}, version ${summary.version}: ${summary.itemCount} items.`);
    } catch (error) {
      setMessage(messageOf(error));
    }
  };
  // The framework follows the kind unless the user picked another one.
  const defaultFramework = frameworks.find((framework) => framework.reviewKinds.includes(kind));
  // A framework is known by id and version: two versions of one framework can sit side by side.
  const keyOf = (framework: FrameworkSummary) => `${framework.id}@${framework.version}`;
  const chosenFramework = frameworkId || (defaultFramework ? keyOf(defaultFramework) : '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const localErrors: Record<string, string> = {};
    if (!title.trim()) localErrors.title = 'Give the review a title';
    if (!area.trim()) localErrors.area = 'Say which local area is being reviewed';
    if (visitStart && visitEnd && visitEnd < visitStart) localErrors.visitEnd = 'The visit cannot end before it starts';
    setErrors(localErrors);
    if (Object.keys(localErrors).length > 0) return;
    setSaving(true);
    try {
      const detail = await api.createReview({
        title,
        kind,
        area,
        visitStart: visitStart || null,
        visitEnd: visitEnd || null,
        ...(chosenFramework ? { frameworkId: chosenFramework } : {}),
      });
      onCreated(detail.review.id);
    } catch (error) {
      setErrors(fieldErrors(error));
      setMessage(messageOf(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog title="Set up a review" onClose={onClose}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field label="Title" error={errors.title}>
          {(props) => <input {...props} autoFocus value={title} onChange={edit('title', setTitle)} placeholder="e.g. Oxfordshire local system review" />}
        </Field>
        <div className="row">
          <Field label="Kind of review" error={errors.kind}>
            {(props) => (
              <select
                {...props}
                value={kind}
                onChange={(e) => {
                  const next = e.target.value as ReviewKind;
                  setKind(next);
                  // A framework picked (or imported) for this kind of review stays; otherwise the new kind's default.
                  const picked = frameworks.find((f) => keyOf(f) === frameworkId);
                  if (!picked?.reviewKinds.includes(next)) setFrameworkId('');
                }}
              >
                {REVIEW_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {REVIEW_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Area" error={errors.area}>
            {(props) => <input {...props} value={area} onChange={edit('area', setArea)} placeholder="e.g. Oxfordshire" />}
          </Field>
        </div>
        <div className="row">
          <Field label="Visit starts" error={errors.visitStart}>
            {(props) => <input {...props} type="date" value={visitStart} onChange={edit('visitStart', setVisitStart)} />}
          </Field>
          <Field label="Visit ends" error={errors.visitEnd}>
            {(props) => <input {...props} type="date" value={visitEnd} min={visitStart || undefined} onChange={edit('visitEnd', setVisitEnd)} />}
          </Field>
        </div>
        <Field label="Framework" error={errors.frameworkId} hint="Copied into the review; you can edit it there.">
          {(props) => (
            <select {...props} value={chosenFramework} onChange={(e) => setFrameworkId(e.target.value)}>
              {frameworks.map((framework) => (
                <option key={keyOf(framework)} value={keyOf(framework)}>
                  {framework.name}
                  {framework.status === 'draft' ? ' (DRAFT)' : ''} ({framework.itemCount} items{framework.origin === 'imported' ? `, version ${framework.version}, imported` : ''})
                </option>
              ))}
            </select>
          )}
        </Field>
        <p className="hint">
          A framework kept as a file (docs/framework-format.md):{' '}
          <FilePickButton label="Import a framework file…" accept=".json,application/json" inputLabel="Framework file" onFile={(file) => void importFile(file)} />
        </p>
        {imported && (
          <p className="ok-text" role="status">
            {imported}
          </p>
        )}
        {message && (
          <p className="error-banner" role="alert">
            {message}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={saving}>
            {saving ? 'Creating…' : 'Create review'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
