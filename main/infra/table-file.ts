import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import { checkZipWithin, OFFICE_LIMITS, ZipRefused } from './zip-codec';
import { FieldbookError, invalid } from '../../shared/errors';

/**
 * The rows of an imported table (CSV or XLSX) with the line each came from, so every import can
 * name the file, line and field of each problem. Blank rows are skipped but still counted.
 */
export interface TableRow {
  /** The line in the CSV as an editor shows it, or the row number in the spreadsheet. */
  line: number;
  cells: string[];
}
export interface Table {
  /** The file's name, for every message about it. */
  fileName: string;
  /** Column names as found in the header row, trimmed and lower-cased. */
  columns: string[];
  /** Rows shaped like the header, to be checked field by field. */
  rows: TableRow[];
  /** Rows refused for their shape (more or fewer cells than the header), with the reason. */
  refused: Array<{ line: number; reason: string }>;
}

const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === '');
/** Any of CRLF, LF or CR ends a line, as editors show it: a stray lone LF or CR in a CRLF file too. */
const LINE_BREAKS = /\r\n|\r|\n/g;

/**
 * UTF-8 CSV, with or without BOM; lines may end in CRLF, LF or CR, even mixed in one file (a
 * hand-edited CRLF file with one lone LF once glued two rows into one and lost a row silently);
 * quoted fields may hold commas, quotes and line breaks.
 */
export function readCsvTable(text: string, fileName: string): Table {
  let parsed: Array<{ record: string[]; raw: string }>;
  try {
    parsed = parse(text, { bom: true, raw: true, relax_column_count: true, record_delimiter: ['\r\n', '\n', '\r'] }) as unknown as Array<{ record: string[]; raw: string }>;
  } catch (error) {
    throw invalid(`${fileName} is not valid CSV: ${(error as Error).message}`);
  }
  const rows: TableRow[] = [];
  let nextLine = 1;
  for (const { record, raw } of parsed) {
    if (!isBlank(record)) rows.push({ cells: record, line: nextLine });
    // A record's raw text keeps its line ending except at the very end of the file.
    const breaks = (raw.match(LINE_BREAKS) ?? []).length;
    nextLine += /[\r\n]$/.test(raw) ? breaks : breaks + 1;
  }
  return asTable(rows, fileName);
}

/** Spreadsheet cells as text: dates as YYYY-MM-DD, numbers as written, booleans as yes/no. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(Math.round(value * 1e9) / 1e9);
  return String(value);
}

/** The first sheet of an .xlsx workbook. */
export async function readXlsxTable(bytes: Buffer, fileName: string): Promise<Table> {
  let sheet: unknown[][];
  try {
    checkZipWithin(bytes, OFFICE_LIMITS);
  } catch (error) {
    if (error instanceof ZipRefused && !error.notZip) throw invalid(`${fileName} was not opened: ${error.message}. Nothing was imported.`);
    throw invalid(`${fileName} is not a readable Excel workbook (.xlsx): ${(error as Error).message}`);
  }
  try {
    sheet = (await readSheet(bytes)) as unknown[][];
  } catch (error) {
    throw invalid(`${fileName} is not a readable Excel workbook (.xlsx): ${(error as Error).message}`);
  }
  const rows: TableRow[] = [];
  sheet.forEach((row, index) => {
    const cells = row.map(cellText);
    if (!isBlank(cells)) rows.push({ cells, line: index + 1 });
  });
  return asTable(rows, fileName);
}

/** How many cells a row really has: trailing empty ones (blank columns after the last) aside. */
function width(cells: readonly string[]): number {
  let n = cells.length;
  while (n > 0 && (cells[n - 1] ?? '').trim() === '') n -= 1;
  return n;
}

/**
 * The header and the rows shaped like it. A row with a value beyond the header's last column, or
 * with fewer cells than the header, is refused by line: its values cannot be matched to columns
 * (a line break inside a row, or a stray comma) and guessing would change the data.
 */
function asTable(rows: TableRow[], fileName: string): Table {
  const [header, ...body] = rows;
  if (!header) throw invalid(`${fileName} is empty: it needs a header row naming its columns.`);
  const columns = header.cells.slice(0, width(header.cells)).map((name) => name.trim().toLowerCase());
  const shaped: TableRow[] = [];
  const refused: Table['refused'] = [];
  for (const row of body) {
    if (row.cells.length < columns.length || width(row.cells) > columns.length)
      refused.push({ line: row.line, reason: `has ${row.cells.length} cells but the header has ${columns.length}` });
    else shaped.push(row);
  }
  return { fileName, columns, rows: shaped, refused };
}

/**
 * Where each expected column is (-1 when absent). Column names are matched case-insensitively,
 * in any order; a required column that is missing is refused before any row is looked at.
 */
export function locateColumns<H extends string>(table: Table, headers: readonly H[], required: readonly H[]): Record<H, number> {
  const index = Object.fromEntries(headers.map((h) => [h, table.columns.indexOf(h)])) as Record<H, number>;
  const missing = required.filter((h) => index[h] < 0);
  if (missing.length > 0)
    throw invalid(`${table.fileName}: the header row lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. Expected: ${headers.join(', ')} (any order).`);
  return index;
}

/**
 * A whole file's check: every row either checked good or listed as invalid (by line), never
 * neither. A row that was neither would be lost without a word, so it is a bug, said as one.
 */
export function checkedWhole<R>(
  table: Table,
  rows: R[],
  invalidRows: Array<{ line: number; reason: string }>,
): { rows: R[]; invalid: Array<{ line: number; reason: string }>; total: number } {
  const total = table.rows.length + table.refused.length;
  if (rows.length + invalidRows.length !== total)
    throw new FieldbookError(
      'internal',
      `${table.fileName}: ${total} rows read but ${rows.length} checked good and ${invalidRows.length} refused. Nothing was imported. Please report this.`,
    );
  return { rows, invalid: [...invalidRows].sort((a, b) => a.line - b.line), total };
}

/** A reader of one row's cells by column name, trimmed ('' for an absent column). */
export function cellsOf<H extends string>(index: Record<H, number>, row: TableRow): (h: H) => string {
  return (h) => (index[h] >= 0 ? (row.cells[index[h]] ?? '') : '').trim();
}

/** "xlsx" for a zip-based workbook (by its first bytes, whatever the name says), else "csv". */
export function tableKind(bytes: Buffer): 'xlsx' | 'csv' {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04 ? 'xlsx' : 'csv';
}

/** Decodes a CSV's bytes as UTF-8, refusing anything else with a message that says what to do. */
export function csvText(bytes: Buffer, fileName: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid(`${fileName} is not UTF-8 text: save it as "CSV UTF-8" and import it again.`);
  }
}
