import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { ReviewDetail } from '../../../shared/reviews/contract';
import {
  EVIDENCE_KIND_LABELS,
  EVIDENCE_KINDS,
  SENSITIVITIES,
  SENSITIVITY_LABELS,
  type EvidenceItem,
  type EvidenceKind,
  type Sensitivity,
  type Weight,
} from '../../../shared/evidence/domain';
import { STANCES, type Stance } from '../../../shared/sessions/domain';
import { api, fieldErrors, messageOf } from '../../api/client';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { taggableItems } from '../sessions';
import { fileToBase64, formatBytes } from './files';
import { ProvenanceDetails } from '../exchange';

const STANCE_TEXT: Record<Stance, string> = { strength: 'Supports a strength', concern: 'Shows a concern', neutral: 'Neutral' };
type LinkDraft = { kloeId: string; stance: Stance; weight: Weight };

/** Add or edit an evidence item: its record, KLOE links and attachments (drop files here). */
export function EvidenceForm({
  detail,
  item,
  initialFiles,
  onClose,
  onSaved,
}: {
  detail: ReviewDetail;
  item?: EvidenceItem;
  initialFiles?: File[];
  onClose: () => void;
  onSaved: (item: EvidenceItem) => void;
}) {
  const [kind, setKind] = useState<EvidenceKind>(item?.kind ?? 'document');
  const [title, setTitle] = useState(item?.title ?? initialFiles?.[0]?.name.replace(/\.[^.]+$/, '') ?? '');
  const [summary, setSummary] = useState(item?.summary ?? '');
  const [source, setSource] = useState(item?.sourceOrganisationId ?? '');
  const [date, setDate] = useState(item?.date ?? '');
  const [collectedBy, setCollectedBy] = useState(item?.collectedBy ?? '');
  const [sensitivity, setSensitivity] = useState<Sensitivity>(item?.sensitivity ?? 'normal');
  const [category, setCategory] = useState(item?.evidenceCategoryId ?? '');
  const [links, setLinks] = useState<LinkDraft[]>(item?.links.map((l) => ({ kloeId: l.kloeId, stance: l.stance, weight: l.weight })) ?? []);
  const [files, setFiles] = useState<File[]>(initialFiles ?? []);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const kloes = taggableItems(detail.framework);
  // The KLOE of a link just added takes the focus: choosing it is the next step.
  const linksRef = useRef<HTMLFieldSetElement>(null);
  const focusLink = useRef<number | null>(null);
  useEffect(() => {
    if (focusLink.current === null) return;
    linksRef.current?.querySelectorAll<HTMLSelectElement>('select[aria-label="KLOE"]')[focusLink.current]?.focus();
    focusLink.current = null;
  }, [links]);
  const categories = detail.framework.filter((i) => i.kind === 'evidence_category' && !i.retired);

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setFiles([...files, ...event.dataTransfer.files]);
  };
  const save = async () => {
    if (!title.trim()) return setErrors({ title: 'Give the evidence a title' });
    setSaving(true);
    setMessage(null);
    try {
      const attachments = await Promise.all(files.map(async (file) => ({ name: file.name, dataBase64: await fileToBase64(file) })));
      const fields = {
        kind,
        title,
        summary,
        sourceOrganisationId: source || null,
        date: date || null,
        collectedBy: collectedBy || null,
        sensitivity,
        evidenceCategoryId: category || null,
      };
      let saved: EvidenceItem;
      if (item) {
        await api.updateEvidence({ evidenceId: item.id, ...fields });
        saved = await api.setEvidenceLinks({ evidenceId: item.id, links });
        if (attachments.length > 0) saved = await api.addAttachments({ evidenceId: item.id, attachments });
      } else saved = await api.addEvidence({ reviewId: detail.review.id, ...fields, links, attachments });
      onSaved(saved);
    } catch (error) {
      setErrors(fieldErrors(error));
      setMessage(messageOf(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog title={item ? `Edit ${item.code}` : 'Add evidence'} onClose={onClose}>
      <div className="evidence-form" onDragOver={(e) => e.preventDefault()} onDrop={drop}>
        <Field label="Title" error={errors.title}>
          {(props) => <input {...props} autoFocus value={title} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        <div className="row">
          <Field label="Kind">
            {(props) => (
              <select {...props} value={kind} onChange={(e) => setKind(e.target.value as EvidenceKind)}>
                {EVIDENCE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {EVIDENCE_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Source organisation" error={errors.sourceOrganisationId}>
            {(props) => (
              <select {...props} value={source} onChange={(e) => setSource(e.target.value)}>
                <option value="">None</option>
                {detail.organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.shortName}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="row">
          <Field label="Date" error={errors.date}>
            {(props) => <input {...props} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
          </Field>
          <Field label="Collected by">
            {(props) => (
              <select {...props} value={collectedBy} onChange={(e) => setCollectedBy(e.target.value)}>
                <option value="">—</option>
                {detail.team.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="row">
          <Field label="Sensitivity">
            {(props) => (
              <select {...props} value={sensitivity} onChange={(e) => setSensitivity(e.target.value as Sensitivity)}>
                {SENSITIVITIES.map((s) => (
                  <option key={s} value={s}>
                    {SENSITIVITY_LABELS[s]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {categories.length > 0 && (
            <Field label="Evidence category">
              {(props) => (
                <select {...props} value={category} onChange={(e) => setCategory(e.target.value)}>
                  <option value="">—</option>
                  {categories.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.title}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
        </div>
        <Field label="Summary">{(props) => <textarea {...props} rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} />}</Field>
        <fieldset className="links" ref={linksRef}>
          <legend>KLOEs this is evidence for</legend>
          {links.map((link, index) => (
            <div key={index} className="link-row">
              <select aria-label="KLOE" value={link.kloeId} onChange={(e) => setLinks(links.map((l, i) => (i === index ? { ...l, kloeId: e.target.value } : l)))}>
                {kloes.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.code} {k.title}
                  </option>
                ))}
              </select>
              <select aria-label="Stance" value={link.stance} onChange={(e) => setLinks(links.map((l, i) => (i === index ? { ...l, stance: e.target.value as Stance } : l)))}>
                {STANCES.map((s) => (
                  <option key={s} value={s}>
                    {STANCE_TEXT[s]}
                  </option>
                ))}
              </select>
              <select aria-label="Weight" value={link.weight} onChange={(e) => setLinks(links.map((l, i) => (i === index ? { ...l, weight: e.target.value as Weight } : l)))}>
                <option value="key">Key</option>
                <option value="supporting">Supporting</option>
              </select>
              <button className="small danger" onClick={() => setLinks(links.filter((_, i) => i !== index))}>
                Remove
              </button>
            </div>
          ))}
          <button
            className="small"
            onClick={() => {
              if (!kloes[0]) return;
              setLinks([...links, { kloeId: kloes.find((k) => !links.some((l) => l.kloeId === k.id))?.id ?? kloes[0].id, stance: 'neutral', weight: 'supporting' }]);
              focusLink.current = links.length;
            }}
          >
            Link a KLOE
          </button>
        </fieldset>
        <div className="drop-zone" aria-label="Attachments">
          {item?.attachments.map((a) => (
            <div key={a.id} className="hint">
              {a.originalName} · {formatBytes(a.bytes)}
            </div>
          ))}
          {files.map((file, index) => (
            <div key={`${file.name}-${index}`}>
              {file.name} · {formatBytes(file.size)}{' '}
              <button className="small" onClick={() => setFiles(files.filter((_, i) => i !== index))}>
                Remove
              </button>
            </div>
          ))}
          <label className="file-pick">
            Drop files here or <span className="link">choose files</span> (PDF, Word, Excel, PowerPoint, CSV, text, Markdown, PNG, JPEG; up to 200 MB)
            <input
              type="file"
              multiple
              hidden
              aria-label="Attach files"
              onChange={(e) => {
                setFiles([...files, ...(e.target.files ?? [])]);
                e.target.value = '';
              }}
            />
          </label>
        </div>
        {message && <p className="error-banner">{message}</p>}
        {item && <ProvenanceDetails table="evidence" rowId={item.id} />}
        <div className="dialog-actions">
          <button onClick={onClose}>Cancel</button>
          <button className="primary" disabled={saving} onClick={() => void save()}>
            {saving ? 'Saving…' : item ? 'Save' : 'Add evidence'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
