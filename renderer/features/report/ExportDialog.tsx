import { useEffect, useRef, useState } from 'react';
import { api, messageOf } from '../../api/client';
import { Dialog } from '../../ui/Dialog';
import { FilePickButton } from '../../ui/FilePickButton';
import { downloadBase64 as download, fileToBase64 } from '../../ui/files';
import type { ReportInclude } from '../../../shared/report/include';
import { IncludeChoice } from './IncludeChoice';

type Format = 'docx' | 'pdf' | 'html' | 'md';
type Found = { name: string; kind: 'recorded' | 'quoted'; context: string };
type Untraceable = { where: string; label: string; quote: string; reason: 'words_deleted' | 'removed' };
const FORMATS: Array<{ id: Format; label: string }> = [
  { id: 'docx', label: 'Word (.docx)' },
  { id: 'pdf', label: 'PDF' },
  { id: 'html', label: 'Web page (.html)' },
  { id: 'md', label: 'Markdown (.md)' },
];

/**
 * Export the report: choose a format (and optionally your own Word template), watch it being
 * built, cancel it. If the names check finds possible names, each must be allowed explicitly
 * before anything is produced.
 */
export function ExportDialog({ reviewId, onClose }: { reviewId: string; onClose: () => void }) {
  const [format, setFormat] = useState<Format>('docx');
  const [template, setTemplate] = useState<File | null>(null);
  const [include, setInclude] = useState<ReportInclude | null>(null);
  const [job, setJob] = useState<string | null>(null);
  const [progress, setProgress] = useState({ fraction: 0, step: '' });
  const [names, setNames] = useState<Found[]>([]);
  const [allowed, setAllowed] = useState<Set<string>>(new Set());
  const [untraceable, setUntraceable] = useState<Untraceable[]>([]);
  const [coarsened, setCoarsened] = useState<Array<{ exact: string; coarse: string }>>([]);
  const [exactLabels, setExactLabels] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  // Closed: a status answer still on its way changes nothing.
  const open = useRef(true);
  useEffect(() => {
    open.current = true;
    return () => {
      open.current = false;
    };
  }, []);

  const start = async () => {
    setMessage(null);
    try {
      const templateInput = template && format === 'docx' ? { name: template.name, dataBase64: await fileToBase64(template) } : undefined;
      const { jobId } = await api.startReportExport({
        reviewId,
        format,
        allowNames: [...allowed],
        allowLabels: [...exactLabels],
        ...(include ? { include } : {}),
        ...(templateInput ? { template: templateInput } : {}),
      });
      setJob(jobId);
      setProgress({ fraction: 0, step: 'Starting' });
      // One status question at a time; each is answered at the job's next change, so the end of
      // the export is heard the moment it comes (a timer would add up to its period to every one).
      for (;;) {
        const status = await api.getReportExportStatus({ jobId, waitMs: 2000 });
        if (!open.current) return;
        setProgress({ fraction: status.progress, step: status.step });
        if (status.state === 'running') continue;
        setJob(null);
        if (status.state === 'blocked') {
          setNames(status.names);
          setUntraceable(status.citations);
        } else if (status.state === 'done' && status.result) {
          download(status.result.fileName, status.result.mediaType, status.result.dataBase64);
          setNames([]);
          setUntraceable([]);
          setCoarsened(status.labels);
          setMessage({ tone: 'ok', text: `Exported ${status.result.fileName}.` });
        } else if (status.state === 'cancelled') setMessage({ tone: 'error', text: 'Cancelled: nothing was written.' });
        else setMessage({ tone: 'error', text: status.error });
        return;
      }
    } catch (error) {
      if (!open.current) return;
      setJob(null);
      setMessage({ tone: 'error', text: messageOf(error) });
    }
  };
  const cancel = () => {
    if (job) void api.cancelReportExport({ jobId: job });
  };
  const unresolved = names.filter((n) => !allowed.has(n.name.toLowerCase()));
  return (
    <Dialog
      title="Export the report"
      onClose={() => {
        cancel();
        onClose();
      }}
    >
      <form
        className="form export-form"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <fieldset disabled={job !== null}>
          <legend>Format</legend>
          {FORMATS.map((f) => (
            <label key={f.id} className="checkbox">
              <input type="radio" name="format" checked={format === f.id} onChange={() => setFormat(f.id)} /> {f.label}
            </label>
          ))}
        </fieldset>
        <IncludeChoice reviewId={reviewId} value={include} onChange={setInclude} disabled={job !== null} />
        {format === 'docx' && (
          <p className="hint">
            Template: {template ? template.name : 'the default for this kind of review'}{' '}
            <FilePickButton label={template ? 'Change…' : 'Use my own…'} accept=".docx" inputLabel="Report template" onFile={setTemplate} />
            {template && (
              <button type="button" className="link" onClick={() => setTemplate(null)}>
                Use the default
              </button>
            )}
          </p>
        )}
        {names.length > 0 && (
          <div className="names-check" role="alert">
            <p className="error-text">
              The names check found {names.length} possible name{names.length === 1 ? '' : 's'}. Change the wording in the findings, or allow each one that may appear:
            </p>
            <ul>
              {names.map((n) => (
                <li key={n.name}>
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={allowed.has(n.name.toLowerCase())}
                      onChange={(e) =>
                        setAllowed((set) => {
                          const next = new Set(set);
                          if (e.target.checked) next.add(n.name.toLowerCase());
                          else next.delete(n.name.toLowerCase());
                          return next;
                        })
                      }
                    />
                    Allow <strong>{n.name}</strong>{' '}
                    <span className="hint">
                      ({n.kind === 'recorded' ? 'a real name recorded in a session' : 'a name in quoted words'}): {n.context}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </div>
        )}
        {untraceable.length > 0 && (
          <div className="names-check" role="alert">
            <p className="error-text">
              {untraceable.length} citation{untraceable.length === 1 ? ' cannot' : 's cannot'} be traced to evidence. Resolve {untraceable.length === 1 ? 'it' : 'them'} in the
              findings, then export again:
            </p>
            <ul>
              {untraceable.map((c, i) => (
                <li key={`${c.where}-${c.label}-${i}`}>
                  <strong>{c.where}</strong> [{c.label}]:{' '}
                  {c.reason === 'words_deleted' ? (
                    <>its words were deleted from the notes (“{c.quote.slice(0, 120)}”). Re-place the tag in its session, or remove the citation.</>
                  ) : (
                    'what it cites was removed. Remove the citation.'
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
        {coarsened.length > 0 && (
          <div className="labels-check" role="status">
            <p className="hint">
              So that nobody is singled out, {coarsened.length === 1 ? 'this label was' : 'these labels were'} made less specific: the review spoke with only one person in that
              role there. Tick one to keep the exact label, then export again.
            </p>
            <ul>
              {coarsened.map((l) => (
                <li key={l.exact}>
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={exactLabels.has(l.exact.toLowerCase())}
                      onChange={(e) =>
                        setExactLabels((set) => {
                          const next = new Set(set);
                          if (e.target.checked) next.add(l.exact.toLowerCase());
                          else next.delete(l.exact.toLowerCase());
                          return next;
                        })
                      }
                    />
                    “{l.coarse}” instead of <strong>{l.exact}</strong>
                  </label>
                </li>
              ))}
            </ul>
          </div>
        )}
        {job && (
          <div className="export-progress">
            <progress value={progress.fraction} max={1} aria-label="Export progress" />
            <span className="hint">
              {Math.round(progress.fraction * 100)}% · {progress.step}
            </span>
          </div>
        )}
        {message && (
          <p className={message.tone === 'ok' ? 'ok-text' : 'error-text'} role="status">
            {message.text}
          </p>
        )}
        <div className="dialog-actions">
          {job ? (
            <button type="button" onClick={cancel}>
              Cancel export
            </button>
          ) : (
            <button type="button" onClick={onClose}>
              Close
            </button>
          )}
          <button type="submit" className="primary" disabled={job !== null || (names.length > 0 && unresolved.length > 0)}>
            {names.length > 0 ? 'Export with the allowed names' : 'Export'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
