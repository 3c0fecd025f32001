import writeXlsxFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { cellsOf, checkedWhole, csvText, locateColumns, readCsvTable, readXlsxTable, tableKind } from '../../main/infra/table-file';
import type { FieldbookError } from '../../shared/errors';

/**
 * The table reader every import (audit, indicators, action plan) goes through: every row read
 * with the line an editor shows, never one lost or misread.
 */
const lines = (text: string) => readCsvTable(text, 'f.csv').rows.map((r) => [r.line, r.cells.join('|')]);
const fail = (run: () => unknown): FieldbookError => {
  try {
    run();
  } catch (error) {
    return error as FieldbookError;
  }
  throw new Error('expected a refusal');
};

describe('reading a CSV', () => {
  it('numbers lines as an editor shows them: LF, CRLF, a lone CR, blank lines and quoted line breaks', () => {
    expect(lines('a,b\n1,2\n\n3,4\n')).toEqual([
      [2, '1|2'],
      [4, '3|4'],
    ]);
    expect(lines('a,b\r\n1,2\r\n\r\n3,4')).toEqual([
      [2, '1|2'],
      [4, '3|4'],
    ]);
    expect(lines('a,b\r1,2\r3,4\r')).toEqual([
      [2, '1|2'],
      [3, '3|4'],
    ]);
    expect(lines('a,b\r\n1,"two\r\nlines"\r\n3,4\r\n')).toEqual([
      [2, '1|two\r\nlines'],
      [4, '3|4'],
    ]);
    expect(lines('a,b\n1,"x\ny\nz"\n5,6')).toEqual([
      [2, '1|x\ny\nz'],
      [5, '5|6'],
    ]);
    expect(lines('\uFEFFa,b\n  ,  \n1,2')).toEqual([[3, '1|2']]);
  });

  it('keeps the header as trimmed lower-case names, blank trailing columns left out', () => {
    const table = readCsvTable(' Respondent , SCORE ,,\n1,2,,\n', 'f.csv');
    expect(table.columns).toEqual(['respondent', 'score']);
    expect(table.rows).toHaveLength(1);
    expect(table.fileName).toBe('f.csv');
  });

  it('refuses, by line, a row with fewer cells than the header or a value beyond it, and keeps the rest', () => {
    const table = readCsvTable('a,b,c\n1,2,3\n1,2\n1,2,3,4\n1,2,3, ,\n1,2,,\n', 'f.csv');
    expect(table.rows.map((r) => r.line)).toEqual([2, 5, 6]);
    expect(table.refused).toEqual([
      { line: 3, reason: 'has 2 cells but the header has 3' },
      { line: 4, reason: 'has 4 cells but the header has 3' },
    ]);
  });

  it('names the file when it is empty or not CSV', () => {
    expect(fail(() => readCsvTable('\n \n', 'empty.csv')).message).toBe('empty.csv is empty: it needs a header row naming its columns.');
    const broken = fail(() => readCsvTable('a,b\n1,"2\n', 'broken.csv'));
    expect(broken.code).toBe('invalid_input');
    expect(broken.message).toMatch(/^broken\.csv is not valid CSV: /);
  });
});

describe('reading a workbook', () => {
  it('reads the first sheet: dates as YYYY-MM-DD, booleans as yes/no, numbers as written, blank rows counted', async () => {
    const bytes = await writeXlsxFile([
      [{ value: 'due' }, { value: 'done' }, { value: 'score' }, { value: 'note' }],
      [{ value: new Date(Date.UTC(2019, 2, 31)), format: 'yyyy-mm-dd' }, { value: true }, { value: 0.1 + 0.2 }, { value: 'x' }],
      [null, null, null, null],
      [{ value: new Date(Date.UTC(2020, 0, 1)), format: 'yyyy-mm-dd' }, { value: false }, { value: 12 }, null],
    ]).toBuffer();
    const table = await readXlsxTable(bytes, 'plan.xlsx');
    expect(table.rows).toEqual([
      { line: 2, cells: ['2019-03-31', 'yes', '0.3', 'x'] },
      { line: 4, cells: ['2020-01-01', 'no', '12', ''] },
    ]);
  });

  it('names the file when it is not a workbook', async () => {
    await expect(readXlsxTable(Buffer.from('PK\u0003\u0004 not really'), 'plan.xlsx')).rejects.toThrow(/^plan\.xlsx is not a readable Excel workbook \(\.xlsx\): /);
  });
});

