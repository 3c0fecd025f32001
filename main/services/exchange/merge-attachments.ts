import type { MergeSummary } from '../../../shared/exchange/contract';
import { invalid } from '../../../shared/errors';
import { checkAttachment, checkAttachmentName, plainTextOf, writeStoredFiles, type StoredFile } from '../../store/attachments';
import type { Store } from '../../store/store';
import type { Bundle } from './bundle-file';

/**
 * Every attached file a bundle carries passes the rules for a file the reviewer attaches here
 * (allowed name and extension, size, content matching the extension), under every name a record
 * gives it; its media type and text are then taken from the content, never from the bundle.
 */
export function checkAttachments(fileName: string, bundle: Bundle): void {
  for (const version of bundle.records.versions) {
    if (version.t !== 'evidence_attachments') continue;
    const name = String(version.data.original_name ?? '');
    const file = bundle.files.get(String(version.data.sha256 ?? ''));
    try {
      if (file) checkAttachment(name, file);
      else checkAttachmentName(name);
    } catch (error) {
      throw invalid(`${fileName} holds an attachment Fieldbook does not accept: ${(error as Error).message} Nothing was imported.`);
    }
  }
}

/** Stores the files a merge brings, media type and search text from the checked name and content, once each. */
export function placeAttachments(store: Store, bundles: Bundle[], commit: boolean): MergeSummary['attachments'] & { toRead: StoredFile[] } {
  const counts = { added: 0, alreadyHere: 0, toRead: [] as StoredFile[] };
  const insert = store.prepare('INSERT INTO attachment_files (sha256, bytes, media_type, text_content) VALUES (?, ?, ?, ?) ON CONFLICT(sha256) DO NOTHING');
  const seen = new Set<string>();
  const toWrite: Array<{ sha256: string; bytes: Buffer }> = [];
  for (const bundle of bundles) {
    // The name a record gives each file (checked with its content in checkAttachments).
    const names = new Map(bundle.records.versions.filter((v) => v.t === 'evidence_attachments').map((v) => [String(v.data.sha256), String(v.data.original_name)]));
    for (const [sha256, file] of bundle.files) {
      const name = names.get(sha256);
      if (!name || seen.has(sha256)) continue;
      seen.add(sha256);
      if (store.prepare('SELECT 1 FROM attachment_files WHERE sha256 = ?').get(sha256)) {
        counts.alreadyHere += 1;
        continue;
      }
      if (commit) toWrite.push({ sha256, bytes: file });
      const stored = { sha256, bytes: file.length, mediaType: checkAttachmentName(name), text: plainTextOf(name, file), name };
      insert.run(sha256, stored.bytes, stored.mediaType, stored.text);
      counts.toRead.push(stored);
      counts.added += 1;
    }
  }
  // The files land before the rows that point at them commit; an unreferenced file is harmless.
  writeStoredFiles(store, toWrite);
  return counts;
}
