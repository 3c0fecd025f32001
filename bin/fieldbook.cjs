#!/usr/bin/env node
// The `fieldbook` command. better-sqlite3 13 needs Node 22+; on an older Node this re-runs the
// CLI with the project's own Node 22 (the node@22 dev dependency) instead of crashing silently.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const { spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..');
const cli = path.join(root, 'dist', 'cli', 'fieldbook.cjs');
if (!fs.existsSync(cli)) {
  process.stderr.write('fieldbook: the CLI is not built yet. Run: npm run build\n');
  process.exit(2);
}
const major = Number(process.versions.node.split('.')[0]);
if (major >= 22) {
  require(cli);
} else {
  const localNode = path.join(root, 'node_modules', 'node', 'bin', 'node');
  if (!fs.existsSync(localNode)) {
    process.stderr.write(`fieldbook: needs Node 22 or newer (this is ${process.version}). Install Node 22, or run npm install to get the project's own.\n`);
    process.exit(2);
  }
  const result = spawnSync(localNode, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 2);
}
