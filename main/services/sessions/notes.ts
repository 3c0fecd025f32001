import type { NotesSaved } from '../../../shared/sessions/contract';
import { docWordCount, tagAnchors, textBlocks, type NoteNode } from '../../../shared/sessions/notes-doc';
import { invalid, notFound } from '../../../shared/errors';
import { setDeleted, updateRow } from '../../store/rows';
import { sessionNotes } from './sessions-table';
import { findTagRow, insertTag, sessionTagRows, setTagKloes, tagIndexOf, toTag, type TagRow } from './tags-table';
import { stampTime, type Stamp, type Store } from '../../store/store';
import type { Handlers } from '../../platform/context';
import { assertInReview } from '../reviews/membership';

/**
 * Saves a session's notes and brings everything derived from them up to date, in the caller's
 * transaction: the searchable text blocks (only those that changed) and where each tag now sits.
 * A tag whose mark is no longer in the notes becomes an orphaned quote: kept, with its words.
 */
export function writeNotes(store: Store, stamp: Stamp, sessionId: string, reviewId: string, doc: NoteNode): { tags: TagRow[]; wordCount: number } {
  const blocks = textBlocks(doc);
  const seenIds = new Set<string>();
  for (const block of blocks) {
    if (seenIds.has(block.blockId)) throw invalid(`The notes hold two paragraphs with the same id (${block.blockId}); reload the session and try again.`);
    seenIds.add(block.blockId);
  }
  syncBlocks(store, sessionId, reviewId, blocks);

  const anchors = tagAnchors(doc);
  const tags = sessionTagRows(store, sessionId).map((row): TagRow => {
    const anchor = anchors.get(row.id);
    const stamped = { hlc: stamp.hlc, updated_by: stamp.updatedBy, updated_device: stamp.device };
    if (!anchor) {
      if (row.orphaned === 1) return row;
      updateRow(store, 'tags', row.id, { orphaned: 1 }, stamp);
      // Its words are gone: it stops counting as evidence at once.
      store.prepare('DELETE FROM tag_kloes WHERE tag_id = ?').run(row.id);
      return { ...row, ...stamped, orphaned: 1 };
    }
    const moved =
      row.orphaned === 1 ||
      row.block_id !== anchor.blockId ||
      row.start_offset !== anchor.start ||
      row.end_offset !== anchor.end ||
      row.quote !== anchor.text ||
      row.doc_order !== anchor.order;
    if (!moved) return row;
    const columns = { orphaned: 0, block_id: anchor.blockId, start_offset: anchor.start, end_offset: anchor.end, quote: anchor.text, doc_order: anchor.order };
    updateRow(store, 'tags', row.id, columns, stamp);
    if (row.orphaned === 1) setTagKloes(store, tagIndexOf({ ...row, orphaned: 0 }), JSON.parse(row.kloe_ids) as string[]);
    return { ...row, ...stamped, ...columns };
  });
  tags.sort((a, b) => a.orphaned - b.orphaned || a.doc_order - b.doc_order || a.id.localeCompare(b.id));
  const wordCount = docWordCount(doc);
  updateRow(store, 'sessions', sessionId, { notes_doc: JSON.stringify(doc), word_count: wordCount }, stamp);
  return { tags, wordCount };
}

/**
 * Updates the search rows of a session to match its blocks, touching only what changed. New
 * blocks go in with one statement: the full-text index writes what it has been given at the end
 * of every statement, so a block at a time made a whole review's merge (13,000 blocks) take
 * 1.3 s in the index instead of 0.4 s.
 */
export function syncBlocks(store: Store, sessionId: string, reviewId: string, blocks: ReturnType<typeof textBlocks>): void {
  const existing = new Map(
    (store.prepare('SELECT block_id, position, text FROM note_blocks WHERE session_id = ?').all(sessionId) as Array<{ block_id: string; position: number; text: string }>).map(
      (row) => [row.block_id, row],
    ),
  );
  const added: Array<[string, number, string]> = [];
  const updateText = store.prepare('UPDATE note_blocks SET text = ?, position = ? WHERE session_id = ? AND block_id = ?');
  const updatePosition = store.prepare('UPDATE note_blocks SET position = ? WHERE session_id = ? AND block_id = ?');
  for (const block of blocks) {
    const before = existing.get(block.blockId);
    existing.delete(block.blockId);
    if (!before) added.push([block.blockId, block.position, block.text]);
    else if (before.text !== block.text) updateText.run(block.text, block.position, sessionId, block.blockId);
    else if (before.position !== block.position) updatePosition.run(block.position, sessionId, block.blockId);
  }
  const remove = store.prepare('DELETE FROM note_blocks WHERE session_id = ? AND block_id = ?');
  for (const gone of existing.keys()) remove.run(sessionId, gone);
  if (added.length === 0) return;
  store
    .prepare('INSERT INTO note_blocks (review_id, session_id, block_id, position, text) SELECT ?, ?, value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)')
    .run(reviewId, sessionId, JSON.stringify(added));
}

