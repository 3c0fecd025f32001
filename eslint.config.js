// Lint rules, including the layer rule: renderer → shared ← main. The runtime a file may use is
// decided by where it lives: shared/ is pure TypeScript (no Node, DOM or Electron), renderer/
// never reaches Node or main/, main/ never imports the UI, and only main/app/ may touch Electron.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeModules = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const nodeOnlyPackages = ['better-sqlite3', 'electron'];
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
        [...named(nodeModules, 'shared/ is pure: no Node modules.'), ...named([...nodeOnlyPackages, 'react', 'react-dom', 'zustand'], 'shared/ is pure: no runtime-specific packages.')],
        [{ group: ['**/main/**', '**/main', '**/renderer/**', '**/renderer'], message: 'shared/ imports nothing of main/ or renderer/.' }],
      ),
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'sessionStorage', 'process', 'require', '__dirname', 'Buffer'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
    languageOptions: { globals: globals.browser },
    rules: {
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
      'no-restricted-imports': restrict(named(['electron'], 'Only main/app/ may use Electron; keep services runnable under Node.'), [
        { group: ['**/renderer/**', '**/renderer'], message: 'main/ never imports the UI.' },
      ]),
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
