import { plainText, type FindingNode } from '../../../shared/findings/doc';
import { docWordCount, tagAnchors, textBlocks, type NoteNode } from '../../../shared/sessions/notes-doc';
import { reindexTagKloes, type TagRow } from '../sessions/tags-table';
import type { Store } from '../../store/store';
import { indexEvidenceItems } from '../evidence/evidence';
import { indexCitations } from '../findings/findings';
import { syncBlocks } from '../sessions/notes';

/** Records a merge changed, by what has to be rebuilt from them. */
export interface Touched {
  sessions: Set<string>;
  tags: Set<string>;
  findings: Set<string>;
  evidence: Set<string>;
  texts: Set<string>;
}

export function emptyTouched(): Touched {
  return { sessions: new Set(), tags: new Set(), findings: new Set(), evidence: new Set(), texts: new Set() };
}

export function touch(touched: Touched, table: string, data: Record<string, unknown>): void {
  const id = String(data.id);
  if (table === 'sessions') touched.sessions.add(id);
  else if (table === 'tags') touched.tags.add(id);
  else if (table === 'findings') touched.findings.add(id);
  else if (table === 'evidence') touched.evidence.add(id);
  else if (table === 'evidence_attachments') touched.evidence.add(String(data.evidence_id));
  else if (table === 'item_summaries' || table === 'report_texts') touched.texts.add(`${table}:${id}`);
}

/**
 * Brings everything derived from merged records up to date: search rows, where each tag sits in
 * the merged notes, the KLOE index of tags, findings' citation index and the plain text of
 * documents. These follow from the records, so they are rewritten without a new stamp: they are
 * not anyone's change.
 */
export function rebuildDerived(store: Store, touched: Touched): void {
  for (const sessionId of touched.sessions) {
    const session = store.prepare('SELECT review_id, notes_doc, word_count FROM sessions WHERE id = ?').get(sessionId) as
      { review_id: string; notes_doc: string; word_count: number } | undefined;
    if (!session) continue;
    const doc = JSON.parse(session.notes_doc) as NoteNode;
    syncBlocks(store, sessionId, session.review_id, textBlocks(doc));
    const words = docWordCount(doc);
    if (words !== session.word_count) store.prepare('UPDATE sessions SET word_count = ? WHERE id = ?').run(words, sessionId);
    const anchors = tagAnchors(doc);
    for (const tag of store.prepare('SELECT * FROM tags WHERE session_id = ?').all(sessionId) as TagRow[]) {
      const anchor = anchors.get(tag.id);
      if (!anchor) {
        if (tag.orphaned === 0) {
          store.prepare('UPDATE tags SET orphaned = 1 WHERE id = ?').run(tag.id);
          touched.tags.add(tag.id); // its KLOE index goes with its words
        }
        continue;
      }
      if (tag.orphaned !== 0) touched.tags.add(tag.id);
      // Most tags arrive already where the merged notes put them: rewriting them all would cost a
      // whole review's tags on every full import.
      const moved =
        tag.orphaned !== 0 ||
        tag.block_id !== anchor.blockId ||
        tag.start_offset !== anchor.start ||
        tag.end_offset !== anchor.end ||
        tag.quote !== anchor.text ||
        tag.doc_order !== anchor.order;
      if (!moved) continue;
      store
        .prepare('UPDATE tags SET orphaned = 0, block_id = ?, start_offset = ?, end_offset = ?, quote = ?, doc_order = ? WHERE id = ?')
        .run(anchor.blockId, anchor.start, anchor.end, anchor.text, anchor.order, tag.id);
    }
  }
  reindexTagKloes(store, touched.tags);
  for (const findingId of touched.findings) {
    const finding = store.prepare('SELECT review_id, body, body_text, deleted FROM findings WHERE id = ?').get(findingId) as
      { review_id: string; body: string; body_text: string; deleted: number } | undefined;
    if (!finding) continue;
    const doc = JSON.parse(finding.body) as FindingNode;
    indexCitations(store, findingId, finding.review_id, doc);
    const text = plainText(doc);
    if (text !== finding.body_text) store.prepare('UPDATE findings SET body_text = ? WHERE id = ?').run(text, findingId);
  }
  indexEvidenceItems(store, touched.evidence);
  for (const key of touched.texts) {
    const [table, id] = key.split(':') as ['item_summaries' | 'report_texts', string];
    const row = store.prepare(`SELECT body, body_text FROM ${table} WHERE id = ?`).get(id) as { body: string; body_text: string } | undefined;
    if (!row) continue;
    const text = plainText(JSON.parse(row.body) as FindingNode);
    if (text !== row.body_text) store.prepare(`UPDATE ${table} SET body_text = ? WHERE id = ?`).run(text, id);
  }
}
