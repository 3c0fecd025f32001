import { z } from 'zod';
import { call, id } from '../api/call';

/** Calls for searching a review: its notes, or notes and evidence together. */

export const SearchHit = z.object({
  sessionId: z.string(),
  sessionTitle: z.string(),
  blockId: z.string(),
  /** The snippet as pieces, `hit` marking the matched words (never HTML). */
  snippet: z.array(z.object({ text: z.string(), hit: z.boolean() })),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchAllHit = z.object({
  kind: z.enum(['note', 'evidence']),
  id: z.string(),
  title: z.string(),
  /** Session id for notes; evidence id for evidence. */
  targetId: z.string(),
  blockId: z.string().nullable(),
  snippet: z.array(z.object({ text: z.string(), hit: z.boolean() })),
});
export type SearchAllHit = z.infer<typeof SearchAllHit>;

export const searchCalls = {
  searchNotes: call(
    z.object({ reviewId: id('Review'), query: z.string().trim().min(1, 'Type something to search for').max(200), limit: z.number().int().min(1).max(200).default(50) }),
    z.array(SearchHit),
    'Full-text search over all notes of a review',
  ),
  searchAll: call(
    z.object({
      reviewId: id('Review'),
      query: z.string().trim().min(1, 'Type something to search for').max(200),
      kinds: z
        .array(z.enum(['note', 'evidence']))
        .min(1)
        .default(['note', 'evidence']),
      kloeId: z.uuid().optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    z.array(SearchAllHit),
    'One search across notes and evidence (titles, summaries, attachment text), filtered by kind and KLOE',
  ),
} as const;
