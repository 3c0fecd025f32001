import type { z } from 'zod';
import type { LinkInput } from '../../../shared/evidence/contract';
import { referenceCode, type Attachment, type EvidenceItem, type EvidenceKind, type Sensitivity, type Weight } from '../../../shared/evidence/domain';
import type { Stance } from '../../../shared/sessions/domain';
import { FieldbookError, notFound } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { extractLater, fileState, openableName, readStoredFile, storeFile, type StoredFile } from '../../store/attachments';
import { findReview } from '../reviews/reviews-table';
import { setDeleted, stampOf, syncValues, updateRow, type SyncColumns } from '../../store/rows';
import type { Stamp, Store } from '../../store/store';
import type { AppContext, Handlers } from '../../platform/context';
import { assertInReview } from '../reviews/membership';

type Link = z.output<typeof LinkInput>;

interface EvidenceRow extends SyncColumns {
  id: string;
  review_id: string;
  ref_number: number;
  kind: EvidenceKind;
  title: string;
  summary: string;
  source_organisation_id: string | null;
  evidence_date: string | null;
  collected_by: string | null;
  sensitivity: Sensitivity;
  evidence_category_id: string | null;
}

/** Evidence items of a review (or the given ids), with links and attachments, in reference order. */
export function loadEvidence(store: Store, reviewId: string, ids?: readonly string[]): EvidenceItem[] {
  const rows = (
    ids
      ? store
          .prepare('SELECT * FROM evidence WHERE deleted = 0 AND review_id = ? AND id IN (SELECT value FROM json_each(?)) ORDER BY ref_number')
          .all(reviewId, JSON.stringify(ids))
      : store.prepare('SELECT * FROM evidence WHERE deleted = 0 AND review_id = ? ORDER BY ref_number').all(reviewId)
  ) as EvidenceRow[];
  if (rows.length === 0) return [];
  const idList = JSON.stringify(rows.map((row) => row.id));
  const links = new Map<string, EvidenceItem['links']>();
  for (const link of store
    .prepare('SELECT id, evidence_id, kloe_id, stance, weight FROM evidence_links WHERE deleted = 0 AND evidence_id IN (SELECT value FROM json_each(?)) ORDER BY id')
    .all(idList) as Array<{ id: string; evidence_id: string; kloe_id: string; stance: Stance; weight: Weight }>) {
    const list = links.get(link.evidence_id) ?? [];
    list.push({ id: link.id, kloeId: link.kloe_id, stance: link.stance, weight: link.weight });
    links.set(link.evidence_id, list);
  }
  const attachments = new Map<string, Attachment[]>();
  for (const a of store
    .prepare(
      'SELECT a.id, a.evidence_id, a.sha256, a.original_name, f.bytes, f.media_type FROM evidence_attachments a JOIN attachment_files f ON f.sha256 = a.sha256 WHERE a.deleted = 0 AND a.evidence_id IN (SELECT value FROM json_each(?)) ORDER BY a.id',
    )
    .all(idList) as Array<{ id: string; evidence_id: string; sha256: string; original_name: string; bytes: number; media_type: string }>) {
    const list = attachments.get(a.evidence_id) ?? [];
    list.push({ id: a.id, sha256: a.sha256, originalName: a.original_name, bytes: a.bytes, mediaType: a.media_type, intact: null });
    attachments.set(a.evidence_id, list);
  }
  return rows.map((row) => ({
    id: row.id,
    reviewId: row.review_id,
    code: referenceCode(row.ref_number),
    kind: row.kind,
    title: row.title,
    summary: row.summary,
    sourceOrganisationId: row.source_organisation_id,
    date: row.evidence_date,
    collectedBy: row.collected_by,
    sensitivity: row.sensitivity,
    evidenceCategoryId: row.evidence_category_id,
    links: links.get(row.id) ?? [],
    attachments: attachments.get(row.id) ?? [],
    ...stampOf(store, row),
  }));
}

function oneEvidence(store: Store, evidenceId: string): EvidenceItem {
  const row = store.prepare('SELECT review_id FROM evidence WHERE id = ? AND deleted = 0').get(evidenceId) as { review_id: string } | undefined;
  const item = row ? loadEvidence(store, row.review_id, [evidenceId])[0] : undefined;
  if (!item) throw notFound('That evidence item does not exist (it may have been removed).');
  return item;
}

