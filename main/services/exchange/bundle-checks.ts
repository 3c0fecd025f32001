import type { z } from 'zod';
import { invalid } from '../../../shared/errors';
import { FindingDocSchema } from '../../../shared/findings/doc';
import { recordProblem } from '../../../shared/exchange/records';
import { SYNCED_TABLES, tableSpec, type SyncedTableSpec } from '../../../shared/exchange/tables';
import type { RecordData } from '../../../shared/exchange/versions';
import { NoteDocSchema } from '../../../shared/sessions/notes-doc';
import type { Bundle, BundleVersion } from './bundle-file';
import { checkAttachments } from './merge-attachments';

/**
 * What a bundle's contents must pass before anything of it is written: every record the rules
 * the app's own writes do, in its own review, with documents Fieldbook can read, and every file
 * the attachment rules. Each refusal names the bundle and the record.
 */

/** Tables whose rows name their review themselves; the others are checked through their parent. */
export const HAS_REVIEW_ID = new Set(SYNCED_TABLES.filter((spec) => spec.scope.startsWith('t.review_id') || spec.table === 'reviews').map((spec) => spec.table));

export function nameOf(spec: SyncedTableSpec, data: RecordData): string {
  return String(data[spec.name ?? spec.key] ?? data[spec.key] ?? '').slice(0, 80);
}

/** What a document field of a synced table must hold: a notes document, or a finding's text. */
const DOC_SCHEMAS: Record<string, z.ZodType> = { sessions: NoteDocSchema, findings: FindingDocSchema, item_summaries: FindingDocSchema, report_texts: FindingDocSchema };

/** A document field (notes, a finding's text) must be a document Fieldbook can show and search. */
function checkDocuments(fileName: string, version: BundleVersion): void {
  const spec = tableSpec(version.t);
  const schema = DOC_SCHEMAS[version.t];
  if (!spec?.doc || !schema) return;
  for (const field of spec.doc) {
    const value = version.data[field];
    if (value === undefined || value === null) continue;
    let problem: string | null = null;
    try {
      const checked = schema.safeParse(JSON.parse(String(value)));
      if (!checked.success) problem = checked.error.issues[0]?.message ?? 'not as expected';
    } catch {
      problem = 'not JSON';
    }
    if (problem)
      throw invalid(
        `${fileName} is inconsistent: the ${spec.label} "${nameOf(spec, version.data)}" has ${field === 'notes_doc' ? 'notes' : 'text'} that Fieldbook cannot read (${problem}). Nothing was imported.`,
      );
  }
}

/** A record must pass the rules the app's own writes do (see RECORD_SCHEMAS). */
function checkRecord(fileName: string, version: BundleVersion): void {
  const problem = recordProblem(version.t, version.data);
  if (!problem) return;
  const spec = tableSpec(version.t);
  const label = spec?.label ?? version.t;
  const name = spec ? nameOf(spec, version.data) : '';
  throw invalid(
    `${fileName} holds ${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label}${name && name !== version.r ? ` "${name}"` : ''} (${version.r}) that Fieldbook cannot use: ${problem}. Nothing was imported.`,
  );
}

function checkBelongs(fileName: string, reviewId: string, version: BundleVersion): void {
  const spec = tableSpec(version.t);
  const where = `${spec?.label ?? version.t} ${version.r}`;
  if (String(version.data[spec?.key ?? 'id']) !== version.r) throw invalid(`${fileName} is inconsistent: ${where} names a different id inside. Nothing was imported.`);
  const own = version.t === 'reviews' ? version.data.id : version.data.review_id;
  if (HAS_REVIEW_ID.has(version.t) && own !== reviewId) throw invalid(`${fileName} holds ${where} of another review. Nothing was imported.`);
}

/** Every record and file of a bundle passes the rules the app's own input does. */
export function checkContents(bundle: Bundle, fileName: string): void {
  for (const version of bundle.records.versions) {
    checkRecord(fileName, version);
    checkBelongs(fileName, bundle.manifest.review.id, version);
    checkDocuments(fileName, version);
  }
  for (const [sha, file] of bundle.files)
    if (bundle.manifest.entries[`attachments/${sha}`] !== sha || file.length === 0)
      throw invalid(`${fileName} is damaged: attachment ${sha.slice(0, 12)}… does not match its name. Nothing was imported.`);
  checkAttachments(fileName, bundle);
}