describe('columns and cells', () => {
  const read = () => readCsvTable('Score,respondent,extra\n 4 ,r1,\n', 't.csv');
  it('finds columns in any order and case, and says which required ones are missing', () => {
    const table = read();
    expect(locateColumns(table, ['respondent', 'score', 'comment'] as const, ['respondent'])).toEqual({ respondent: 1, score: 0, comment: -1 });
    expect(fail(() => locateColumns(table, ['respondent', 'role'] as const, ['role'])).message).toBe(
      't.csv: the header row lacks the column role. Expected: respondent, role (any order).',
    );
    expect(fail(() => locateColumns(table, ['a', 'b'] as const, ['a', 'b'])).message).toBe('t.csv: the header row lacks the columns a, b. Expected: a, b (any order).');
  });

  it('reads a cell by column name, trimmed, and an absent column as empty', () => {
    const table = read();
    const cell = cellsOf(locateColumns(table, ['respondent', 'score', 'comment'] as const, []), table.rows[0]!);
    expect([cell('score'), cell('respondent'), cell('comment')]).toEqual(['4', 'r1', '']);
    const short = cellsOf({ a: 5 }, { line: 2, cells: ['x'] });
    expect(short('a')).toBe('');
  });
});

describe('a whole file checked', () => {
  const read = () => readCsvTable('a,b\n1,2\n1\n3,4\n', 'w.csv');
  it('lists invalid rows in line order with the shape refusals', () => {
    const table = read();
    const result = checkedWhole(table, ['row 2'], [{ line: 4, reason: 'bad' }, ...table.refused]);
    expect(result).toEqual({
      rows: ['row 2'],
      invalid: [
        { line: 3, reason: 'has 1 cells but the header has 2' },
        { line: 4, reason: 'bad' },
      ],
      total: 3,
    });
  });
  it('is an internal error, never a silent loss, when a row was neither imported nor refused', () => {
    const table = read();
    const error = fail(() => checkedWhole(table, ['row 2'], [...table.refused]));
    expect(error.code).toBe('internal');
    expect(error.message).toBe('w.csv: 3 rows read but 1 checked good and 1 refused. Nothing was imported. Please report this.');
    expect(fail(() => checkedWhole(table, ['a', 'b', 'c'], [...table.refused])).code).toBe('internal');
  });
});

describe('what kind of file', () => {
  it('takes a zip (PK\\3\\4) as a workbook whatever its name, anything else as CSV', () => {
    expect(tableKind(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0]))).toBe('xlsx');
    expect(tableKind(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBe('xlsx');
    expect(tableKind(Buffer.from([0x50, 0x4b, 0x03]))).toBe('csv');
    expect(tableKind(Buffer.from([0x50, 0x4b, 0x05, 0x06]))).toBe('csv');
    expect(tableKind(Buffer.from([0x50, 0x4b, 0x05, 0x04]))).toBe('csv');
    expect(tableKind(Buffer.from([0x50, 0x4c, 0x03, 0x04]))).toBe('csv');
    expect(tableKind(Buffer.from([0x51, 0x4b, 0x03, 0x04]))).toBe('csv');
    expect(tableKind(Buffer.from([0x50, 0x4b, 0x03, 0x05]))).toBe('csv');
    expect(tableKind(Buffer.from('a,b\n'))).toBe('csv');
  });

  it('reads CSV bytes as UTF-8 only, saying what to do otherwise', () => {
    expect(csvText(Buffer.from('a,é\n'), 'u.csv')).toBe('a,é\n');
    const error = fail(() => csvText(Buffer.from([0x61, 0xe9, 0x0a]), 'latin.csv'));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('latin.csv is not UTF-8 text: save it as "CSV UTF-8" and import it again.');
  });
});
