import { useRef, useState } from 'react';
import { api, messageOf } from '../../api/client';
import { Dialog } from '../../ui/Dialog';
import { fileToBase64 } from '../../ui/files';

const MAX_BYTES = 20 * 1024 * 1024;

type Outcome = { name: string; ok: boolean; message: string };

/** Import notes from .txt, .md or .docx files: one session per file, with a line per file. */
export function ImportNotesButton({ reviewId, onImported }: { reviewId: string; onImported: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[] | null>(null);

  const importFiles = async (files: File[]) => {
    setBusy(true);
    const results: Outcome[] = [];
    const sendable: Array<{ name: string; dataBase64: string }> = [];
    for (const file of files) {
      // Too large to send: refused here with the same words the service would use.
      if (file.size > MAX_BYTES) results.push({ name: file.name, ok: false, message: `over 20 MB (${(file.size / 1024 / 1024).toFixed(1)} MB): split it into smaller files` });
      else sendable.push({ name: file.name, dataBase64: await fileToBase64(file) });
    }
    try {
      if (sendable.length > 0) {
        const imported = await api.importNotes({ reviewId, files: sendable });
        for (const r of imported) results.push({ name: r.name, ok: Boolean(r.sessionId), message: r.sessionId ? 'imported as a new session' : (r.error ?? 'refused') });
      }
    } catch (failure) {
      for (const file of sendable) results.push({ name: file.name, ok: false, message: messageOf(failure) });
    }
    setOutcomes(results);
    setBusy(false);
    onImported();
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept=".txt,.md,.docx"
        aria-label="Notes files to import"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          if (files.length > 0) void importFiles(files);
        }}
      />
      <button disabled={busy} onClick={() => input.current?.click()}>
        {busy ? 'Importing…' : 'Import notes…'}
      </button>
      {outcomes && (
        <Dialog title="Imported notes" onClose={() => setOutcomes(null)}>
          <ul className="import-outcomes">
            {outcomes.map((o) => (
              <li key={o.name} className={o.ok ? 'ok-text' : 'error-text'}>
                <strong>{o.name}</strong>: {o.message}
              </li>
            ))}
          </ul>
          <div className="dialog-actions">
            <button className="primary" autoFocus onClick={() => setOutcomes(null)}>
              Close
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}
