import fs from 'node:fs';
import path from 'node:path';
import writeXlsxFile from 'write-excel-file/node';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, tempDir, testApps } from '../helpers';

/** Frameworks kept in spreadsheets (issue 22, item 1): one row per item, refused by line. */
const app = testApps(afterEach);
const meta = {
  id: 'la-2026-test',
  name: 'Local authority assessment (test)',
  version: 2,
  status: 'final' as const,
  reviewKinds: ['saf_local_authority' as const],
  provenance: 'Fieldbook wording for a test.',
};
const csv = [
  'Kind,Code,Parent,Title,Ours,Good,Requires improvement',
  'Theme,T1,,Working with people,no,,',
  'Quality statement,T1.QS1,T1,Assessing needs,no,"Needs are assessed promptly, with people",Assessments wait',
  'prompt,T1.QS1.P1,T1.QS1,How long do people wait?,,,',
  'theme,T2,,Providing support,no,,',
].join('\r\n');
const imported = (a: ReturnType<typeof app>) => (a.store.db.prepare('SELECT count(*) AS n FROM user_frameworks').get() as { n: number }).n;

describe('framework sheets', () => {
  it('builds the tree from a CSV, characteristics included, and writes it out as a file', async () => {
    const a = app();
    const summary = await a.call('importFrameworkSheet', { fileName: 'la.csv', dataBase64: Buffer.from(csv).toString('base64'), meta });
    expect(summary).toMatchObject({ id: 'la-2026-test', version: 2, itemCount: 4, origin: 'imported' });
    const file = JSON.parse((await a.call('exportFramework', { frameworkId: 'la-2026-test@2' })).text);
    expect(file.items.map((i: { code: string }) => i.code)).toEqual(['T1', 'T2']);
    expect(file.items[0].children[0]).toEqual({
      kind: 'quality_statement',
      code: 'T1.QS1',
      title: 'Assessing needs',
      ours: false,
      ratingCharacteristics: { good: 'Needs are assessed promptly, with people', requires_improvement: 'Assessments wait' },
      children: [{ kind: 'prompt', code: 'T1.QS1.P1', title: 'How long do people wait?', ours: true }],
    });
  });

  it('reads the same from the first sheet of an XLSX workbook', async () => {
    const a = app();
    const cells = (...values: Array<string | null>) => values.map((value) => (value === null ? null : { value }));
    const bytes = await writeXlsxFile([
      cells('Kind', 'Code', 'Parent', 'Title', 'Ours', 'Good', 'Requires improvement'),
      cells('Theme', 'T1', null, 'Working with people', 'no', null, null),
      cells('Quality statement', 'T1.QS1', 'T1', 'Assessing needs', 'no', 'Needs are assessed promptly, with people', 'Assessments wait'),
      cells('prompt', 'T1.QS1.P1', 'T1.QS1', 'How long do people wait?', null, null, null),
      cells('theme', 'T2', null, 'Providing support', 'no', null, null),
    ]).toBuffer();
    const summary = await a.call('importFrameworkSheet', { fileName: 'la.xlsx', dataBase64: Buffer.from(bytes).toString('base64'), meta: { ...meta, version: 3 } });
    const file = JSON.parse((await a.call('exportFramework', { frameworkId: 'la-2026-test@3' })).text);
    expect(file.items[0].children[0].ratingCharacteristics).toEqual({ good: 'Needs are assessed promptly, with people', requires_improvement: 'Assessments wait' });
    expect(summary).toMatchObject({ version: 3, itemCount: 4 });
  });

  it('refuses a sheet with bad rows, naming each line, and keeps nothing', async () => {
    const a = app();
    const bad = [
      'kind,code,parent,title,ours',
      'theme,T1,,Working with people,no',
      'policy,T1.X,T1,Not a kind,no',
      'prompt,T1.P1,T9,Parent missing,no',
      'theme,T1,,Twice,no',
      'key question,KQ,T1,Wrong place,maybe',
    ].join('\n');
    const error = await a.failure('importFrameworkSheet', { fileName: 'bad.csv', dataBase64: Buffer.from(bad).toString('base64'), meta });
    expect(error.message).toMatch(/^bad\.csv was not imported, nothing was changed: line 3: kind "policy" is not one of /);
    expect(error.message).toContain('line 4: parent T9 is not the code of an item on an earlier row');
    expect(error.message).toContain('line 5: code T1 is used twice (first at line 2)');
    expect(error.message).toContain('line 6: ours "maybe" is yes or no; a key question cannot go under a theme');
    expect(imported(a)).toBe(0);
    const noTitle = await a.failure('importFrameworkSheet', { fileName: 'x.csv', dataBase64: Buffer.from('kind,code\ntheme,T1').toString('base64'), meta });
    expect(noTitle.message).toContain('x.csv: the header row lacks the column title');
    const badMeta = await a.failure('importFrameworkSheet', { fileName: 'la.csv', dataBase64: Buffer.from(csv).toString('base64'), meta: { ...meta, id: 'Not An Id' } });
    expect(badMeta.message).toMatch(/meta\.id|id/);
    expect(imported(a)).toBe(0);
  });

  it('from the command line, with what the sheet cannot say as options', { timeout: 30_000 }, async () => {
    const dir = tempDir();
    const db = path.join(dir, 'fb.sqlite');
    const file = path.join(dir, 'la.csv');
    fs.writeFileSync(file, csv);
    const missing = await cli('--db', db, 'framework', 'import', file, '--id', 'la-2026-test', '--name', 'LA', '--review-kind', 'saf_local_authority', '--provenance', 'ours');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/version/);
    const ok = await cli(
      '--db',
      db,
      'framework',
      'import',
      file,
      '--id',
      'la-2026-test',
      '--name',
      'LA',
      '--version',
      '2',
      '--status',
      'draft',
      '--review-kind',
      'saf_local_authority',
      '--provenance',
      'ours',
    );
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toBe('Imported la-2026-test@2: LA (DRAFT), 4 items.');
  });
});
