import { TABLE_IMPORT_MAX_BYTES, type TableImportResult } from '../../shared/data-profile/contract';
import { decodeCsv, readImportFile } from './import-file';
import { ACTION_STATUS_LABELS, ACTION_STATUSES } from '../../shared/data-profile/domain';
import { invalid } from '../../shared/errors';
import { parse } from './args';
import { writeChartFiles } from './chart-files';
import type { Command } from './commands';
import type { CliRuntime } from './runtime';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Prints a checked import's outcome: counts, or every invalid row as FILE:LINE: reason (exit 1). */
function report(runtime: CliRuntime, file: string, what: string, result: TableImportResult): void {
  runtime.print(result, () => {
    const lines = result.invalid.map((row) => `${file}:${row.line}: ${row.reason}`);
    if (!result.imported)
      return [`${file}: nothing imported: ${result.invalid.length} of ${result.rows} rows are invalid (use --skip-invalid to import the rest)`, ...lines].join('\n');
    return [
      `${file}: ${plural(result.rows - result.invalid.length, 'row')} imported: ${result.added} new ${what}, ${result.updated} updated, ${result.unchanged} unchanged`,
      ...(result.invalid.length ? [`${plural(result.invalid.length, 'invalid row')} skipped:`, ...lines] : []),
      ...result.warnings.map((w) => `${file}:${w.line}: warning: ${w.message}`),
    ].join('\n');
  });
  if (result.invalid.length > 0) runtime.exitCode = 1;
}

async function importTarget(args: string[], runtime: CliRuntime, what: string): Promise<{ reviewId: string; file: string; bytes: Buffer; skipInvalid: boolean }> {
  const { positionals, values } = parse(args, { 'skip-invalid': { type: 'boolean', default: false } });
  const [reference, file, ...rest] = positionals;
  if (rest.length > 0) throw invalid(`Import one file at a time (got "${rest[0]}" too).`);
  const reviewId = await runtime.reviewId(reference);
  const bytes = readImportFile(file, TABLE_IMPORT_MAX_BYTES, what);
  return { reviewId, file: file ?? '', bytes, skipInvalid: values['skip-invalid'] };
}

/** CLI commands for the data profile and the action plan. */
export const DATA_PROFILE_COMMANDS: Command[] = [
  {
    name: 'import indicators',
    summary: 'Import indicator values (area, England, comparator, flag by period) from a CSV file',
    usage: `fieldbook import indicators REVIEW FILE [--skip-invalid] [--db PATH] [--json]
  Columns (header row, any order): indicator (code or name), period, area, england, comparator, flag.
  Periods: "2017/18 Q1", "2018 Q3" or "2018-07". Numbers may end in %. Blank comparator or flag is fine.
  The whole file is checked first; re-importing updates values, it never duplicates them.`,
    run: async (args, runtime) => {
      const { reviewId, file, bytes, skipInvalid } = await importTarget(args, runtime, 'an indicator import');
      const result = await runtime.call('importIndicatorsCsv', { reviewId, fileName: file, text: decodeCsv(file, bytes), skipInvalid });
      report(runtime, file, 'values', result);
    },
  },
  {
    name: 'indicators',
    summary: "The review's data profile: indicators and their values in time order",
    usage: 'fieldbook indicators REVIEW [--db PATH] [--json]',
    run: async (args, runtime) => {
      const { positionals } = parse(args, {});
      const reviewId = await runtime.reviewId(positionals[0]);
      const indicators = await runtime.call('listIndicators', { reviewId });
      const rows = indicators.map((i) => ({
        code: i.code,
        name: i.name,
        unit: i.unit,
        lowerIsBetter: i.lowerIsBetter,
        values: i.values.map((v) => ({ period: v.period, area: v.area, england: v.england, comparator: v.comparator, flag: v.flag, ...(v.demo ? { demo: true } : {}) })),
      }));
      runtime.print(rows, () =>
        indicators
          .map((i) =>
            [
              `${i.code} ${i.name} (${i.unit || 'no unit'}; ${i.lowerIsBetter ? 'lower' : 'higher'} is better)`,
              ...i.values.map(
                (v) =>
                  `  ${v.period.padEnd(11)} area ${v.area}  England ${v.england ?? '—'}  comparator ${v.comparator ?? '—'}${v.flag ? `  ${v.flag}` : ''}${v.demo ? '  [demo]' : ''}`,
              ),
            ].join('\n'),
          )
          .join('\n'),
      );
    },
  },
  {
    name: 'indicators charts',
    summary: 'Write one chart per indicator and the one-page profile as SVG and PNG files',
    usage: 'fieldbook indicators charts REVIEW --out FOLDER [--db PATH] [--json]',
    run: async (args, runtime) => {
      const { positionals, values } = parse(args, { out: { type: 'string' } });
      const reviewId = await runtime.reviewId(positionals[0]);
      const written = await writeChartFiles(values.out, async (format) => {
        const charts = await runtime.call('getIndicatorCharts', { reviewId, format });
        return [...charts.indicators.map((c) => [`indicator-${c.code}`, c.image] as const), ['data-profile', charts.profile] as const];
      });
      runtime.print({ files: written }, () => written.join('\n'));
    },
  },
  {
    name: 'import actions',
    summary: "Import the system's action plan from a CSV or XLSX file",
    usage: `fieldbook import actions REVIEW FILE [--skip-invalid] [--db PATH] [--json]
  Columns (header row, any order): theme, priority, action, owner, due, status (and optionally ref).
  theme: one of the review's themes (title or code); priority: strategic, operational or engagement;
  owner: organisations by short or full name, separated by ; or , ("all partners" for all);
  due: 2019-03-31, 31/03/2019 or March 2019; status: not started, on track, at risk, overdue, complete.`,
    run: async (args, runtime) => {
      const { reviewId, file, bytes, skipInvalid } = await importTarget(args, runtime, 'an action plan import');
      const result = await runtime.call('importActions', { reviewId, fileName: file, dataBase64: bytes.toString('base64'), skipInvalid });
      report(runtime, file, 'actions', result);
    },
  },
  {
    name: 'actions',
    summary: "The system's action plan, with the status of each action (overdue worked out from the due date)",
    usage: 'fieldbook actions REVIEW [--today YYYY-MM-DD] [--db PATH] [--json]',
    run: async (args, runtime) => {
      const { positionals, values } = parse(args, { today: { type: 'string' } });
      const reviewId = await runtime.reviewId(positionals[0]);
      const plan = await runtime.call('getActionPlan', { reviewId, ...(values.today ? { today: values.today } : {}) });
      const rows = plan.items.map((a) => ({
        ref: a.ref,
        theme: a.theme,
        priority: a.priority,
        action: a.action,
        owners: a.owners.map((o) => o.shortName),
        due: a.due,
        status: a.effectiveStatus,
        progress: a.progress.map((p) => ({ date: p.date, text: p.text, evidence: p.evidence.map((e) => e.code) })),
      }));
      runtime.print(rows, () =>
        [
          ...plan.themes.map(
            (t) =>
              `${t.title}: ${
                ACTION_STATUSES.filter((s) => t.counts[s] > 0)
                  .map((s) => `${t.counts[s]} ${ACTION_STATUS_LABELS[s].toLowerCase()}`)
                  .join(', ') || 'no actions'
              }`,
          ),
          '',
          ...rows.map((r) => `${r.ref} [${r.status.replace('_', ' ')}] ${r.action} (${r.owners.join(', ')}${r.due ? `; due ${r.due}` : ''})`),
        ].join('\n'),
      );
    },
  },
];
