// Builds what runs: the renderer (Vite) into dist/renderer and the Node-side bundles (esbuild)
// into dist/app, dist/preview and dist/cli. `--renderer` / `--node` build only that part.
import { build as esbuild } from 'esbuild';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const all = !args.has('--renderer') && !args.has('--node') && !args.has('--bench');
const quiet = args.has('--quiet');

const benchBundle = { entry: 'test/bench/bench.ts', out: 'dist/bench/bench.cjs' };
const nodeBundles = [
  { entry: 'main/cli/index.ts', out: 'dist/cli/fieldbook.cjs' },
  { entry: 'main/preview/index.ts', out: 'dist/preview/server.cjs' },
  { entry: 'main/app/main.ts', out: 'dist/app/main.cjs' },
  // The preload runs sandboxed: it may only require 'electron', so everything else is bundled in.
  { entry: 'main/app/preload.ts', out: 'dist/app/preload.cjs' },
];

if (all || args.has('--node') || args.has('--bench')) {
  const started = Date.now();
  await Promise.all(
    [...nodeBundles, ...(args.has('--bench') ? [benchBundle] : [])].map(({ entry, out }) =>
      esbuild({
        entryPoints: [path.join(root, entry)],
        outfile: path.join(root, out),
        bundle: true,
        platform: 'node',
        target: 'node22',
        format: 'cjs',
        sourcemap: true,
        // Native addons load from node_modules at run time; everything else is bundled.
        external: ['electron', 'better-sqlite3', '@resvg/resvg-js', 'playwright-core'],
        logLevel: 'warning',
      }),
    ),
  );
  if (!quiet) console.log(`built node bundles in ${Date.now() - started} ms`);
}

if (all || args.has('--renderer')) {
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', quiet ? 'warn' : 'info'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
