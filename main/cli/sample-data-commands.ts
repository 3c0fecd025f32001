import { parse } from './args';
import { FieldbookError, invalid } from '../../shared/errors';
import { generateReview, SCALES, type Scale } from '../services/sample-data/generate';
import type { Command } from './commands';

/** CLI commands that make sample reviews: the demo, and generated reviews at scale for the benchmarks. */
export const SAMPLE_DATA_COMMANDS: Command[] = [
  {
    name: 'demo',
    summary: 'Create the Oxfordshire progress review demo',
    usage: 'fieldbook demo [--db PATH] [--json]',
    run: async (args, runtime) => {
      parse(args, {});
      const detail = await runtime.call('createDemoReview', {});
      runtime.print(
        detail,
        () =>
          `Created demo review "${detail.review.title}" (${detail.review.id}) with ${detail.organisations.length} organisations, ${detail.team.length} team members and ${detail.framework.length} framework items.`,
      );
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
      runtime.print(
        { ...result, seconds: (Date.now() - started) / 1000 },
        () =>
          `Generated review ${result.reviewId}: ${result.sessions} sessions, ${result.words.toLocaleString('en-GB')} words, ${result.tags.toLocaleString('en-GB')} tags, ${result.evidence.toLocaleString('en-GB')} evidence items (${result.attachments} with attachments), ${result.respondents.toLocaleString('en-GB')} audit respondents with ${result.answers.toLocaleString('en-GB')} answers, ${result.indicatorValues} indicator values, ${result.actions} actions, ${result.findings} findings in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    },
  },
];