function replaceLinks(store: Store, stamp: Stamp, evidenceId: string, reviewId: string, links: Link[]): void {
  assertInReview(
    store,
    'framework_items',
    links.map((l) => l.kloeId),
    reviewId,
    'links.kloeId',
  );
  const seen = new Set<string>();
  for (const link of links) {
    if (seen.has(link.kloeId)) throw new FieldbookError('invalid_input', 'The same KLOE is linked twice; link each KLOE once.');
    seen.add(link.kloeId);
  }
  const existing = store.prepare('SELECT id, kloe_id, stance, weight FROM evidence_links WHERE evidence_id = ? AND deleted = 0').all(evidenceId) as Array<{
    id: string;
    kloe_id: string;
    stance: string;
    weight: string;
  }>;
  const byKloe = new Map(existing.map((row) => [row.kloe_id, row]));
  const sync = syncValues(stamp);
  for (const link of links) {
    const before = byKloe.get(link.kloeId);
    byKloe.delete(link.kloeId);
    if (!before) {
      store
        .prepare('INSERT INTO evidence_links (id, evidence_id, kloe_id, stance, weight, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(newId(), evidenceId, link.kloeId, link.stance, link.weight, sync.hlc, sync.updated_by, sync.updated_device);
    } else if (before.stance !== link.stance || before.weight !== link.weight) {
      updateRow(store, 'evidence_links', before.id, { stance: link.stance, weight: link.weight }, stamp);
    }
  }
  for (const gone of byKloe.values()) setDeleted(store, 'evidence_links', gone.id, true, stamp);
}

function attach(store: Store, stamp: Stamp, evidenceId: string, files: Array<{ name: string; stored: StoredFile }>): void {
  const sync = syncValues(stamp);
  for (const file of files) {
    store
      .prepare('INSERT INTO evidence_attachments (id, evidence_id, sha256, original_name, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(newId(), evidenceId, file.stored.sha256, file.name, sync.hlc, sync.updated_by, sync.updated_device);
  }
}

/** Keeps the evidence search row (title, summary, attachments' text) in step with the item. */
export function indexEvidence(store: Store, evidenceId: string): void {
  indexEvidenceItems(store, [evidenceId]);
}

/**
 * Brings many items' search rows up to date with one write to the full-text index: it writes what
 * it has been given at the end of every statement, so an item at a time cost a whole review's
 * merge (5,000 items) about 0.4 s more.
 */
export function indexEvidenceItems(store: Store, evidenceIds: Iterable<string>): void {
  const live: Array<[string, string, string]> = [];
  const gone: string[] = [];
  const item = store.prepare('SELECT review_id, title, summary FROM evidence WHERE id = ? AND deleted = 0');
  const attached = store
    .prepare('SELECT f.text_content FROM evidence_attachments a JOIN attachment_files f ON f.sha256 = a.sha256 WHERE a.evidence_id = ? AND a.deleted = 0')
    .pluck();
  for (const evidenceId of evidenceIds) {
    const row = item.get(evidenceId) as { review_id: string; title: string; summary: string } | undefined;
    if (!row) {
      gone.push(evidenceId);
      continue;
    }
    const texts = attached.all(evidenceId) as string[];
    live.push([row.review_id, evidenceId, [row.title, row.summary, ...texts].filter(Boolean).join('\n')]);
  }
  if (gone.length > 0) store.prepare('DELETE FROM evidence_search WHERE evidence_id IN (SELECT value FROM json_each(?))').run(JSON.stringify(gone));
  if (live.length === 0) return;
  // `WHERE true` tells SQLite the ON CONFLICT belongs to the INSERT, not to the SELECT's join.
  store
    .prepare(
      `INSERT INTO evidence_search (review_id, evidence_id, text) SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?) WHERE true
       ON CONFLICT(evidence_id) DO UPDATE SET text = excluded.text WHERE evidence_search.text != excluded.text`,
    )
    .run(JSON.stringify(live));
}

/** When a Word or PDF attachment's text has been read, re-index every item that holds it. */
function indexAttachmentTextLater(store: Store, files: Array<{ stored: StoredFile }>): void {
  readAttachmentTextLater(
    store,
    files.map((f) => f.stored),
  );
}

/** Reads the text of stored Word and PDF files in the background (e.g. ones a bundle brought) and indexes the items holding them. */
export function readAttachmentTextLater(store: Store, files: StoredFile[]): void {
  extractLater(store, files, (sha256) => {
    const holders = store.prepare('SELECT DISTINCT evidence_id FROM evidence_attachments WHERE sha256 = ? AND deleted = 0').all(sha256) as Array<{ evidence_id: string }>;
    store.db.transaction(() =>
      indexEvidenceItems(
        store,
        holders.map((h) => h.evidence_id),
      ),
    )();
  });
}

/** Stores every file first (checked, hashed); nothing is written to the database if one fails. */
async function storeAll(store: Store, attachments: Array<{ name: string; dataBase64: string }>): Promise<Array<{ name: string; stored: StoredFile }>> {
  const stored: Array<{ name: string; stored: StoredFile }> = [];
  for (const attachment of attachments) stored.push({ name: attachment.name, stored: await storeFile(store, attachment.name, Buffer.from(attachment.dataBase64, 'base64')) });
  return stored;
}

function checkReferences(store: Store, reviewId: string, fields: { sourceOrganisationId?: string | null; collectedBy?: string | null; evidenceCategoryId?: string | null }): void {
  if (fields.sourceOrganisationId) assertInReview(store, 'organisations', [fields.sourceOrganisationId], reviewId, 'sourceOrganisationId');
  if (fields.collectedBy) assertInReview(store, 'team_members', [fields.collectedBy], reviewId, 'collectedBy');
  if (fields.evidenceCategoryId) {
    assertInReview(store, 'framework_items', [fields.evidenceCategoryId], reviewId, 'evidenceCategoryId');
    const kind = (store.prepare('SELECT kind FROM framework_items WHERE id = ?').get(fields.evidenceCategoryId) as { kind: string }).kind;
    if (kind !== 'evidence_category')
      throw new FieldbookError('invalid_input', "That is not one of the review's evidence categories.", [{ field: 'evidenceCategoryId', message: 'Not an evidence category' }]);
  }
}

export async function addEvidence(
  store: Store,
  request: {
    reviewId: string;
    kind: EvidenceKind;
    title: string;
    summary: string;
    sourceOrganisationId: string | null;
    date: string | null;
    collectedBy: string | null;
    sensitivity: Sensitivity;
    evidenceCategoryId: string | null;
    links: Link[];
    attachments: Array<{ name: string; dataBase64: string }>;
  },
): Promise<EvidenceItem> {
  if (!findReview(store, request.reviewId)) throw notFound('That review does not exist on this laptop.');
  const files = await storeAll(store, request.attachments);
  const id = newId();
  store.write((stamp) => {
    checkReferences(store, request.reviewId, request);
    // The next number after every item ever logged, removed ones included: codes are never reused.
    const next = (store.prepare('SELECT coalesce(max(ref_number), 0) + 1 AS n FROM evidence WHERE review_id = ?').get(request.reviewId) as { n: number }).n;
    store
      .prepare(
        `INSERT INTO evidence (id, review_id, ref_number, kind, title, summary, source_organisation_id, evidence_date, collected_by, sensitivity, evidence_category_id, hlc, updated_by, updated_device)
         VALUES (@id, @review_id, @ref_number, @kind, @title, @summary, @source, @date, @collected_by, @sensitivity, @category, @hlc, @updated_by, @updated_device)`,
      )
      .run({
        id,
        review_id: request.reviewId,
        ref_number: next,
        kind: request.kind,
        title: request.title,
        summary: request.summary,
        source: request.sourceOrganisationId,
        date: request.date,
        collected_by: request.collectedBy,
        sensitivity: request.sensitivity,
        category: request.evidenceCategoryId,
        ...syncValues(stamp),
      });
    replaceLinks(store, stamp, id, request.reviewId, request.links);
    attach(store, stamp, id, files);
    indexEvidence(store, id);
  });
  indexAttachmentTextLater(store, files);
  return oneEvidence(store, id);
}

function reviewOf(store: Store, evidenceId: string): string {
  const row = store.prepare('SELECT review_id FROM evidence WHERE id = ? AND deleted = 0').get(evidenceId) as { review_id: string } | undefined;
  if (!row) throw notFound('That evidence item does not exist (it may have been removed).');
  return row.review_id;
}

function attachmentRecord(store: Store, attachmentId: string): { sha256: string; name: string; mediaType: string } {
  const row = store
    .prepare('SELECT a.sha256, a.original_name, f.media_type FROM evidence_attachments a JOIN attachment_files f ON f.sha256 = a.sha256 WHERE a.id = ? AND a.deleted = 0')
    .get(attachmentId) as { sha256: string; original_name: string; media_type: string } | undefined;
  if (!row) throw notFound('That attachment does not exist.');
  const state = fileState(store, row.sha256);
  if (state !== 'ok')
    throw new FieldbookError(
      'storage',
      `The stored copy of "${row.original_name}" is ${state === 'missing' ? 'missing' : 'altered (its content no longer matches what was attached)'}. Restore the attachments folder from a backup or attach the file again.`,
    );
  return { sha256: row.sha256, name: row.original_name, mediaType: row.media_type };
}

export const evidenceHandlers: Handlers<
  'listEvidence' | 'addEvidence' | 'updateEvidence' | 'setEvidenceLinks' | 'addAttachments' | 'removeEvidence' | 'checkAttachments' | 'readAttachment' | 'openAttachment'
> = {
  listEvidence: ({ reviewId }, { store }) => {
    if (!findReview(store, reviewId)) throw notFound('That review does not exist on this laptop.');
    return loadEvidence(store, reviewId);
  },

  addEvidence: (request, { store }) => addEvidence(store, request),

  updateEvidence: ({ evidenceId, ...changes }, { store }) => {
    store.write((stamp) => {
      checkReferences(store, reviewOf(store, evidenceId), changes);
      const columns: Record<string, string | null> = {};
      if (changes.kind !== undefined) columns.kind = changes.kind;
      if (changes.title !== undefined) columns.title = changes.title;
      if (changes.summary !== undefined) columns.summary = changes.summary;
      if (changes.sourceOrganisationId !== undefined) columns.source_organisation_id = changes.sourceOrganisationId;
      if (changes.date !== undefined) columns.evidence_date = changes.date;
      if (changes.collectedBy !== undefined) columns.collected_by = changes.collectedBy;
      if (changes.sensitivity !== undefined) columns.sensitivity = changes.sensitivity;
      if (changes.evidenceCategoryId !== undefined) columns.evidence_category_id = changes.evidenceCategoryId;
      if (Object.keys(columns).length > 0) updateRow(store, 'evidence', evidenceId, columns, stamp);
      indexEvidence(store, evidenceId);
    });
    return oneEvidence(store, evidenceId);
  },

  setEvidenceLinks: ({ evidenceId, links }, { store }) => {
    store.write((stamp) => replaceLinks(store, stamp, evidenceId, reviewOf(store, evidenceId), links));
    return oneEvidence(store, evidenceId);
  },

  addAttachments: async ({ evidenceId, attachments }, { store }) => {
    reviewOf(store, evidenceId);
    const files = await storeAll(store, attachments);
    store.write((stamp) => {
      attach(store, stamp, evidenceId, files);
      indexEvidence(store, evidenceId);
    });
    indexAttachmentTextLater(store, files);
    return oneEvidence(store, evidenceId);
  },

  removeEvidence: ({ evidenceId }, { store }) =>
    store.write((stamp) => {
      reviewOf(store, evidenceId);
      setDeleted(store, 'evidence', evidenceId, true, stamp);
      indexEvidence(store, evidenceId);
      return { removed: true as const };
    }),

  checkAttachments: ({ reviewId }, { store }) => {
    const rows = store
      .prepare(
        'SELECT e.ref_number, a.id, a.original_name, a.sha256 FROM evidence_attachments a JOIN evidence e ON e.id = a.evidence_id WHERE e.review_id = ? AND e.deleted = 0 AND a.deleted = 0 ORDER BY e.ref_number',
      )
      .all(reviewId) as Array<{ ref_number: number; id: string; original_name: string; sha256: string }>;
    return rows.flatMap((row) => {
      const state = fileState(store, row.sha256);
      return state === 'ok' ? [] : [{ evidenceCode: referenceCode(row.ref_number), attachmentId: row.id, originalName: row.original_name, state }];
    });
  },

  readAttachment: ({ attachmentId }, { store }) => {
    const record = attachmentRecord(store, attachmentId);
    return { name: record.name, mediaType: record.mediaType, dataBase64: readStoredFile(store, record.sha256).toString('base64') };
  },

  openAttachment: ({ attachmentId }, context: AppContext) => {
    const record = attachmentRecord(context.store, attachmentId);
    if (!context.openFile) return { opened: false, refused: null };
    const bytes = readStoredFile(context.store, record.sha256);
    const openable = openableName(record.name, bytes);
    // Anything the rules would not accept today is never handed to the system: it may only be saved.
    if ('refused' in openable) return { opened: false, refused: `Fieldbook will not open this file: ${openable.refused} Save a copy and check it before opening it.` };
    context.openFile(bytes, openable.name);
    return { opened: true, refused: null };
  },
};
