import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';

/**
 * A nearly full disk, for real: a small tmpfs mounted in a mount namespace of its own (unshare,
 * so no privileges are needed and nothing outside the test sees it), with the built CLI run
 * inside. Opening must never depend on a backup succeeding, and a write that meets a full disk
 * says so (exit 1) and leaves nothing half-written.
 */
const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'bin', 'fieldbook.cjs');

const RUNNER = String.raw`
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const [cli, dir, elsewhere] = process.argv.slice(2);
const db = path.join(dir, 'review.sqlite');
const run = (...args) => {
  const r = spawnSync(process.execPath, [cli, '--db', db, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const files = () => fs.readdirSync(dir, { recursive: true }).map(String);
const steps = {};
steps.demo = run('demo');
// Fill the disk, leaving less room than a backup (a whole copy of the database) needs.
const free = () => { const s = fs.statfsSync(dir); return s.bavail * s.bsize; };
const dbBytes = fs.statSync(db).size;
fs.writeFileSync(path.join(dir, 'filler'), Buffer.alloc(Math.max(0, free() - Math.floor(dbBytes / 3))));
steps.freeAfterFill = free();
steps.create = run('review', 'create', '--title', 'Kent progress review', '--kind', 'progress_review', '--area', 'Kent');
steps.reviews = run('reviews', '--json');
steps.filesAfterOpen = files();
// An attachment bigger than the room left (kept on another disk).
const big = path.join(elsewhere, 'big-attachment.txt');
fs.writeFileSync(big, 'Minutes of the board. '.repeat(Math.ceil((free() + 200000) / 22)));
steps.add = run('evidence', 'add', 'Oxfordshire', '--title', 'Board minutes', '--kind', 'document', '--file', big);
steps.list = run('evidence', 'list', 'Oxfordshire', '--json');
steps.filesAfterAdd = files();
process.stdout.write(JSON.stringify(steps));
`;

type Run = { code: number; out: string; err: string };
function inFullDisk(): { demo: Run; create: Run; reviews: Run; add: Run; list: Run; filesAfterOpen: string[]; filesAfterAdd: string[]; freeAfterFill: number } {
  const work = tempDir();
  const mountPoint = path.join(work, 'disk');
  fs.mkdirSync(mountPoint);
  const runner = path.join(work, 'runner.cjs');
  fs.writeFileSync(runner, RUNNER);
  const script = `mount -t tmpfs -o size=12m tmpfs "${mountPoint}" && exec "${process.execPath}" "${runner}" "${CLI}" "${mountPoint}" "${work}"`;
  const result = spawnSync('unshare', ['--map-root-user', '--mount', 'sh', '-c', script], { encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`the full-disk run failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout);
}

describe('a nearly full disk', () => {
  it('still opens (the backup on open warns instead), and a write that does not fit says so and leaves nothing half-written', { timeout: 180_000 }, () => {
    expect(fs.existsSync(CLI), 'build the CLI first (npm ci or npm run fieldbook)').toBe(true);
    const steps = inFullDisk();
    expect(steps.demo.code).toBe(0);
    expect(steps.freeAfterFill).toBeGreaterThan(0);
    // The write itself fits; the backup after it does not: a warning, exit 0, no partial file.
    expect(steps.create.code).toBe(0);
    expect(steps.create.err).toMatch(/warning: Automatic backup \(open\) failed: The disk is full, so no backup was taken/);
    expect(steps.reviews.code).toBe(0);
    expect(
      JSON.parse(steps.reviews.out)
        .map((r: { title: string }) => r.title)
        .sort(),
    ).toEqual(['Kent progress review', 'Oxfordshire local system progress review']);
    expect(steps.filesAfterOpen.filter((f) => f.endsWith('.partial'))).toEqual([]);
    // An attachment bigger than the room left: refused with a plain message, exit 1.
    expect(steps.add.code).toBe(1);
    expect(steps.add.err).toMatch(/The disk is full: nothing was saved/);
    expect(JSON.parse(steps.list.out)).toEqual([]);
    expect(steps.filesAfterAdd.filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(steps.filesAfterAdd.filter((f) => /attachments\/..\/[0-9a-f]{64}$/.test(f))).toEqual([]);
  });
});
