// Lint rules, including the layer rules: renderer → shared ← main. The runtime a file may use is
// decided by where it lives: shared/ is pure TypeScript (no Node, DOM or Electron, only the packages
// allowed below), renderer/ never reaches Node or main/, main/ never imports the UI, and only
// main/app/ may touch Electron. Inside main/, infra/ (zip, tables, charts, PDF) imports nothing of
// Fieldbook, store/ (the database machinery) imports no capability, plumbing or binding, and services/ import no binding (cli, preview, app). A renderer feature uses another
// only through that feature's index.ts. test/unit/layers.test.ts proves each rule fires.
import js from '@eslint/js';
import path from 'node:path';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeModules = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const nodeOnlyPackages = ['better-sqlite3', 'electron'];
/** The only packages shared/ may use: pure JavaScript that runs in Node and in the browser alike. */
const SHARED_PACKAGES = ['zod', 'uuid', 'node-diff3', '@zxcvbn-ts/core', '@zxcvbn-ts/language-common', '@zxcvbn-ts/language-en'];
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const notAllowedInShared = `^(?![./])(?!(${SHARED_PACKAGES.map(escape).join('|')})(/|$))`;
const mainOnlyPatterns = (extra = []) => [{ group: ['**/renderer/**', '**/renderer'], message: 'main/ never imports the UI.' }, ...extra];
const bindings = ['**/cli/**', '**/cli', '**/preview/**', '**/preview', '**/app/**', '**/app'];

/**
 * A renderer feature is used by others only through its index.ts: an import that reaches into
 * renderer/features/<other>/<file> from outside that feature is an error.
 */
const featureIndexRule = {
  meta: { type: 'problem', messages: { internal: 'Use features/{{feature}} through its index ({{index}}), not its file {{file}}.' } },
  create(context) {
    const features = path.join(context.cwd, 'renderer', 'features') + path.sep;
    const own = context.filename.startsWith(features) ? context.filename.slice(features.length).split(path.sep)[0] : null;
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.resolve(path.dirname(context.filename), spec);
      if (!target.startsWith(features)) return;
      const [feature, ...rest] = target.slice(features.length).split(path.sep);
      if (feature === own || rest.length === 0 || (rest.length === 1 && rest[0] === 'index')) return;
      context.report({ node: node.source, messageId: 'internal', data: { feature, index: `features/${feature}/index.ts`, file: rest.join('/') } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};
const fieldbookPlugin = { rules: { 'feature-index': featureIndexRule } };
const restrict = (paths, patterns) => ['error', { paths, patterns }];
const named = (names, message) => names.map((name) => ({ name, message }));

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**', 'test-results/**', '.stryker-tmp/**', '**/*.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [
          ...named(nodeModules, 'shared/ is pure: no Node modules.'),
          ...named([...nodeOnlyPackages, 'react', 'react-dom', 'zustand'], 'shared/ is pure: no runtime-specific packages.'),
        ],
        [
          { group: ['**/main/**', '**/main', '**/renderer/**', '**/renderer'], message: 'shared/ imports nothing of main/ or renderer/.' },
          {
            regex: notAllowedInShared,
            message: `shared/ uses only these packages: ${SHARED_PACKAGES.join(', ')}. Add one to SHARED_PACKAGES in eslint.config.js only if it is pure and runs in Node and the browser.`,
          },
        ],
      ),
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'sessionStorage', 'process', 'require', '__dirname', 'Buffer'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
    languageOptions: { globals: globals.browser },
    plugins: { ...reactHooks.configs.flat['recommended-latest'].plugins, fieldbook: fieldbookPlugin },
    rules: {
      'fieldbook/feature-index': 'error',
      ...reactHooks.configs.flat['recommended-latest'].rules,
      'no-restricted-imports': restrict(
        [...named(nodeModules, 'The renderer never gets Node: call the API instead.'), ...named(nodeOnlyPackages, 'The renderer never gets Node: call the API instead.')],
        [{ group: ['**/main/**', '**/main'], message: 'The renderer talks to main only through the API contract in shared/.' }],
      ),
      'no-restricted-globals': ['error', 'process', 'require', '__dirname', 'Buffer'],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/app/**'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': restrict(named(['electron'], 'Only main/app/ may use Electron; keep services runnable under Node.'), mainOnlyPatterns()),
    },
  },
  {
    files: ['main/store/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        named(['electron'], 'Only main/app/ may use Electron; keep services runnable under Node.'),
        mainOnlyPatterns([
          {
            group: ['**/services/**', '**/services', '**/platform/**', '**/platform', ...bindings],
            message: 'store/ is the database machinery: it imports no capability (services/), no call plumbing (platform/) and no binding.',
          },
        ]),
      ),
    },
  },
  {
    files: ['main/infra/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        named(['electron'], 'Only main/app/ may use Electron; keep services runnable under Node.'),
        mainOnlyPatterns([
          {
            group: ['**/store/**', '**/store', '**/services/**', '**/services', '**/platform/**', '**/platform', ...bindings],
            message: 'infra/ is plain Node tooling (zip, tables, charts, PDF): it knows nothing of Fieldbook above it.',
          },
        ]),
      ),
    },
  },
  {
    files: ['main/services/**/*.ts', 'main/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        named(['electron'], 'Only main/app/ may use Electron; keep services runnable under Node.'),
        mainOnlyPatterns([{ group: bindings, message: 'Services know no binding: the CLI, the preview and the app call them, never the other way round.' }]),
      ),
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='prepare'][callee.object.type='MemberExpression'][callee.object.property.name='db']",
          message: 'Prepare SQL through store.prepare (the prepared-statement cache), not store.db.prepare.',
        },
      ],
    },
  },
  {
    files: ['main/app/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-imports': restrict([], [{ group: ['**/renderer/**'], message: 'main/ never imports the UI.' }]) },
  },
  { files: ['scripts/**', 'test/**', 'bin/**', '*.config.*'], languageOptions: { globals: { ...globals.node } } },
  { files: ['bin/**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
