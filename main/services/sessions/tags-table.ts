import type { Stance, Tag } from '../../../shared/sessions/domain';
import type { Stamp, Store } from '../../store/store';
import { stampOf, syncValues, type SyncColumns } from '../../store/rows';

export interface TagRow extends SyncColumns {
  id: string;
  review_id: string;
  session_id: string;
  stance: Stance;
  is_quote: number;
  comment: string;
  kloe_ids: string;
  quote: string;
  block_id: string | null;
  start_offset: number | null;
  end_offset: number | null;
  doc_order: number;
  orphaned: number;
  speaker_id: string | null;
}

export function insertTag(
  store: Store,
  stamp: Stamp,
  tag: {
    id: string;
    reviewId: string;
    sessionId: string;
    stance: Stance;
    isQuote: boolean;
    comment: string;
    kloeIds: string[];
    quote: string;
    blockId: string;
    start: number;
    end: number;
    order: number;
    speakerId: string | null;
  },
): void {
  store
    .prepare(
      `INSERT INTO tags (id, review_id, session_id, stance, is_quote, comment, kloe_ids, quote, block_id, start_offset, end_offset, doc_order, speaker_id, hlc, updated_by, updated_device)
       VALUES (@id, @review_id, @session_id, @stance, @is_quote, @comment, @kloe_ids, @quote, @block_id, @start, @end, @order, @speaker_id, @hlc, @updated_by, @updated_device)`,
    )
    .run({
      id: tag.id,
      review_id: tag.reviewId,
      session_id: tag.sessionId,
      stance: tag.stance,
      is_quote: tag.isQuote ? 1 : 0,
      comment: tag.comment,
      kloe_ids: JSON.stringify(tag.kloeIds),
      quote: tag.quote,
      block_id: tag.blockId,
      start: tag.start,
      end: tag.end,
      order: tag.order,
      speaker_id: tag.speakerId,
      ...syncValues(stamp),
    });
  setTagKloes(store, { id: tag.id, reviewId: tag.reviewId, sessionId: tag.sessionId, stance: tag.stance, speakerId: tag.speakerId }, tag.kloeIds);
}

/**
 * Keeps the tag_kloes index in step with a tag's KLOE list (and its review, session, stance).
 * Only a tag anchored in the notes is evidence: an orphaned or removed tag has no rows here, so
 * nothing that counts evidence can count it.
 */
export function setTagKloes(
  store: Store,
  tag: { id: string; reviewId: string; sessionId: string; stance: Stance; speakerId: string | null; orphaned?: boolean },
  kloeIds: string[],
): void {
  store.prepare('DELETE FROM tag_kloes WHERE tag_id = ?').run(tag.id);
  if (tag.orphaned) return;
  const insert = store.prepare('INSERT OR IGNORE INTO tag_kloes (tag_id, kloe_id, review_id, session_id, stance, speaker_id) VALUES (?, ?, ?, ?, ?, ?)');
  for (const kloeId of kloeIds) insert.run(tag.id, kloeId, tag.reviewId, tag.sessionId, tag.stance, tag.speakerId);
}

/**
 * The KLOE index of many tags at once, from their rows as they now are: what setTagKloes does for
 * one tag, in two statements. A merge re-indexes a whole review's tags (20,000 on the scale-L
 * review) and one tag at a time cost 175 ms of it; this costs a fifth of that.
 */
export function reindexTagKloes(store: Store, tagIds: Iterable<string>): void {
  const ids = JSON.stringify([...tagIds]);
  if (ids === '[]') return;
  store.prepare('DELETE FROM tag_kloes WHERE tag_id IN (SELECT value FROM json_each(?))').run(ids);
  store
    .prepare(
      `INSERT OR IGNORE INTO tag_kloes (tag_id, kloe_id, review_id, session_id, stance, speaker_id)
       SELECT t.id, k.value, t.review_id, t.session_id, t.stance, t.speaker_id FROM json_each(?) i JOIN tags t ON t.id = i.value, json_each(t.kloe_ids) k
       WHERE t.deleted = 0 AND t.orphaned = 0`,
    )
    .run(ids);
}

/** A tag row's fields as setTagKloes takes them. */
export const tagIndexOf = (row: TagRow) => ({
  id: row.id,
  reviewId: row.review_id,
  sessionId: row.session_id,
  stance: row.stance,
  speakerId: row.speaker_id,
  orphaned: row.orphaned === 1,
});

export function sessionTagRows(store: Store, sessionId: string): TagRow[] {
  return store.prepare('SELECT * FROM tags WHERE session_id = ? AND deleted = 0 ORDER BY orphaned, doc_order, id').all(sessionId) as TagRow[];
}

export function findTagRow(store: Store, tagId: string): TagRow | null {
  return (store.prepare('SELECT * FROM tags WHERE id = ? AND deleted = 0').get(tagId) as TagRow | undefined) ?? null;
}

export function toTag(store: Store, row: TagRow): Tag {
  return {
    id: row.id,
    sessionId: row.session_id,
    kloeIds: JSON.parse(row.kloe_ids) as string[],
    stance: row.stance,
    isQuote: row.is_quote === 1,
    comment: row.comment,
    quote: row.quote,
    blockId: row.block_id,
    startOffset: row.start_offset,
    endOffset: row.end_offset,
    orphaned: row.orphaned === 1,
    speakerId: row.speaker_id,
    ...stampOf(store, row),
  };
}
