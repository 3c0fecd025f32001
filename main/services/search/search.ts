import type { SearchAllHit } from '../../../shared/search/contract';
import type { SearchHit } from '../../../shared/search/contract';
import { referenceCode } from '../../../shared/evidence/domain';
import { notFound } from '../../../shared/errors';
import { findReview } from '../reviews/reviews-table';
import type { Handlers } from '../../platform/context';

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
    const rows = store
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

/**
 * One search across notes and evidence. Each kind is searched in its own index and the best hits
 * of both are merged by rank; a KLOE narrows notes to tagged paragraphs of that KLOE and evidence
 * to items linked to it.
 */
export const searchAllHandlers: Handlers<'searchAll'> = {
  searchAll: ({ reviewId, query, kinds, kloeId, limit }, { store }) => {
    if (!findReview(store, reviewId)) throw notFound('That review does not exist on this laptop.');
    const match = ftsQuery(query);
    if (!match) return [];
    const hits: Array<SearchAllHit & { rank: number }> = [];
    if (kinds.includes('note')) {
      const kloeFilter = kloeId
        ? 'AND EXISTS (SELECT 1 FROM tags t JOIN tag_kloes k ON k.tag_id = t.id WHERE t.session_id = b.session_id AND t.block_id = b.block_id AND t.deleted = 0 AND k.kloe_id = @kloe)'
        : '';
      const rows = store
        .prepare(
          `SELECT b.session_id, s.title, b.block_id, snippet(note_blocks_fts, 0, char(2), char(3), '…', 14) AS snip, rank
           FROM note_blocks_fts JOIN note_blocks b ON b.rowid = note_blocks_fts.rowid JOIN sessions s ON s.id = b.session_id AND s.deleted = 0
           WHERE note_blocks_fts MATCH @match AND b.review_id = @review ${kloeFilter}
           ORDER BY rank LIMIT @limit`,
        )
        .all({ match, review: reviewId, limit, ...(kloeId ? { kloe: kloeId } : {}) }) as Array<{ session_id: string; title: string; block_id: string; snip: string; rank: number }>;
      for (const row of rows)
        hits.push({
          kind: 'note',
          id: `${row.session_id}:${row.block_id}`,
          title: row.title,
          targetId: row.session_id,
          blockId: row.block_id,
          snippet: snippetPieces(row.snip),
          rank: row.rank,
        });
    }
    if (kinds.includes('evidence')) {
      const kloeFilter = kloeId ? 'AND EXISTS (SELECT 1 FROM evidence_links l WHERE l.evidence_id = e.id AND l.deleted = 0 AND l.kloe_id = @kloe)' : '';
      const rows = store
        .prepare(
          `SELECT e.id, e.ref_number, e.title, snippet(evidence_search_fts, 0, char(2), char(3), '…', 14) AS snip, rank
           FROM evidence_search_fts JOIN evidence_search x ON x.rowid = evidence_search_fts.rowid JOIN evidence e ON e.id = x.evidence_id AND e.deleted = 0
           WHERE evidence_search_fts MATCH @match AND x.review_id = @review ${kloeFilter}
           ORDER BY rank LIMIT @limit`,
        )
        .all({ match, review: reviewId, limit, ...(kloeId ? { kloe: kloeId } : {}) }) as Array<{ id: string; ref_number: number; title: string; snip: string; rank: number }>;
      for (const row of rows)
        hits.push({
          kind: 'evidence',
          id: row.id,
          title: `${referenceCode(row.ref_number)} ${row.title}`,
          targetId: row.id,
          blockId: null,
          snippet: snippetPieces(row.snip),
          rank: row.rank,
        });
    }
    return hits
      .sort((a, b) => a.rank - b.rank)
      .slice(0, limit)
      .map(({ rank: _rank, ...hit }) => hit);
  },
};
