#!/usr/bin/env node
// Rewrites named imports of symbols that moved to another module: node scripts/rehome-exports.mjs
// MAP.json, with MAP {"Symbol": "repo/relative/module.ts"}. An import of a moved symbol from any
// module is split off into an import from its new home (same `type` modifier). One-off refactoring aid.
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const homes = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const SKIP = new Set(['node_modules', 'dist', '.git', 'test-results', '.stryker-tmp', 'bin']);
function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.(ts|tsx)$/.test(name)) out.push(path);
  }
  return out;
}
const IMPORT = /^import (type )?\{([^}]*)\} from '([^']+)';\n/gm;
let changed = 0;
for (const file of walk(root)) {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(IMPORT, (whole, typeOnly = '', names, spec) => {
    if (!spec.startsWith('.')) return whole;
    const from = resolve(dirname(file), spec).replace(/\.tsx?$/, '');
    const keep = [];
    const moved = new Map();
    for (const raw of names
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean)) {
      const symbol = raw.replace(/^type /, '').split(/\s+as\s+/)[0];
      const home = homes[symbol];
      if (!home || resolve(root, home).replace(/\.tsx?$/, '') === from) {
        keep.push(raw);
        continue;
      }
      const list = moved.get(home) ?? [];
      list.push(raw);
      moved.set(home, list);
    }
    if (moved.size === 0) return whole;
    let out = keep.length ? `import ${typeOnly}{ ${keep.join(', ')} } from '${spec}';\n` : '';
    for (const [home, list] of moved) {
      let target = relative(dirname(file), resolve(root, home)).replace(/\.tsx?$/, '');
      if (!target.startsWith('.')) target = `./${target}`;
      if (resolve(dirname(file), target) === file.replace(/\.tsx?$/, '')) continue;
      out += `import ${typeOnly}{ ${list.join(', ')} } from '${target}';\n`;
    }
    return out;
  });
  if (next !== text) {
    writeFileSync(file, next);
    changed++;
  }
}
console.log(`rewrote imports in ${changed} file(s)`);
