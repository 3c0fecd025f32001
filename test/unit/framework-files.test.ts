import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, tempDir, testApps } from '../helpers';

/** Frameworks as files (issue 22, item 1): imported whole or not at all, written out the same way. */
const app = testApps(afterEach);

const draft = {
  format: 1,
  id: 'asc-draft-test',
  name: 'Adult social care (test draft)',
  version: 1,
  status: 'draft',
  published: '2026-03-24',
  source: 'A test file',
  reviewKinds: ['saf_provider'],
  provenance: 'Fieldbook wording for a test.',
  items: [
    {
      kind: 'key_question',
      code: 'SAFE',
      title: 'Safe',
      ours: false,
      children: [
        {
          kind: 'kloe',
          code: 'S1',
          title: 'Keeping people safe from abuse',
          ours: true,
          ratingCharacteristics: {
            outstanding: 'People lead their own safety plans.',
            good: 'People are protected.',
            requires_improvement: 'Some gaps.',
            inadequate: 'People are at risk.',
          },
          children: [{ kind: 'prompt', code: 'S1.1', title: 'How are concerns raised?', ours: true }],
        },
      ],
    },
  ],
};
const fileOf = (value: unknown) => JSON.stringify(value, null, 2);
const imported = (a: ReturnType<typeof app>) => (a.store.db.prepare('SELECT count(*) AS n FROM user_frameworks').get() as { n: number }).n;

