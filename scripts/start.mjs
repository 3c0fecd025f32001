// `npm start`: builds and launches the desktop app. Electron's binary cannot be downloaded on
// every machine (installs here run with ELECTRON_SKIP_BINARY_DOWNLOAD=1), so say clearly what is
// missing instead of failing with a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/**
 * The Electron executable if it is installed. Read from electron's path.txt rather than by
 * require('electron'), which would try (and here fail) to download it on the spot.
 */
function electronBinary() {
  let electronDir;
  try {
    electronDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const relative = fs.readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(electronDir, 'dist');
  const binary = path.join(distDir, relative);
  return fs.existsSync(binary) ? binary : null;
}

const binary = electronBinary();
if (!binary) {
  console.error(`Fieldbook: Electron's binary is not installed, so the desktop window cannot open.

This happens when npm install ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or without access to
Electron's download server. To get it, on a machine that can reach it:
    node node_modules/electron/install.js
(or run npm install again without ELECTRON_SKIP_BINARY_DOWNLOAD), then npm start.

Meanwhile the same app runs in your browser against the same services:
    npm run preview`);
  process.exit(1);
}

const built = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
const child = spawn(binary, [root], { cwd: root, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
