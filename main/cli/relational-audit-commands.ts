import { AUDIT_IMPORT_MAX_BYTES } from '../../shared/relational-audit/contract';
import { decodeCsv, readImportFile } from './import-file';
import { AUDIT_DOMAINS } from '../../shared/relational-audit/domain';
import { invalid } from '../../shared/errors';
import { parse } from './args';
import { writeChartFiles } from './chart-files';
import type { Command } from './commands';

/** CLI commands for the relational audit. */
export const RELATIONAL_AUDIT_COMMANDS: Command[] = [
  {
    name: 'import audit',
    summary: 'Import relational audit answers from a CSV file',
    usage: `fieldbook import audit REVIEW FILE [--skip-invalid] [--db PATH] [--json]
  Columns (header row, any order): respondent, organisation, role, about, statement, score, comment.
  The whole file is checked first: if any row is invalid nothing is imported and every invalid row
  is listed (exit 1); with --skip-invalid the valid rows are imported and the others listed.`,
    run: async (args, runtime) => {
      const { positionals, values } = parse(args, { 'skip-invalid': { type: 'boolean', default: false } });
      const [reference, file, ...rest] = positionals;
      if (rest.length > 0) throw invalid(`Import one file at a time (got "${rest[0]}" too).`);
      const reviewId = await runtime.reviewId(reference);
      if (!file) throw invalid('Name the CSV file to import.');
      const text = decodeCsv(file, readImportFile(file, AUDIT_IMPORT_MAX_BYTES, 'an audit import'));
      const result = await runtime.call('importAuditCsv', { reviewId, fileName: file, text, skipInvalid: values['skip-invalid'] });
      runtime.print(result, () => {
        const lines = result.invalid.map((row) => `${file}:${row.line}: ${row.reason}`);
        if (!result.imported)
          return [`${file}: nothing imported: ${result.invalid.length} of ${result.rows} rows are invalid (use --skip-invalid to import the rest)`, ...lines].join('\n');
        return [
          `${file}: ${result.rows - result.invalid.length} rows imported: ${result.answered} answers and ${result.notAnswered} not answered; ${result.respondentsAdded} new respondents; ${result.answersAdded} new, ${result.answersUpdated} updated, ${result.unchanged} unchanged`,
          ...(result.invalid.length ? [`${result.invalid.length} invalid rows skipped:`, ...lines] : []),
        ].join('\n');
      });
      if (result.invalid.length > 0) runtime.exitCode = 1;
    },
  },
  {
    name: 'audit questionnaire',
    summary: "The review's relational audit statements",
    usage: 'fieldbook audit questionnaire REVIEW [--db PATH] [--json]',
    run: async (args, runtime) => {
      const { positionals } = parse(args, {});
      const reviewId = await runtime.reviewId(positionals[0]);
      const statements = await runtime.call('getAuditQuestionnaire', { reviewId });
      const rows = statements.map((s) => ({ code: s.code, domain: s.domain, text: s.text, reversed: s.reversed, retired: s.retired }));
      runtime.print(rows, () =>
        rows.map((r) => `${r.code.padEnd(5)} ${r.domain.padEnd(13)} ${r.reversed ? '(reversed) ' : ''}${r.text}${r.retired ? ' [retired]' : ''}`).join('\n'),
      );
    },
  },
  {
    name: 'audit charts',
    summary: 'Write the audit heat map and domain bars as SVG and PNG files',
    usage: 'fieldbook audit charts REVIEW --out FOLDER [--domain all|directness|continuity|multiplexity|parity|commonality] [--db PATH] [--json]',
    run: async (args, runtime) => {
      const { positionals, values } = parse(args, { out: { type: 'string' }, domain: { type: 'string', default: 'all' } });
      const reviewId = await runtime.reviewId(positionals[0]);
      const domain = (['all', ...AUDIT_DOMAINS] as const).find((d) => d === values.domain);
      if (!domain) throw invalid(`--domain must be one of: all, ${AUDIT_DOMAINS.join(', ')}.`);
      const written = await writeChartFiles(values.out, async (format) => {
        const charts = await runtime.call('getAuditCharts', { reviewId, domain, format });
        return [
          ['audit-heat-map', charts.heatMap],
          ['audit-domains', charts.domainBars],
        ];
      });
      runtime.print({ files: written }, () => written.join('\n'));
    },
  },
  {
    name: 'audit summary',
    summary: 'The relational audit analysis: domains, statements and the organisation × organisation matrix',
    usage: 'fieldbook audit summary REVIEW [--db PATH] [--json]',
    run: async (args, runtime) => {
      const { positionals } = parse(args, {});
      const reviewId = await runtime.reviewId(positionals[0]);
      const summary = await runtime.call('getAuditSummary', { reviewId });
      const result = {
        respondents: summary.respondents,
        answers: summary.answers,
        byRole: summary.byRole,
        domains: summary.domains,
        statements: summary.statements.map((s) => ({ code: s.code, mean: s.mean, n: s.n })),
        matrix: summary.matrix.map((m) => ({ from: m.from, to: m.to, domain: m.domain, mean: m.mean, n: m.n, suppressed: m.suppressed })),
      };
      runtime.print(result, () =>
        [
          `${summary.respondents} respondents, ${summary.answers} answers (cells from fewer than ${summary.minRespondents} respondents are suppressed)`,
          ...summary.domains.map((d) => `  ${d.domain.padEnd(13)} ${d.mean ?? '—'} (n=${d.n})`),
          `Best: ${summary.best.join(', ') || '—'} · Worst: ${summary.worst.join(', ') || '—'}`,
        ].join('\n'),
      );
    },
  },
];
