import type { Editor } from '@tiptap/react';
import { formatDateTime } from '../../../shared/dates';
import { ProvenanceDetails } from '../exchange';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { ReviewDetail } from '../../../shared/reviews/contract';
import {
  FINDING_KIND_LABELS,
  FINDING_STATUS_LABELS,
  PROGRESS_KINDS,
  type Citation,
  type Finding,
  type FindingKind,
  type FindingsItem,
  type FindingStatus,
} from '../../../shared/findings/domain';
import { ACTION_PRIORITIES, ACTION_PRIORITY_LABELS, type ActionPriority } from '../../../shared/data-profile/domain';
import { EMPTY_FINDING, type CitationAttrs, type FindingNode } from '../../../shared/findings/doc';
import { api } from '../../api/client';
import { useRouter } from '../../app/router';
import { notify, reportError } from '../../ui/toasts';
import { holdTyping, takeHeldTyping, typeInto } from '../../ui/typeahead';
import { CiteDialog, KloeCodes } from './CiteDialog';
import { ExportDialog } from '../report';
import { FindingEditor, insertCitation } from './FindingEditor';
import { saveAllTexts, savesRetrying, useAutosave, type Save } from './autosave';

/** The cited sources under an editor: each opens its evidence item or passage. */
function Citations({ reviewId, citations }: { reviewId: string; citations: Citation[] }) {
  const go = useRouter((s) => s.go);
  if (citations.length === 0) return null;
  const open = (c: Citation) => {
    if (c.kind === 'evidence') go({ name: 'review', reviewId, tab: 'evidence', focus: c.targetId });
    else if (c.source?.sessionId) go({ name: 'session', reviewId, sessionId: c.source.sessionId, focus: `tag:${c.targetId}` });
  };
  // A citation the report cannot stand behind: the export stops until it is resolved.
  const untraceable = citations.filter((c) => !c.source || c.source.orphaned);
  return (
    <>
      <p className="citations">
        Cites:{' '}
        {citations.map((c, i) => (
          <button
            key={`${c.targetId}-${i}`}
            className={`badge citation ${c.kind}${!c.source || c.source.orphaned ? ' untraceable' : ''}`}
            title={c.source ? `${c.source.title}\n${c.source.text}${c.source.orphaned ? '\n(its words were deleted from the notes)' : ''}` : 'The cited item was removed'}
            onClick={() => open(c)}
          >
            {c.label}
          </button>
        ))}
      </p>
      {untraceable.length > 0 && (
        <p className="warning-text" role="alert">
          {untraceable
            .map((c) =>
              c.source?.orphaned
                ? `[${c.label}]: its words were deleted from the notes. Re-place its tag in the session, or remove this citation.`
                : `[${c.label}]: what it cites was removed. Remove this citation.`,
            )
            .join(' ')}{' '}
          The report cannot be exported until this is resolved.
        </p>
      )}
    </>
  );
}

