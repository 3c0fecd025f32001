import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import { invalid } from '../../shared/errors';

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
  /** Column names as found in the header row, trimmed and lower-cased. */
  columns: string[];
  rows: TableRow[];
}

const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === '');

/** UTF-8 CSV, with or without BOM, LF or CRLF; quoted fields may hold commas, quotes and line breaks. */
export function readCsvTable(text: string): Table {
  let parsed: Array<{ record: string[]; raw: string }>;
  try {
    parsed = parse(text, { bom: true, raw: true, relax_column_count: true }) as unknown as Array<{ record: string[]; raw: string }>;
  } catch (error) {
    throw invalid(`The file is not valid CSV: ${(error as Error).message}`);
  }
  const rows: TableRow[] = [];
  let nextLine = 1;
  for (const { record, raw } of parsed) {
    if (!isBlank(record)) rows.push({ cells: record, line: nextLine });
    // csv-parse's raw text keeps the record's line ending for LF files but not for CRLF ones.
    nextLine += (raw.match(/\n/g) ?? []).length + (raw.endsWith('\n') ? 0 : 1);
  }
  return asTable(rows);
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
export async function readXlsxTable(bytes: Buffer): Promise<Table> {
  let sheet: unknown[][];
  try {
    sheet = (await readSheet(bytes)) as unknown[][];
  } catch (error) {
    throw invalid(`The file is not a readable Excel workbook (.xlsx): ${(error as Error).message}`);
  }
  const rows: TableRow[] = [];
  sheet.forEach((row, index) => {
    const cells = row.map(cellText);
    if (!isBlank(cells)) rows.push({ cells, line: index + 1 });
  });
  return asTable(rows);
}

function asTable(rows: TableRow[]): Table {
  const [header, ...body] = rows;
  if (!header) throw invalid('The file is empty: it needs a header row naming its columns.');
  return { columns: header.cells.map((name) => name.trim().toLowerCase()), rows: body };
}

/**
 * Where each expected column is (-1 when absent). Column names are matched case-insensitively,
 * in any order; a required column that is missing is refused before any row is looked at.
 */
export function locateColumns<H extends string>(table: Table, headers: readonly H[], required: readonly H[]): Record<H, number> {
  const index = Object.fromEntries(headers.map((h) => [h, table.columns.indexOf(h)])) as Record<H, number>;
  const missing = required.filter((h) => index[h] < 0);
  if (missing.length > 0) throw invalid(`The header row lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. Expected: ${headers.join(', ')} (any order).`);
  return index;
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
