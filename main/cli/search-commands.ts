import { invalid } from '../../shared/errors';
import { parse } from './args';
import type { Command } from './commands';

/** CLI commands for searching a review's notes. */
export const SEARCH_COMMANDS: Command[] = [
  {
    name: 'search',
    summary: "Search a review's notes (stemmed, prefix, accent-insensitive)",
    usage: 'fieldbook search REVIEW QUERY [--limit N] [--db PATH] [--json]',
    run: async (args, runtime) => {
      const { positionals, values } = parse(args, { limit: { type: 'string', default: '20' } });
      const [reference, ...words] = positionals;
      const reviewId = await runtime.reviewId(reference);
      const limit = Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw invalid('--limit must be a whole number from 1 to 200.');
      if (words.length === 0) throw invalid('Give something to search for, e.g. fieldbook search Oxfordshire "delayed discharge".');
      const hits = await runtime.call('searchNotes', { reviewId, query: words.join(' '), limit });
      const rows = hits.map((hit) => ({
        session_id: hit.sessionId,
        session_title: hit.sessionTitle,
        block_id: hit.blockId,
        snippet: hit.snippet.map((piece) => piece.text).join(''),
        matches: hit.snippet.filter((piece) => piece.hit).map((piece) => piece.text),
      }));
      runtime.print(rows, () =>
        rows.length === 0
          ? 'Nothing found.'
          : hits.map((hit) => `${hit.sessionTitle} (${hit.sessionId})\n    ${hit.snippet.map((piece) => (piece.hit ? `[${piece.text}]` : piece.text)).join('')}`).join('\n'),
      );
    },
  },
];