function Writing({
  reviewId,
  itemId,
  doc,
  label,
  citations,
  save,
  focus,
}: {
  reviewId: string;
  itemId: string;
  doc: FindingNode;
  label: string;
  citations: Citation[];
  save: Save;
  /** Changes when this text should take the focus, with any words typed while it was made. */
  focus?: number | undefined;
}) {
  const editor = useRef<Editor | null>(null);
  useEffect(() => {
    const e = editor.current;
    if (!focus || !e) return;
    e.commands.focus('end');
    e.view.focus();
    typeInto(e, takeHeldTyping());
  }, [focus]);
  const [citing, setCiting] = useState(false);
  const [picked, setPicked] = useState<CitationAttrs | null>(null);
  const { changed, state } = useAutosave(save);
  // The citation goes in once the dialog has gone, so the editor has the focus for the very next
  // key typed (inserting while the dialog was still up lost it).
  useLayoutEffect(() => {
    if (citing || !picked || !editor.current) return;
    insertCitation(editor.current, picked);
    setPicked(null);
  }, [citing, picked]);
  // The hover card of a citation inside the text: its source, from the last save.
  const describe = (event: MouseEvent<HTMLDivElement>) => {
    const span = (event.target as HTMLElement).closest<HTMLElement>('span.citation');
    if (!span) return;
    const source = citations.find((c) => c.targetId === span.dataset.target)?.source;
    span.title = source ? `${source.title}\n${source.text}\n(Ctrl+click to open)` : 'Save to see the source';
  };
  return (
    <div className="writing" onMouseOver={describe}>
      <FindingEditor initialDoc={doc} label={label} onChange={changed} onCite={() => setCiting(true)} onReady={(e) => (editor.current = e)} />
      <div className="writing-bar">
        <button className="small" onClick={() => setCiting(true)} title="Ctrl+K">
          Cite…
        </button>
        <span className="hint save-state">{state === 'saved' ? 'Saved' : state === 'saving' ? 'Saving…' : 'Editing…'}</span>
      </div>
      <Citations reviewId={reviewId} citations={citations} />
      {citing && (
        <CiteDialog
          reviewId={reviewId}
          itemId={itemId}
          onClose={() => setCiting(false)}
          onPick={(citation) => {
            setPicked(citation);
            setCiting(false);
          }}
        />
      )}
    </div>
  );
}

const NEXT: Record<FindingStatus, Array<{ status: FindingStatus; label: string }>> = {
  draft: [{ status: 'ready', label: 'Ready for review' }],
  ready: [
    { status: 'agreed', label: 'Agree' },
    { status: 'draft', label: 'Back to draft' },
  ],
  agreed: [{ status: 'ready', label: 'Reopen' }],
};

function FindingCard({
  reviewId,
  finding,
  kinds,
  focus,
  onChanged,
}: {
  reviewId: string;
  finding: Finding;
  kinds: FindingKind[];
  focus?: number | undefined;
  onChanged: (items: FindingsItem[]) => void;
}) {
  const run = async (call: () => Promise<FindingsItem[]>) => {
    try {
      onChanged(await call());
    } catch (error) {
      reportError(error);
    }
  };
  const save = useCallback(async (doc: FindingNode) => onChanged(await api.saveFinding({ findingId: finding.id, doc })), [finding.id, onChanged]);
  const remove = () =>
    run(async () => {
      const items = await api.removeFinding({ findingId: finding.id });
      notify('Finding removed', () => void api.removeFinding({ findingId: finding.id, removed: false }).then(onChanged, reportError));
      return items;
    });
  const needsPriority = finding.kind === 'improvement' || finding.kind === 'still_needed';
  return (
    <article className={`finding card status-${finding.status}`} aria-label={`${FINDING_KIND_LABELS[finding.kind]} finding`}>
      <header className="finding-header">
        <select aria-label="Kind" value={finding.kind} onChange={(e) => void run(() => api.saveFinding({ findingId: finding.id, kind: e.target.value as FindingKind }))}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {FINDING_KIND_LABELS[k]}
            </option>
          ))}
        </select>
        {needsPriority && (
          <select
            aria-label="Priority"
            value={finding.priority ?? ''}
            onChange={(e) => void run(() => api.saveFinding({ findingId: finding.id, priority: (e.target.value || null) as ActionPriority | null }))}
          >
            <option value="">No priority group</option>
            {ACTION_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {ACTION_PRIORITY_LABELS[p]} priority
              </option>
            ))}
          </select>
        )}
        <span className={`status-pill ${finding.status}`} title={`${FINDING_STATUS_LABELS[finding.status]} · ${finding.statusBy}, ${formatDateTime(finding.statusAt)}`}>
          {FINDING_STATUS_LABELS[finding.status]}
        </span>
        {NEXT[finding.status].map((n) => (
          <button key={n.status} className="small" onClick={() => void run(() => api.setFindingStatus({ findingId: finding.id, status: n.status }))}>
            {n.label}
          </button>
        ))}
        <button className="small" aria-label="Remove finding" onClick={() => void remove()}>
          Remove
        </button>
      </header>
      {finding.reopened && <p className="warning-text">Edited after it was agreed: it needs agreeing again.</p>}
      <Writing
        reviewId={reviewId}
        itemId={finding.itemId}
        doc={(finding.doc as FindingNode | null) ?? EMPTY_FINDING}
        label={`${FINDING_KIND_LABELS[finding.kind]} text`}
        citations={finding.citations}
        save={save}
        focus={focus}
      />
      <details className="history">
        <summary>History</summary>
        <ul>
          {finding.history.map((h, i) => (
            <li key={i}>
              {formatDateTime(h.at)}: {FINDING_STATUS_LABELS[h.status]} by {h.by}
              {h.reason ? ` (${h.reason})` : ''}
            </li>
          ))}
        </ul>
      </details>
      <ProvenanceDetails table="findings" rowId={finding.id} />
    </article>
  );
}

