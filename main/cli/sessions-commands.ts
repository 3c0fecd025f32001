import fs from 'node:fs';
import { PARTICIPANT_GROUP_LABELS, SESSION_KIND_LABELS } from '../../shared/sessions/domain';
import { invalid } from '../../shared/errors';
import { parse } from './args';
import type { Command } from './commands';

/** CLI commands for sessions and their notes: list them, import notes from files. */
export const SESSIONS_COMMANDS: Command[] = [
  {
    name: 'sessions',
    summary: "List a review's sessions (REVIEW is its id or title)",
    usage: 'fieldbook sessions REVIEW [--db PATH] [--json]',
    run: async (args, runtime) => {
      const { positionals } = parse(args, {});
      const reviewId = await runtime.reviewId(positionals[0]);
      const sessions = await runtime.call('listSessions', { reviewId });
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
          : rows
              .map(
                (r) =>
                  `${r.id}  ${r.title}\n    ${SESSION_KIND_LABELS[r.kind]} · ${r.held_at?.replace('T', ' ') ?? 'no date'} · ${r.participants.map((p) => `${p.designation} (${PARTICIPANT_GROUP_LABELS[p.group]})`).join(', ') || 'no participants'} · ${r.word_count} words · ${r.tag_count} tags`,
              )
              .join('\n'),
      );
    },
  },
  {
    name: 'import notes',
    summary: 'Import notes from .txt, .md or .docx files, one session per file',
    usage:
      'fieldbook import notes REVIEW FILE... [--db PATH] [--json]\n  Prints one line per file: the new session id, or why it was refused. Exit 1 if any was refused (the rest are imported).',
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
        const imported = await runtime.call('importNotes', { reviewId, files: readable.map(({ name, dataBase64 }) => ({ name, dataBase64 })) });
        for (const result of imported) results.push({ file: result.name, session_id: result.sessionId, error: result.error });
      }
      const ordered = paths.map((file) => results.find((r) => r.file === file) ?? { file, session_id: null, error: 'not imported' });
      runtime.print(ordered, () => ordered.map((r) => (r.session_id ? `${r.file}: imported as session ${r.session_id}` : `${r.file}: refused: ${r.error}`)).join('\n'));
      if (ordered.some((r) => !r.session_id)) runtime.exitCode = 1;
    },
  },
];
