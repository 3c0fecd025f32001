#!/usr/bin/env node
// Moves source files and rewrites every relative import that points at them (or out of them), so a
// reshaping of folders is one mechanical step. Usage: node scripts/move-modules.mjs MAP.json, where
// MAP is [["old/path.ts", "new/path.ts"], ...] relative to the repository root. Files are moved with
// `git mv`. Only relative specifiers are rewritten; path strings in configs are listed for review.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const moves = new Map(JSON.parse(readFileSync(process.argv[2], 'utf8')).map(([from, to]) => [resolve(root, from), resolve(root, to)]));

const SOURCE = /\.(ts|tsx|mjs|cjs|js)$/;
const SKIP = new Set(['node_modules', 'dist', 'release', '.git', 'test-results', '.stryker-tmp', 'coverage', 'bin']);
function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (SOURCE.test(name)) out.push(path);
  }
  return out;
}

const EXTENSIONS = ['', '.ts', '.tsx', '.mjs', '.js', '/index.ts', '/index.tsx'];
function resolveSpecifier(fromFile, specifier) {
  const base = resolve(dirname(fromFile), specifier);
  for (const extension of EXTENSIONS) {
    const candidate = base + extension;
    if (existsSync(candidate) && statSync(candidate).isFile()) return { target: candidate, extension };
  }
  return null;
}

function specifierFor(fromFile, target, extension) {
  const path = extension.startsWith('/index') ? dirname(target) : target.slice(0, target.length - extension.length);
  let spec = relative(dirname(fromFile), path);
  if (!spec.startsWith('.')) spec = `./${spec}`;
  return spec;
}

const PATTERNS = [
  /(from\s+['"])(\.{1,2}\/[^'"]+)(['"])/g,
  /(import\(\s*['"])(\.{1,2}\/[^'"]+)(['"])/g,
  /(require\(\s*['"])(\.{1,2}\/[^'"]+)(['"])/g,
  /(vi\.mock\(\s*['"])(\.{1,2}\/[^'"]+)(['"])/g,
  /(^import\s+['"])(\.{1,2}\/[^'"]+)(['"])/gm,
];

const files = walk(root);
const rewritten = new Map();
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const newFile = moves.get(file) ?? file;
  let changed = text;
  for (const pattern of PATTERNS) {
    changed = changed.replace(pattern, (whole, head, spec, tail) => {
      const found = resolveSpecifier(file, spec);
      if (!found) return whole;
      const newTarget = moves.get(found.target) ?? found.target;
      if (newTarget === found.target && newFile === file) return whole;
      return head + specifierFor(newFile, newTarget, found.extension) + tail;
    });
  }
  if (changed !== text) rewritten.set(file, changed);
}
for (const [file, text] of rewritten) writeFileSync(file, text);
for (const [from, to] of moves) {
  mkdirSync(dirname(to), { recursive: true });
  execFileSync('git', ['mv', relative(root, from), relative(root, to)], { cwd: root });
}
console.log(`moved ${moves.size} file(s), rewrote imports in ${rewritten.size}`);
let strings = '';
try {
  strings = execFileSync('git', ['grep', '-n', '-I', '-F', ...[...moves.keys()].flatMap((from) => ['-e', relative(root, from)]), '--', '.', ':!package-lock.json'], {
    cwd: root,
    encoding: 'utf8',
  }).trim();
} catch {
  // git grep exits 1 when nothing matches
}
if (strings) console.log(`path strings to review:\n${strings}`);
