import fs from 'node:fs';
import path from 'node:path';
import writeXlsxFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { flagConflict } from '../../shared/data-profile/flags';
import { cli, tempDir } from '../helpers';

/**
 * No import may lose or change a row without saying so: every row of the file is imported or
 * listed with FILE:LINE, and the summary never counts fewer rows than the file holds.
 */
async function demo() {
  const dir = tempDir();
  const db = path.join(dir, 'tables.sqlite');
  await cli('--db', db, 'demo');
  const write = (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };
  return { dir, db, write };
}

const HEADER = 'respondent,organisation,role,about,statement,score,comment';
/** 19 answers, the 5th and 12th not answered. */
const answerRows = Array.from({ length: 19 }, (_, i) => `r${i + 1},OCC,frontline,OUHFT,DIR1,${i === 4 || i === 11 ? 'N/A' : (i % 5) + 1},`);

describe('CSV rows are never lost or changed silently', () => {
  it('reads every row of a CRLF file with a BOM and a stray lone LF and lone CR, numbering lines as an editor does', async () => {
    const { db, write } = await demo();
    // Rows end in CRLF, except row 6 (a lone LF) and row 13 (a lone CR), as a hand edit leaves them.
    const text = `\uFEFF${HEADER}\r\n${answerRows.map((row, i) => row + (i === 5 ? '\n' : i === 12 ? '\r' : '\r\n')).join('')}`;
    const file = write('stray-endings.csv', text);
    const result = await cli('--db', db, 'import', 'audit', 'Oxfordshire', file, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ imported: true, rows: 19, answered: 17, notAnswered: 2, invalid: [] });
    const summary = JSON.parse((await cli('--db', db, 'audit', 'summary', 'Oxfordshire', '--json')).out);
    expect(summary).toMatchObject({ respondents: 19, answers: 17 });
    // A bad cell on the row after each stray ending is reported on the line an editor shows.
    const bad = write(
      'stray-bad.csv',
      text.replace('r8,OCC,frontline,OUHFT,DIR1,3', 'r8,OCC,frontline,OUHFT,DIR1,9').replace('r15,OCC,frontline,OUHFT,DIR1,5', 'r15,OCC,frontline,OUHFT,DIR1,0'),
    );
    const refused = await cli('--db', db, 'import', 'audit', 'Oxfordshire', bad);
    expect(refused.out).toMatch(/stray-bad\.csv:9: score 9 outside 1–5/);
    expect(refused.out).toMatch(/stray-bad\.csv:16: score 0 outside 1–5/);
  });

  it('says how many answers and how many "not answered" it imported', async () => {
    const { db, write } = await demo();
    const file = write('answers.csv', `${HEADER}\n${answerRows.join('\n')}\n`);
    const result = await cli('--db', db, 'import', 'audit', 'Oxfordshire', file);
    expect(result.out).toMatch(/19 rows imported: 17 answers and 2 not answered/);
    expect(result.out).not.toMatch(/19 new answers/);
  });

  it.each([
    ['audit', `${HEADER}\n${answerRows[0]}\n${answerRows[1]},extra cell\n${answerRows[2]}\n`, 3, 'has 8 cells but the header has 7'],
    ['audit', `${HEADER}\n${answerRows[0]}\nr2,OCC,frontline,OUHFT\n`, 3, 'has 4 cells but the header has 7'],
    ['indicators', 'indicator,period,area,england\nDTOC18,2018-07,20.6,10.3\nDTOC18,2018-08,20.6,10.3,12,similar,oops\n', 3, 'has 7 cells but the header has 4'],
    ['actions', 'theme,priority,action,owner\nWinter planning,strategic,Agree one plan,OCC\nWinter planning,strategic,Agree,one plan,OCC\n', 3, 'has 5 cells but the header has 4'],
  ])('refuses a %s row whose cells do not match the header, with FILE:LINE', async (kind, content, line, reason) => {
    const { db, write } = await demo();
    const file = write(`${kind}.csv`, content);
    const result = await cli('--db', db, 'import', kind, 'Oxfordshire', file);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`${kind}.csv:${line}: ${reason}`);
    expect(result.out).toMatch(/nothing imported/);
  });

  it('accepts trailing empty cells beyond the header (a spreadsheet saved with blank columns)', async () => {
    const { db, write } = await demo();
    const file = write(
      'trailing.csv',
      `${HEADER},,\n${answerRows
        .slice(0, 3)
        .map((r) => `${r},,`)
        .join('\n')}\n`,
    );
    expect(JSON.parse((await cli('--db', db, 'import', 'audit', 'Oxfordshire', file, '--json')).out)).toMatchObject({ imported: true, rows: 3, invalid: [] });
  });

  it('refuses a 16 MB run of commas on one row without accepting it', { timeout: 51_000 }, async () => {
    const { db, write } = await demo();
    const file = write('commas.csv', `${HEADER}\n${answerRows[0]}${','.repeat(16 * 1024 * 1024)}x\n`);
    const result = await cli('--db', db, 'import', 'audit', 'Oxfordshire', file);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/commas\.csv:2: has 16777223 cells but the header has 7/);
  });

  it.each([
    ['audit', 'empty.csv', '', /empty\.csv is empty: it needs a header row/],
    ['audit', 'columns.csv', 'respondent,score\nr1,3\n', /columns\.csv: the header row lacks the columns organisation, role, about, statement/],
    ['audit', 'quotes.csv', `${HEADER}\nr1,OCC,frontline,OUHFT,DIR1,"4,\n`, /quotes\.csv is not valid CSV/],
    ['indicators', 'empty.csv', '\n\n', /empty\.csv is empty/],
    ['actions', 'book.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), /book\.xlsx is not a readable Excel workbook/],
  ])('names the file in a whole-file error (%s %s)', async (kind, name, content, message) => {
    const { db, write } = await demo();
    const result = await cli('--db', db, 'import', kind, 'Oxfordshire', write(name, content));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(message);
  });

  it('names the size limit in MB, not as schema text, and reads nothing of a file over it', { timeout: 30_000 }, async () => {
    const { db, write } = await demo();
    const file = write('huge.csv', Buffer.alloc(101_000_000, 0x61));
    const result = await cli('--db', db, 'import', 'audit', 'Oxfordshire', file);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/huge\.csv is 101 MB: an audit import can be at most 100 MB/);
    expect(result.err).not.toMatch(/characters|expected string/);
  });

  it('refuses an action whose owner is only a separator, like a blank one', async () => {
    const { db, write } = await demo();
    const file = write('plan.csv', 'theme,priority,action,owner\nWinter planning,strategic,Agree one plan,;\nCarers,engagement,Co-produce the strategy, , \n');
    const result = await cli('--db', db, 'import', 'actions', 'Oxfordshire', file);
    expect(result.code).toBe(1);
    expect(result.out).toContain('plan.csv:2: missing owner');
  });

  it('refuses an XLSX row with a value beyond the header, naming its spreadsheet row', async () => {
    const { db, dir } = await demo();
    const file = path.join(dir, 'plan.xlsx');
    await writeXlsxFile([
      [{ value: 'theme' }, { value: 'priority' }, { value: 'action' }, { value: 'owner' }],
      [{ value: 'Winter planning' }, { value: 'strategic' }, { value: 'Agree one plan' }, { value: 'OCC' }],
      [{ value: 'Carers' }, { value: 'engagement' }, { value: 'Co-produce' }, { value: 'OCC' }, { value: 'stray' }],
    ]).toFile(file);
    const result = await cli('--db', db, 'import', 'actions', 'Oxfordshire', file);
    expect(result.code).toBe(1);
    expect(result.out).toContain('plan.xlsx:3: has 5 cells but the header has 4');
  });
});

