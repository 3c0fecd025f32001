import fs from 'node:fs';
import path from 'node:path';
import { invalid } from '../../shared/errors';
import { buildReport, writeReportFiles, type ReportFormat } from '../services/report/export';
import { parse } from './args';
import { ReportInclude, countsSentence } from '../../shared/report/include';
import type { Command } from './commands';

const FORMATS: readonly ReportFormat[] = ['docx', 'pdf', 'html', 'md'];

/** CLI commands for the report: export it as Word, PDF, HTML or Markdown. */
export const REPORT_COMMANDS: Command[] = [
  {
    name: 'export',
    summary: 'Export the report as DOCX, PDF, HTML or Markdown (after the names check)',
    usage: `fieldbook export REVIEW --format docx|pdf|html|md --out PATH [--include agreed|drafts] [--template FILE.docx] [--allow-names] [--allow-label LABEL ...] [--db PATH] [--json]
  --include agreed puts in agreed findings only (the default once any finding is agreed);
  --include drafts puts in drafts and findings ready for review too, each marked in the text,
  with a DRAFT line on every page. The command says how many findings of each status went in.
  The names check looks for the real names recorded in sessions and for names inside quotes; if
  it finds any, nothing is written and they are listed (exit 1). --allow-names lets them through.
  A citation of a removed item, or of a passage whose words were deleted, also stops the export.
  A passage label that would single out the one person of a role the review spoke with
  ("Discharge coordinator (WUH)") is made coarser ("A member of staff at WUH"); each is listed,
  and --allow-label "Discharge coordinator (WUH)" keeps the exact one.
  --template uses your own copy of a default template (see the README for its placeholders).`,
    run: async (args, runtime) => {
      const { positionals, values } = parse(args, {
        format: { type: 'string' },
        out: { type: 'string' },
        template: { type: 'string' },
        'allow-names': { type: 'boolean', default: false },
        'allow-label': { type: 'string', multiple: true, default: [] },
        include: { type: 'string' },
      });
      const reviewId = await runtime.reviewId(positionals[0]);
      const format = (values.format ?? (values.out ? path.extname(values.out).slice(1).toLowerCase() : '')) as ReportFormat;
      if (!FORMATS.includes(format)) throw invalid(`--format must be one of ${FORMATS.join(', ')}${values.format ? ` (not "${values.format}")` : ''}.`);
      if (!values.out) throw invalid('--out PATH is required: the file to write.');
      const include = values.include === undefined ? undefined : ReportInclude.safeParse(values.include).data;
      if (values.include !== undefined && !include) throw invalid(`--include must be agreed or drafts (not "${values.include}").`);
      if (fs.existsSync(values.out) && fs.statSync(values.out).isDirectory())
        throw invalid(`--out ${values.out} is a folder: give a file name, e.g. ${path.join(values.out, `report.${format}`)}.`);
      let template: { name: string; bytes: Uint8Array } | undefined;
      if (values.template) {
        if (!fs.existsSync(values.template)) throw invalid(`--template ${values.template}: no such file.`);
        template = { name: path.basename(values.template), bytes: fs.readFileSync(values.template) };
      }
      // An export changes nothing stored: the trail records it here.
      runtime.appContext().store.record({ action: 'export', method: 'cli export', reviewId, target: format });
      const result = await buildReport(
        runtime.appContext(),
        { reviewId, format, template, allowNames: values['allow-names'] ? 'all' : [], allowLabels: values['allow-label'], include },
        { progress: (fraction, step) => runtime.info(`${Math.round(fraction * 100)}% ${step}`), cancelled: () => false },
        path.basename(values.out, path.extname(values.out)),
      );
      if (result.blocked) {
        const lines = ['Nothing was written.'];
        if (result.names.length > 0)
          lines.push(
            `The report contains ${result.names.length} possible name${result.names.length === 1 ? '' : 's'} of people. Change the wording, or pass --allow-names if they may appear:`,
            ...result.names.map((n) => `  ${n.name} (${n.kind === 'recorded' ? 'a name recorded in a session' : 'a name in quoted words'}): ${n.context}`),
          );
        if (result.citations.length > 0)
          lines.push(
            `${result.citations.length} citation${result.citations.length === 1 ? '' : 's'} cannot be traced to evidence. Re-place the passage's tag in its session, or remove the citation:`,
            ...result.citations.map(
              (c) =>
                `  ${c.where}: [${c.label}] ${c.reason === 'words_deleted' ? `its words were deleted from the notes ("${c.quote.slice(0, 80)}")` : 'what it cites was removed'}`,
            ),
          );
        runtime.print({ written: [], names: result.names, citations: result.citations }, () => lines.join('\n'));
        runtime.exitCode = 1;
        return;
      }
      const written = writeReportFiles(values.out, result);
      runtime.print({ written, include: result.include, findings: result.included, names: result.names, labels: result.labels }, () =>
        [
          ...written,
          `With ${countsSentence(result.included)}.`,
          ...(result.include === 'agreed' && result.counts.draft + result.counts.ready > 0
            ? [`Left out: ${countsSentence({ ...result.counts, agreed: 0 })} (--include drafts puts them in, marked).`]
            : []),
          ...(result.names.length ? [`Allowed ${result.names.length} name(s) through: ${result.names.map((n) => n.name).join(', ')}`] : []),
          ...(result.labels.length
            ? ['Labels made coarser so nobody is singled out (keep one with --allow-label "LABEL"):', ...result.labels.map((l) => `  ${l.exact} → ${l.coarse}`)]
            : []),
        ].join('\n'),
      );
    },
  },
];
