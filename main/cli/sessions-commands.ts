import fs from 'node:fs';
import type { SearchHit } from '../../shared/sessions/contract';
import { PARTICIPANT_GROUP_LABELS, SESSION_KIND_LABELS, type SessionSummary } from '../../shared/sessions/domain';
import { FieldbookError, invalid } from '../../shared/errors';
import { generateReview, SCALES, type Scale } from '../services/sample-data/generate';
import { parse } from './args';
import type { Command } from './commands';

/** CLI commands for sessions and notes: list, search, import, and the scale generator. */
export const NOTES_COMMANDS: Command[] = [
  {
    name: 'sessions',
    summary: "List a review's sessions (REVIEW is its id or title)",
    usage: 'fieldbook sessions REVIEW [--db PATH] [--json]',
    run: async (args, runtime) => {
      const { positionals } = parse(args, {});
      const reviewId = await runtime.reviewId(positionals[0]);
      const sessions = (await runtime.call('listSessions', { reviewId })) as SessionSummary[];
      // Real names of participants never leave the app: only designations are listed.
      const rows = sessions.map((s) => ({
        id: s.id,
        title: s.title,
        kind: s.kind,
        held_at: s.heldAt,
        participants: s.participants.map((p) => ({ designation: p.designation, group: p.group, organisation_id: p.organisationId })),
        word_count: s.wordCount,
        tag_count: s.tagCount,
      }));
      runtime.print(rows, () =>
        rows.length === 0
          ? 'No sessions yet.'
          : rows.map((r) => `${r.id}  ${r.title}\n    ${SESSION_KIND_LABELS[r.kind]} · ${r.held_at?.replace('T', ' ') ?? 'no date'} · ${r.participants.map((p) => `${p.designation} (${PARTICIPANT_GROUP_LABELS[p.group]})`).join(', ') || 'no participants'} · ${r.word_count} words · ${r.tag_count} tags`).join('\n'),
      );
    },
  },
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
      const hits = (await runtime.call('searchNotes', { reviewId, query: words.join(' '), limit })) as SearchHit[];
      const rows = hits.map((hit) => ({
        session_id: hit.sessionId,
        session_title: hit.sessionTitle,
        block_id: hit.blockId,
        snippet: hit.snippet.map((piece) => piece.text).join(''),
        matches: hit.snippet.filter((piece) => piece.hit).map((piece) => piece.text),
      }));
      runtime.print(rows, () =>
        rows.length === 0 ? 'Nothing found.' : hits.map((hit) => `${hit.sessionTitle} (${hit.sessionId})\n    ${hit.snippet.map((piece) => (piece.hit ? `[${piece.text}]` : piece.text)).join('')}`).join('\n'),
      );
    },
  },
  {
    name: 'import notes',
    summary: 'Import notes from .txt, .md or .docx files, one session per file',
    usage: 'fieldbook import notes REVIEW FILE... [--db PATH] [--json]\n  Prints one line per file: the new session id, or why it was refused. Exit 1 if any was refused (the rest are imported).',
    run: async (args, runtime) => {
      const { positionals } = parse(args, {});
      const [reference, ...paths] = positionals;
      const reviewId = await runtime.reviewId(reference);
      if (paths.length === 0) throw invalid('Name at least one file to import.');
      const results: Array<{ file: string; session_id: string | null; error: string | null }> = [];
      const readable: Array<{ path: string; name: string; dataBase64: string }> = [];
      for (const file of paths) {
        try {
          const stat = fs.statSync(file);
          if (stat.isDirectory()) throw new Error('it is a folder');
          if (stat.size > 20 * 1024 * 1024) throw new Error(`over 20 MB (${(stat.size / 1024 / 1024).toFixed(1)} MB)`);
          readable.push({ path: file, name: file, dataBase64: fs.readFileSync(file).toString('base64') });
        } catch (error) {
          const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
          results.push({ file, session_id: null, error: `cannot read the file (${reason})` });
        }
      }
      if (readable.length > 0) {
        const imported = (await runtime.call('importNotes', { reviewId, files: readable.map(({ name, dataBase64 }) => ({ name, dataBase64 })) })) as Array<{ name: string; sessionId: string | null; error: string | null }>;
        for (const result of imported) results.push({ file: result.name, session_id: result.sessionId, error: result.error });
      }
      const ordered = paths.map((file) => results.find((r) => r.file === file) ?? { file, session_id: null, error: 'not imported' });
      runtime.print(ordered, () => ordered.map((r) => (r.session_id ? `${r.file}: imported as session ${r.session_id}` : `${r.file}: refused: ${r.error}`)).join('\n'));
      if (ordered.some((r) => !r.session_id)) runtime.exitCode = 1;
    },
  },
  {
    name: 'generate',
    summary: 'Generate a deterministic review at scale S, M or L (L: 300 sessions, ~1M words, ~20,000 tags, 5,000 evidence items, 100,000 audit answers)',
    usage: 'fieldbook generate --scale S|M|L --db PATH [--json]',
    run: async (args, runtime) => {
      const { values } = parse(args, { scale: { type: 'string' } });
      const scale = (values.scale ?? '').toUpperCase();
      if (!Object.hasOwn(SCALES, scale)) throw invalid('--scale must be S, M or L.');
      if (!runtime.explicitDatabase) throw new FieldbookError('invalid_input', 'generate needs --db PATH, so it never fills your real database with made-up notes.');
      const started = Date.now();
      const result = await generateReview(runtime.store(), scale as Scale, (done, total) => {
        if (done % 25 === 0 || done === total) runtime.info(`  ${done}/${total} sessions`);
      });
      runtime.print({ ...result, seconds: (Date.now() - started) / 1000 }, () => `Generated review ${result.reviewId}: ${result.sessions} sessions, ${result.words.toLocaleString('en-GB')} words, ${result.tags.toLocaleString('en-GB')} tags, ${result.evidence.toLocaleString('en-GB')} evidence items (${result.attachments} with attachments), ${result.respondents.toLocaleString('en-GB')} audit respondents with ${result.answers.toLocaleString('en-GB')} answers, ${result.indicatorValues} indicator values, ${result.actions} actions, ${result.findings} findings in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    },
  },
];
