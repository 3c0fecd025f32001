import fs from 'node:fs';
import path from 'node:path';
import { MATRIX_COLUMNS } from '../../shared/evidence/contract';
import { EVIDENCE_KINDS } from '../../shared/evidence/domain';
import { STANCES, type Stance } from '../../shared/sessions/domain';
import { BAND_LABELS } from '../../shared/evidence/saf';
import { invalid } from '../../shared/errors';
import { parse } from './args';
import type { Command } from './commands';

/** CLI commands for the evidence log, the matrix and SAF scores. */
export const EVIDENCE_COMMANDS: Command[] = [
  {
    name: 'evidence add',
    summary: 'Log evidence; prints its reference code',
    usage: `fieldbook evidence add REVIEW --title T --kind K [--summary S] [--org SHORT] [--kloe CODE:STANCE]... [--file PATH]... [--db PATH] [--json]
  K: ${EVIDENCE_KINDS.join(', ')}
  STANCE: strength, concern or neutral (e.g. --kloe T3:concern)`,
    run: async (args, runtime) => {
      const { positionals, values } = parse(args, {
        title: { type: 'string' },
        kind: { type: 'string' },
        summary: { type: 'string' },
        org: { type: 'string' },
        kloe: { type: 'string', multiple: true },
        file: { type: 'string', multiple: true },
      });
      const reviewId = await runtime.reviewId(positionals[0]);
      if (!values.title) throw invalid('--title is required.');
      const normalised = (values.kind ?? '').toLowerCase().replace(/[\s-]+/g, '_');
      const kind = EVIDENCE_KINDS.find((k) => k === normalised);
      if (!kind) throw invalid(`--kind must be one of: ${EVIDENCE_KINDS.join(', ')}.`);
      const detail = await runtime.call('getReview', { reviewId });
      let sourceOrganisationId: string | null = null;
      if (values.org) {
        const org = detail.organisations.find((o) => o.shortName.toLowerCase() === values.org?.toLowerCase() || o.name.toLowerCase() === values.org?.toLowerCase());
        if (!org) throw invalid(`Unknown organisation "${values.org}". This review has: ${detail.organisations.map((o) => o.shortName).join(', ')}.`);
        sourceOrganisationId = org.id;
      }
      const links = (values.kloe ?? []).map((spec) => {
        const [code, stanceText = 'neutral'] = spec.split(':');
        const item = detail.framework.find((i) => i.code.toLowerCase() === (code ?? '').toLowerCase() && !i.retired);
        if (!item) throw invalid(`--kloe ${spec}: there is no KLOE with code "${code}" in this review.`);
        if (!(STANCES as readonly string[]).includes(stanceText)) throw invalid(`--kloe ${spec}: the stance must be strength, concern or neutral.`);
        return { kloeId: item.id, stance: stanceText as Stance };
      });
      const attachments = (values.file ?? []).map((file) => {
        let bytes: Buffer;
        try {
          const stat = fs.statSync(file);
          if (stat.isDirectory()) throw new Error('it is a folder');
          if (stat.size > 200 * 1024 * 1024) throw new Error(`it is ${(stat.size / 1024 / 1024).toFixed(0)} MB; attachments can be at most 200 MB`);
          bytes = fs.readFileSync(file);
        } catch (error) {
          throw invalid(`--file ${file}: cannot be read (${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}).`);
        }
        // Only the file's own name travels with it; the path it came from is never kept.
        return { name: path.basename(file), dataBase64: bytes.toString('base64') };
      });
      const item = await runtime.call('addEvidence', { reviewId, kind, title: values.title, summary: values.summary ?? '', sourceOrganisationId, links, attachments });
      runtime.print(item, () => item.code);
    },
  },
  {
    name: 'evidence list',
    summary: "List a review's evidence",
    usage: 'fieldbook evidence list REVIEW [--db PATH] [--json]',
    run: async (args, runtime) => {
      const { positionals } = parse(args, {});
      const reviewId = await runtime.reviewId(positionals[0]);
      const items = await runtime.call('listEvidence', { reviewId });
      const detail = await runtime.call('getReview', { reviewId });
      const code = new Map(detail.framework.map((i) => [i.id, i.code]));
      const rows = items.map((e) => ({
        code: e.code,
        id: e.id,
        kind: e.kind,
        title: e.title,
        summary: e.summary,
        source_organisation: detail.organisations.find((o) => o.id === e.sourceOrganisationId)?.shortName ?? null,
        date: e.date,
        sensitivity: e.sensitivity,
        kloes: e.links.map((l) => ({ code: code.get(l.kloeId) ?? null, stance: l.stance, weight: l.weight })),
        attachments: e.attachments.map((a) => ({ name: a.originalName, bytes: a.bytes, sha256: a.sha256 })),
      }));
      runtime.print(rows, () =>
        rows.length === 0
          ? 'No evidence yet.'
          : rows
              .map(
                (r) =>
                  `${r.code}  ${r.title} (${r.kind})${r.kloes.length ? ` · ${r.kloes.map((k) => `${k.code}:${k.stance}`).join(', ')}` : ''}${r.attachments.length ? ` · ${r.attachments.length} attachments` : ''}`,
              )
              .join('\n'),
      );
    },
  },
  {
    name: 'matrix',
    summary: 'The evidence matrix: per KLOE, counts by stance and by source, and flags',
    usage: 'fieldbook matrix REVIEW [--columns group|organisation|kind] [--db PATH] [--json]',
    run: async (args, runtime) => {
      const { positionals, values } = parse(args, { columns: { type: 'string', default: 'group' } });
      const reviewId = await runtime.reviewId(positionals[0]);
      const columns = MATRIX_COLUMNS.find((c) => c === values.columns);
      if (!columns) throw invalid('--columns must be group, organisation or kind.');
      const matrix = await runtime.call('getEvidenceMatrix', { reviewId, columns });
      const label = new Map(matrix.columns.map((c) => [c.key, c.label]));
      const rows = matrix.rows.map((r) => ({
        code: r.code,
        title: r.title,
        total: r.total.count,
        by_stance: { strength: r.total.strength, concern: r.total.concern, neutral: r.total.neutral },
        by_source: Object.fromEntries(Object.entries(r.cells).map(([key, cell]) => [label.get(key) ?? key, cell])),
        flags: r.flags,
      }));
      runtime.print(rows, () =>
        rows.map((r) => `${r.code.padEnd(10)} ${String(r.total).padStart(4)}  ▲${r.by_stance.strength} ▼${r.by_stance.concern}  ${r.flags.join(', ')}  ${r.title}`).join('\n'),
      );
    },
  },
  {
    name: 'scores',
    summary: 'SAF scores: per statement, per key question and overall, with bands',
    usage: 'fieldbook scores REVIEW [--db PATH] [--json]',
    run: async (args, runtime) => {
      const { positionals } = parse(args, {});
      const reviewId = await runtime.reviewId(positionals[0]);
      const scores = await runtime.call('getScores', { reviewId });
      const result = {
        statements: scores.statements.map((s) => ({ code: s.code, title: s.title, score: s.score, rationale: s.rationale })),
        key_questions: scores.groups.map((g) => ({
          code: g.code,
          title: g.title,
          percentage: g.rollUp.percentage,
          band: g.rollUp.band,
          scored: g.rollUp.scored,
          unscored: g.rollUp.unscored,
        })),
        overall: { percentage: scores.overall.percentage, band: scores.overall.band, scored: scores.overall.scored, unscored: scores.overall.unscored },
      };
      const text = (p: number | null, b: string | null) => (p === null ? 'not scored' : `${p}% ${BAND_LABELS[b as keyof typeof BAND_LABELS]}`);
      runtime.print(result, () =>
        [
          ...result.key_questions.map((k) => `${k.code.padEnd(6)} ${text(k.percentage, k.band)} (${k.scored} scored, ${k.unscored} not)`),
          `Overall ${text(result.overall.percentage, result.overall.band)}`,
        ].join('\n'),
      );
    },
  },
];