const REFLECTIONS = 'reflections';

/** The reflections of system leaders: one text for the whole review, in the report's findings. */
function Reflections({ reviewId }: { reviewId: string }) {
  const [doc, setDoc] = useState<FindingNode | null>(null);
  useEffect(() => {
    api.getReportTexts({ reviewId }).then((texts) => setDoc((texts.reflections?.doc as FindingNode | undefined) ?? EMPTY_FINDING), reportError);
  }, [reviewId]);
  const save = useCallback(
    async (next: FindingNode) => {
      await api.saveReportText({ reviewId, section: 'reflections', doc: next });
    },
    [reviewId],
  );
  if (!doc) return <p className="hint">Loading…</p>;
  return (
    <div className="card">
      <p className="hint">What system leaders said about the review and their plans, for the report's detailed findings. Describe people by role, never by name.</p>
      <Writing reviewId={reviewId} itemId="" doc={doc} label="Reflections of system leaders" citations={[]} save={save} />
    </div>
  );
}

/** Findings per KLOE or theme: a summary, then strengths and areas for improvement with citations. */
export function FindingsTab({ detail }: { detail: ReviewDetail }) {
  const reviewId = detail.review.id;
  const [items, setItems] = useState<FindingsItem[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [focusing, setFocusing] = useState<{ findingId: string; at: number } | null>(null);
  const codes = useMemo(() => new Map(detail.framework.map((i) => [i.id, i.code])), [detail.framework]);
  useEffect(() => {
    api.listFindings({ reviewId }).then(setItems, reportError);
  }, [reviewId]);
  const saveSummary = useCallback(
    async (doc: FindingNode) => {
      if (selected) setItems(await api.saveSummary({ reviewId, itemId: selected, doc }));
    },
    [reviewId, selected],
  );
  // The KLOE on screen; when the reviewer moves on (another KLOE, another tab) its drafts that were
  // never written in go, once every text on its way has been saved and none is waiting to retry.
  const shownId = selected === REFLECTIONS ? null : (items?.find((i) => i.itemId === selected) ?? items?.[0])?.itemId;
  useEffect(() => {
    if (!shownId) return;
    return () => {
      setTimeout(() => {
        void saveAllTexts()
          .then(() => (savesRetrying() === 0 ? api.removeEmptyFindings({ reviewId, itemId: shownId }) : null))
          // Only the KLOE left behind is taken from the answer: the one now on screen may have changed since.
          .then((next) => next && setItems((current) => current?.map((i) => (i.itemId === shownId ? (next.find((n) => n.itemId === shownId) ?? i) : i)) ?? next))
          .catch(reportError);
      }, 0);
    };
  }, [reviewId, shownId]);
  if (!items) return <p className="hint">Loading findings…</p>;
  if (items.length === 0) return <p className="hint">This review's framework has no KLOEs, themes or quality statements to write findings against.</p>;
  const item = items.find((i) => i.itemId === selected) ?? items[0];
  if (!item) return null;
  const reflections = selected === REFLECTIONS;
  const progress = detail.review.kind === 'progress_review';
  const kinds: FindingKind[] = progress ? ['progress_made', 'still_needed', 'strength', 'improvement'] : ['strength', 'improvement'];
  // The new finding's text takes the focus, with anything typed while it was made; adding again
  // while one of the kind is still empty gives back that one (the service keeps one empty draft).
  const add = async (kind: FindingKind) => {
    const typing = holdTyping();
    try {
      // Words typed a moment ago into the last one count: it is not empty.
      await saveAllTexts();
      const next = await api.addFinding({ reviewId, itemId: item.itemId, kind });
      setItems(next);
      const empty = next
        .find((i) => i.itemId === item.itemId)
        ?.findings.filter((f) => f.kind === kind && f.status === 'draft' && f.text.trim() === '')
        .at(-1);
      if (empty) setFocusing({ findingId: empty.id, at: performance.now() });
      else typing.drop();
    } catch (error) {
      typing.drop();
      reportError(error);
    }
  };
  const count = (i: FindingsItem, status: FindingStatus) => i.findings.filter((f) => f.status === status).length;
  return (
    <KloeCodes.Provider value={codes}>
      <div className="findings-layout">
        <nav className="findings-nav" aria-label="KLOEs and themes">
          {items.map((i) => (
            <button
              key={i.itemId}
              className={!reflections && i.itemId === item.itemId ? 'active' : ''}
              aria-current={!reflections && i.itemId === item.itemId}
              onClick={() => setSelected(i.itemId)}
            >
              <span className="code">{i.code}</span> {i.title}
              {i.findings.length > 0 && (
                <span className="count" title={`${count(i, 'agreed')} agreed of ${i.findings.length}`}>
                  {count(i, 'agreed')}/{i.findings.length}
                </span>
              )}
            </button>
          ))}
          <button className={reflections ? 'active reflections' : 'reflections'} aria-current={reflections} onClick={() => setSelected(REFLECTIONS)}>
            Reflections of system leaders
          </button>
        </nav>
        {reflections ? (
          <section className="findings-main" key={REFLECTIONS}>
            <header className="findings-header">
              <h2>Reflections of system leaders</h2>
              <button className="primary" onClick={() => setExporting(true)}>
                Export report…
              </button>
            </header>
            <Reflections reviewId={reviewId} />
          </section>
        ) : (
          <section className="findings-main" key={item.itemId}>
            <header className="findings-header">
              <h2>
                <span className="code">{item.code}</span> {item.title}
              </h2>
              <button className="primary" onClick={() => setExporting(true)}>
                Export report…
              </button>
            </header>
            <div className="card">
              <h3>Summary</h3>
              <Writing
                reviewId={reviewId}
                itemId={item.itemId}
                doc={(item.summary?.doc as FindingNode | undefined) ?? EMPTY_FINDING}
                label="Summary"
                citations={[]}
                save={saveSummary}
              />
            </div>
            {item.findings.map((f) => (
              <FindingCard key={f.id} reviewId={reviewId} finding={f} kinds={kinds} focus={focusing?.findingId === f.id ? focusing.at : undefined} onChanged={setItems} />
            ))}
            <div className="add-findings">
              {kinds.map((k) => (
                <button key={k} onClick={() => void add(k)}>
                  Add {FINDING_KIND_LABELS[k].toLowerCase()}
                </button>
              ))}
            </div>
            {!progress && <p className="hint">{PROGRESS_KINDS.length} more kinds (progress made, still needed) are available in progress reviews.</p>}
          </section>
        )}
        {exporting && <ExportDialog reviewId={reviewId} onClose={() => setExporting(false)} />}
      </div>
    </KloeCodes.Provider>
  );
}
