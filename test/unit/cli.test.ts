import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers';

describe('fieldbook CLI', () => {
  it('creates a review, prints its id, and lists it as JSON with organisations and framework size', async () => {
    const db = path.join(tempDir(), 'cli.sqlite');
    const created = await cli(
      '--db',
      db,
      'review',
      'create',
      '--title',
      'Kent progress review',
      '--kind',
      'progress-review',
      '--area',
      'Kent',
      '--org',
      'Kent County Council=KCC',
      '--org',
      'Kent and Medway ICB=KMICB',
    );
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/^[0-9a-f-]{36}$/);
    const listed = await cli('reviews', '--json', '--db', db);
    const [review] = JSON.parse(listed.out) as Array<Record<string, unknown>>;
    expect(review).toMatchObject({
      id: created.out,
      title: 'Kent progress review',
      kind: 'progress_review',
      area: 'Kent',
      organisations: ['KCC', 'KMICB'],
      frameworkItemCount: 25,
    });
  });

  it('runs the demo and reports a sound database in check', async () => {
    const db = path.join(tempDir(), 'demo.sqlite');
    expect((await cli('--db', db, 'demo')).out).toMatch(/5 organisations, 4 team members/);
    const check = await cli('--db', db, 'check', '--json');
    expect(check.code).toBe(0);
    expect(JSON.parse(check.out)).toMatchObject({ ok: true, reviewCount: 1, integrity: [] });
  });

  it.each([
    [['review', 'create', '--kind', 'progress_review', '--area', 'Kent'], /--title is required/],
    [['review', 'create', '--title', '', '--kind', 'progress_review', '--area', 'Kent'], /title: Title cannot be empty/],
    [['review', 'create', '--title', 'T', '--kind', 'inspection', '--area', 'Kent'], /--kind must be one of/],
    [['review', 'create', '--title', 'T', '--kind', 'progress_review', '--area', 'K', '--org', 'A=X', '--org', 'B=x'], /short name "x" is already used/],
    [['review', 'create', '--title', 'T', '--kind', 'progress_review', '--area', 'K', '--org', 'No short name'], /must look like "Full name=SHORT"/],
    [['reviews', '--colour'], /Unknown option --colour/],
    [['frobnicate'], /Unknown command "frobnicate"/],
  ])('gives a one-line message and exit code 1 for %j, changing nothing', async (args, message) => {
    const db = path.join(tempDir(), 'bad.sqlite');
    const result = await cli('--db', db, ...args);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(message);
    expect(result.err.split('\n')).toHaveLength(1);
    if (fs.existsSync(db)) expect((await cli('--db', db, 'reviews', '--json')).out).toBe('[]');
  });

  it('refuses a malformed --db path or a corrupt file with exit code 1', async () => {
    expect(await cli('--db', '/no/such/dir/x.sqlite', 'reviews')).toMatchObject({ code: 1, err: expect.stringMatching(/folder \/no\/such\/dir does not exist/) });
    const dir = tempDir();
    expect(await cli('--db', dir, 'reviews')).toMatchObject({ code: 1, err: expect.stringMatching(/is a folder/) });
    const corrupt = path.join(dir, 'corrupt.sqlite');
    fs.writeFileSync(corrupt, 'definitely not sqlite');
    expect(await cli('--db', corrupt, 'reviews')).toMatchObject({ code: 1, err: expect.stringMatching(/not a Fieldbook database/) });
    expect(fs.readFileSync(corrupt, 'utf8')).toBe('definitely not sqlite');
    expect(await cli('--db')).toMatchObject({ code: 1, err: expect.stringMatching(/--db needs a file path/) });
  });

  it('has --help on every command', async () => {
    for (const command of [['demo'], ['review', 'create'], ['reviews'], ['check'], ['backups']]) {
      const result = await cli(...command, '--help');
      expect(result.code).toBe(0);
      expect(result.out).toMatch(/^Usage: fieldbook/m);
    }
    expect((await cli('--help')).out).toMatch(/Commands:/);
  });

  it('restores the latest backup, moving a damaged database aside instead of destroying it', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'r.sqlite');
    await cli('--db', db, 'demo');
    await cli('--db', db, 'backups', 'create');
    fs.writeFileSync(db, 'overwritten by accident');
    fs.rmSync(`${db}-wal`, { force: true });
    const restored = await cli('--db', db, 'backups', 'restore');
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/damaged database was kept as/);
    expect(fs.readdirSync(dir).some((f) => f.startsWith('r.sqlite.damaged-'))).toBe(true);
    expect(JSON.parse((await cli('--db', db, 'reviews', '--json')).out)).toHaveLength(1);
  });
});