describe('framework files', () => {
  it('imports a draft with rating characteristics, lists it, starts a review on it and writes it out the same', async () => {
    const a = app();
    const summary = await a.call('importFramework', { fileName: 'asc.json', text: fileOf(draft) });
    expect(summary).toMatchObject({ id: 'asc-draft-test', version: 1, status: 'draft', published: '2026-03-24', origin: 'imported', itemCount: 3 });
    expect((await a.call('listFrameworks', {})).map((f) => `${f.id}@${f.version}:${f.origin}`)).toContain('asc-draft-test@1:imported');
    const review = await a.call('createReview', { title: 'Care home', kind: 'saf_provider', area: 'Kent', organisations: [], frameworkId: 'asc-draft-test' });
    expect(review.framework.map((i) => i.code)).toEqual(['SAFE', 'S1', 'S1.1']);
    // The review's copy keeps each item's rating characteristics; items without have none.
    expect(review.framework.map((i) => i.ratingCharacteristics)).toEqual([null, draft.items[0]!.children[0]!.ratingCharacteristics, null]);
    const out = await a.call('exportFramework', { frameworkId: 'asc-draft-test@1' });
    expect(out.fileName).toBe('asc-draft-test-v1.json');
    expect(JSON.parse(out.text)).toEqual(draft);
  });

  it('writes out every shipped framework in a form it reads back (as a new version)', async () => {
    const a = app();
    for (const framework of (await a.call('listFrameworks', {})).filter((f) => f.origin === 'shipped')) {
      const out = await a.call('exportFramework', { frameworkId: framework.id });
      const next = { ...JSON.parse(out.text), version: framework.version + 1 };
      expect(await a.call('importFramework', { fileName: out.fileName, text: fileOf(next) })).toMatchObject({
        id: framework.id,
        itemCount: framework.itemCount,
        origin: 'imported',
      });
    }
  });

  it('refuses a broken file by line and field, and keeps nothing', async () => {
    const a = app();
    const broken = structuredClone(draft) as typeof draft & { items: Array<Record<string, unknown>> };
    const kloe = (broken.items[0]!.children as Array<Record<string, unknown>>)[0]!;
    delete kloe.title;
    (kloe.children as Array<Record<string, unknown>>).push({ kind: 'prompt', code: 'SAFE', title: 'Twice', ours: true });
    const text = fileOf(broken);
    const error = await a.failure('importFramework', { fileName: 'asc.json', text });
    const titleLine = text.split('\n').findIndex((l) => l.includes('"code": "S1"')) + 1;
    expect(error.message).toMatch(/^asc\.json was not imported, nothing was changed: /);
    // A missing field is placed at the object that lacks it.
    expect(error.message).toContain(`items[0].children[0].title (line ${titleLine - 2}: is missing)`);
    expect(imported(a)).toBe(0);

    kloe.title = 'Back again';
    const twice = fileOf(broken);
    const lines = twice.split('\n').flatMap((l, i) => (l.includes('"code": "SAFE"') ? [i + 1] : []));
    expect(lines).toHaveLength(2);
    expect((await a.failure('importFramework', { fileName: 'asc.json', text: twice })).message).toContain(
      `items[0].children[0].children[1].code (line ${lines[1]}: the code SAFE is used twice (first at line ${lines[0]})`,
    );

    const badJson = (await a.failure('importFramework', { fileName: 'x.json', text: '{\n  "id": "x",\n  "name": oops\n}' })).message;
    expect(badJson).toBe('x.json was not imported: it is not valid JSON (line 3: a word that is not a value (text needs double quotes)).');
    const missingComma = (await a.failure('importFramework', { fileName: 'c.json', text: '{\n  "id": "x"\n  "name": "y"\n}' })).message;
    expect(missingComma).toBe('c.json was not imported: it is not valid JSON (line 3: a comma is missing between two values).');
    const wrongPlace = structuredClone(draft);
    wrongPlace.items[0]!.children[0]!.kind = 'key_question';
    expect((await a.failure('importFramework', { fileName: 'y.json', text: fileOf(wrongPlace) })).message).toMatch(
      /items\[0\]\.children\[0\]\.kind \(line \d+: a key question cannot go under a key question\)/,
    );
    expect((await a.failure('importFramework', { fileName: 'z.json', text: fileOf({ ...draft, format: 2 }) })).message).toContain('format must be 1');
    expect((await a.failure('importFramework', { fileName: 'z.json', text: fileOf({ ...draft, name: 'x'.repeat(201) }) })).message).toContain(
      'name (line 4: is over 200 characters)',
    );
    expect(imported(a)).toBe(0);
  });

  it('refuses a file nested thousands of levels deep without overflowing, naming the line', async () => {
    const a = app();
    const text = `{"id":"x","name":"x","version":1,"reviewKinds":["saf_provider"],"provenance":"p","items":\n${'[{"kind":"kloe","code":"K","title":"t","ours":true,"children":'.repeat(20_000)}[]${'}]'.repeat(20_000)}}`;
    expect((await a.failure('importFramework', { fileName: 'deep.json', text })).message).toBe(
      'deep.json was not imported: it nests more than 64 levels deep (line 2); a framework needs a few.',
    );
    // Brackets inside strings are words, not nesting.
    const wordy = fileOf({ ...draft, provenance: '[[[[{{{{'.repeat(20) + '\\"' });
    expect(await a.call('importFramework', { fileName: 'wordy.json', text: wordy })).toMatchObject({ id: 'asc-draft-test' });
    expect(imported(a)).toBe(1);
  });

  it('keeps one framework per id and version: a shipped one cannot be replaced', async () => {
    const a = app();
    const shipped = (await a.call('exportFramework', { frameworkId: 'saf-provider' })).text;
    expect((await a.failure('importFramework', { fileName: 'saf.json', text: shipped })).message).toContain('Fieldbook ships saf-provider version 1');
    await a.call('importFramework', { fileName: 'asc.json', text: fileOf(draft) });
    expect((await a.failure('importFramework', { fileName: 'asc.json', text: fileOf(draft) })).message).toContain('this laptop already has asc-draft-test version 1');
    expect(imported(a)).toBe(1);
  });

  it('from the command line: lists, imports (exit 1 and the line on a bad file) and exports', { timeout: 30_000 }, async () => {
    const dir = tempDir();
    const db = path.join(dir, 'fb.sqlite');
    const good = path.join(dir, 'asc.json');
    fs.writeFileSync(good, fileOf(draft));
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, fileOf({ ...draft, version: 0 }));
    const refused = await cli('--db', db, 'framework', 'import', bad);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/bad\.json was not imported, nothing was changed: version \(line 5: /);
    expect((await cli('--db', db, 'framework', 'import', good)).out).toBe('Imported asc-draft-test@1: Adult social care (test draft) (DRAFT), 3 items.');
    const listed = JSON.parse((await cli('--db', db, 'frameworks', '--json')).out) as Array<{ id: string; status: string; origin: string }>;
    expect(listed.find((f) => f.id === 'asc-draft-test')).toMatchObject({ status: 'draft', origin: 'imported' });
    expect(listed.filter((f) => f.origin === 'shipped').length).toBeGreaterThanOrEqual(4);
    const out = path.join(dir, 'out.json');
    expect((await cli('--db', db, 'framework', 'export', 'asc-draft-test', '--out', out)).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual(draft);
    expect((await cli('--db', db, 'framework', 'export', 'nope', '--out', out)).err).toContain('There is no framework "nope"');
  });
});
