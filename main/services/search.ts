import type { SearchHit } from '../../shared/api/sessions-contract';
import { notFound } from '../../shared/errors';
import { findReview } from '../store/repositories/reviews';
import type { Handlers } from './context';

const HIT_START = '\u0002';
const HIT_END = '\u0003';

/**
 * Turns what a reviewer types into an FTS5 query: every word must appear, each as a prefix (so
 * "discharg" finds "discharged"), stemmed by the porter tokenizer and accent-insensitive. Quotes
 * and operators typed by the user are treated as plain text, never as FTS syntax.
 */
export function ftsQuery(input: string): string | null {
  const words = input.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.map((word) => `"${word}"*`).join(' ');
}

export function snippetPieces(snippet: string): SearchHit['snippet'] {
  const pieces: SearchHit['snippet'] = [];
  for (const part of snippet.split(HIT_START)) {
    const [hit, rest] = part.includes(HIT_END) ? part.split(HIT_END) : [null, part];
    if (hit) pieces.push({ text: hit, hit: true });
    if (rest) pieces.push({ text: rest, hit: false });
  }
  return pieces;
}

export const searchHandlers: Handlers<'searchNotes'> = {
  searchNotes: ({ reviewId, query, limit }, { store }) => {
    if (!findReview(store, reviewId)) throw notFound('That review does not exist on this laptop.');
    const match = ftsQuery(query);
    if (!match) return [];
    const rows = store.db
      .prepare(
        `SELECT b.session_id, s.title, b.block_id, snippet(note_blocks_fts, 0, char(2), char(3), '…', 14) AS snip
         FROM note_blocks_fts
         JOIN note_blocks b ON b.rowid = note_blocks_fts.rowid
         JOIN sessions s ON s.id = b.session_id AND s.deleted = 0
         WHERE note_blocks_fts MATCH ? AND b.review_id = ?
         ORDER BY rank
         LIMIT ?`,
      )
      .all(match, reviewId, limit) as Array<{ session_id: string; title: string; block_id: string; snip: string }>;
    return rows.map((row) => ({ sessionId: row.session_id, sessionTitle: row.title, blockId: row.block_id, snippet: snippetPieces(row.snip) }));
  },
};
