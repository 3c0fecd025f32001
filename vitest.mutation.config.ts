import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant of the modules that guard people's data and the
 * record (see stryker.config.json): the unit tests that exercise them, in Node. The browser and
 * the built-CLI tests (e2e, the full disk) cannot see a mutant in the sources, so they stay out.
 */
export default defineConfig({
  test: {
    include: [
      'test/unit/relational-audit.test.ts',
      'test/unit/relational-audit-analysis.test.ts',
      'test/unit/saf.test.ts',
      'test/unit/report.test.ts',
      'test/unit/names.test.ts',
      'test/unit/bundle-file.test.ts',
      'test/unit/sealed-bundle.test.ts',
      'test/unit/trusted-bundles.test.ts',
      'test/unit/bundle-attacks.test.ts',
      'test/unit/guards.test.ts',
      'test/unit/merge-properties.test.ts',
      'test/unit/merge-model.test.ts',
      'test/unit/exchange-merge.test.ts',
      'test/unit/exchange-cli.test.ts',
      'test/unit/bundle-records.test.ts',
      'test/unit/governance.test.ts',
      'test/unit/table-import.test.ts',
      'test/unit/table-file.test.ts',
      'test/unit/zip-codec.test.ts',
      'test/unit/data-profile.test.ts',
    ],
    environment: 'node',
    setupFiles: ['test/temp-cleanup.ts'],
    testTimeout: 120_000,
  },
});