describe('indicator flags that contradict the figures', () => {
  it('are judged by the direction that is better', () => {
    expect(flagConflict({ code: 'X', lowerIsBetter: false }, { area: 80, england: 70, flag: 'worse' })).toMatch(
      /flagged significantly worse, but the area \(80\) is better than England \(70\): higher is better for X/,
    );
    expect(flagConflict({ code: 'X', lowerIsBetter: false }, { area: 80, england: 70, flag: 'better' })).toBeNull();
    expect(flagConflict({ code: 'X', lowerIsBetter: true }, { area: 70, england: 70, flag: 'better' })).toMatch(/the same as England/);
    expect(flagConflict({ code: 'X', lowerIsBetter: true }, { area: 70, england: null, flag: 'better' })).toBeNull();
    expect(flagConflict({ code: 'X', lowerIsBetter: true }, { area: 90, england: 70, flag: 'similar' })).toBeNull();
  });

  it('are imported but listed as warnings by line', async () => {
    const { db, write } = await demo();
    // DTOC18: lower is better. Line 2 is worse than England yet flagged better; line 3 better yet flagged worse; line 4 consistent.
    const file = write(
      'profile.csv',
      'indicator,period,area,england,comparator,flag\nDTOC18,2019-07,20.6,10.3,,significantly better\nDTOC18,2019-08,8.1,10.3,,significantly worse\nDTOC18,2019-09,20.6,10.3,,significantly worse\nDTOC18,2019-10,12,12,,similar\n',
    );
    const result = await cli('--db', db, 'import', 'indicators', 'Oxfordshire', file, '--json');
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.out);
    expect(parsed).toMatchObject({ imported: true, added: 4 });
    expect(parsed.warnings).toEqual([
      { line: 2, message: expect.stringMatching(/flagged significantly better, but the area \(20\.6\) is worse than England \(10\.3\): lower is better for DTOC18/) },
      { line: 3, message: expect.stringMatching(/flagged significantly worse, but the area \(8\.1\) is better than England \(10\.3\)/) },
    ]);
    const human = await cli('--db', db, 'import', 'indicators', 'Oxfordshire', file);
    expect(human.out).toMatch(/profile\.csv:2: warning: flagged significantly better/);
  });
});