function savedResult(store: Store, written: { tags: TagRow[]; wordCount: number }, stamp: Stamp): NotesSaved {
  return { wordCount: written.wordCount, savedAt: stampTime(stamp.hlc), tags: written.tags.map((tag) => toTag(store, tag)) };
}

/**
 * Who said a tagged passage. Unless given, the session's only participant; with several (or
 * none) it is "not recorded" until someone chooses, never silently the first. A given speaker
 * must be a participant of the tag's own session.
 */
function speakerFor(store: Store, sessionId: string, speakerId: string | null | undefined): string | null {
  const participants = (store.prepare('SELECT id FROM participants WHERE session_id = ? AND deleted = 0').all(sessionId) as Array<{ id: string }>).map((p) => p.id);
  if (speakerId === undefined) return participants.length === 1 ? (participants[0] ?? null) : null;
  if (speakerId !== null && !participants.includes(speakerId))
    throw invalid("That speaker is not one of this session's participants.", [{ field: 'speakerId', message: 'Not a participant of this session' }]);
  return speakerId;
}

function liveSession(store: Store, sessionId: string): string {
  const notes = sessionNotes(store, sessionId);
  if (!notes) throw notFound('That session does not exist (it may have been removed). Your notes are still in the editor: copy them somewhere safe.');
  return notes.reviewId;
}

export const notesHandlers: Handlers<'saveNotes' | 'createTag' | 'updateTag' | 'deleteTag'> = {
  saveNotes: ({ sessionId, doc }, { store }) =>
    store.write((stamp) => {
      return savedResult(store, writeNotes(store, stamp, sessionId, liveSession(store, sessionId), doc), stamp);
    }),

  createTag: ({ sessionId, doc, tag }, { store }) =>
    store.write((stamp) => {
      const reviewId = liveSession(store, sessionId);
      assertInReview(store, 'framework_items', tag.kloeIds, reviewId, 'tag.kloeIds');
      const anchor = tagAnchors(doc).get(tag.id);
      if (!anchor || anchor.text.trim() === '') throw invalid('Select the words to tag first.', [{ field: 'doc', message: 'No passage is marked with this tag' }]);
      if (findTagRow(store, tag.id)) throw invalid('That tag already exists.');
      const speakerId = speakerFor(store, sessionId, tag.speakerId);
      insertTag(store, stamp, { ...tag, speakerId, reviewId, sessionId, quote: anchor.text, blockId: anchor.blockId, start: anchor.start, end: anchor.end, order: anchor.order });
      return savedResult(store, writeNotes(store, stamp, sessionId, reviewId, doc), stamp);
    }),

  updateTag: ({ tagId, ...changes }, { store }) =>
    store.write((stamp) => {
      const row = findTagRow(store, tagId);
      if (!row) throw notFound('That tag no longer exists.');
      const columns: Record<string, string | number | null> = {};
      const speakerId = changes.speakerId === undefined ? row.speaker_id : speakerFor(store, row.session_id, changes.speakerId);
      if (changes.speakerId !== undefined) columns.speaker_id = speakerId;
      if (changes.kloeIds || changes.speakerId !== undefined) {
        const kloeIds = changes.kloeIds ?? (JSON.parse(row.kloe_ids) as string[]);
        if (changes.kloeIds) {
          assertInReview(store, 'framework_items', changes.kloeIds, row.review_id, 'kloeIds');
          columns.kloe_ids = JSON.stringify(changes.kloeIds);
        }
        setTagKloes(store, { ...tagIndexOf(row), stance: changes.stance ?? row.stance, speakerId }, kloeIds);
      }
      if (changes.stance !== undefined) {
        columns.stance = changes.stance;
        store.prepare('UPDATE tag_kloes SET stance = ? WHERE tag_id = ?').run(changes.stance, tagId);
      }
      if (changes.isQuote !== undefined) columns.is_quote = changes.isQuote ? 1 : 0;
      if (changes.comment !== undefined) columns.comment = changes.comment;
      if (Object.keys(columns).length > 0) updateRow(store, 'tags', tagId, columns, stamp);
      const updated = findTagRow(store, tagId);
      if (!updated) throw notFound('That tag no longer exists.');
      return toTag(store, updated);
    }),

  deleteTag: ({ tagId }, { store }) =>
    store.write((stamp) => {
      setDeleted(store, 'tags', tagId, true, stamp);
      store.prepare('DELETE FROM tag_kloes WHERE tag_id = ?').run(tagId);
      return { deleted: true as const };
    }),
};
