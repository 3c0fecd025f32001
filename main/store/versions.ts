import type { RecordData, ResolvedRecord, Version } from '../../shared/exchange/versions';
import { localVersion, resolveRecord } from '../../shared/exchange/versions';
import { fieldKind, SYNCED_TABLES, tableSpec, type SyncedTableSpec } from '../../shared/exchange/tables';
import { FieldbookError } from '../../shared/errors';
import type { Store } from './store';

/**
 * The merge model (shared/exchange/versions.ts) on top of the working tables. The working tables
 * stay what every service reads and writes; versions are taken from them when work is exchanged
 * ("committed"), and merged results are written back into them ("materialized").
 */

export interface StoredVersion extends Version {
  table: string;
  rowId: string;
  reviewId: string;
}

/** Columns every synced row has that describe the change rather than the record. */
const META_COLUMNS = ['hlc', 'updated_by', 'updated_device'] as const;
const META = new Set<string>(META_COLUMNS);
/** Tables whose reference numbers may be taken on two laptops at once (see migration 010). */
const NUMBERED = new Set(['evidence', 'action_items']);

interface SyncRow {
  hlc: string;
  heads: string;
  conflicts: string | null;
}

function columnsOf(store: Store, table: string): string[] {
  return (store.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as Array<{ name: string }>).map((c) => c.name);
}

/** A working row as version data: without the stamp columns, with the author's own number. */
function dataOf(table: string, row: Record<string, unknown>): RecordData {
  const data: RecordData = {};
  for (const [column, value] of Object.entries(row)) {
    if (META.has(column) || column.startsWith('_sync_') || column === 'ref_claimed') continue;
    data[column] = value as RecordData[string];
  }
  if (NUMBERED.has(table) && typeof row.ref_claimed === 'number') data.ref_number = row.ref_claimed;
  return data;
}

function spec(table: string): SyncedTableSpec {
  const found = tableSpec(table);
  if (!found) throw new Error(`Not a synced table: ${table}`);
  return found;
}

/**
 * Takes a version of every record of the review changed on this laptop since it was last
 * exchanged: a working row is unchanged since then exactly when its stamp is one of the record's
 * versions (a merge writes the shown version's stamp, an exchange makes a version of the stamp).
 * Records with an open conflict keep it open: the new version follows the shown side only, so
 * the other side stays a head until someone picks.
 */
export function commitLocalChanges(store: Store, reviewId: string): number {
  let committed = 0;
  const insert = store.prepare('INSERT OR IGNORE INTO sync_versions (review_id, tbl, row_id, vid, parents, author, device, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  for (const table of SYNCED_TABLES) {
    const rows = store
      .prepare(
        `SELECT t.*, s.heads AS _sync_heads, s.conflicts AS _sync_conflicts FROM ${table.table} t
         LEFT JOIN sync_rows s ON s.tbl = '${table.table}' AND s.row_id = t.${table.key}
         WHERE ${table.scope} AND NOT EXISTS (SELECT 1 FROM sync_versions v WHERE v.tbl = '${table.table}' AND v.row_id = t.${table.key} AND v.vid = t.hlc)`,
      )
      .all({ review: reviewId }) as Array<
      Record<string, unknown> & { hlc: string; updated_by: string; updated_device: string; _sync_heads: string | null; _sync_conflicts: string | null }
    >;
    for (const row of rows) {
      const rowId = String(row[table.key]);
      const heads = row._sync_heads ? (JSON.parse(row._sync_heads) as string[]) : headVids(store, table.table, rowId);
      const version = localVersion({ heads, conflicted: row._sync_conflicts !== null }, row.hlc, row.updated_by, row.updated_device, dataOf(table.table, row));
      insert.run(reviewId, table.table, rowId, version.vid, JSON.stringify(version.parents), version.by, version.device, JSON.stringify(version.data));
      if (row._sync_conflicts) materialize(store, table.table, rowId, reviewId);
      else if (row._sync_heads) setSyncRow(store, table.table, rowId, reviewId, row.hlc, [row.hlc], null);
      committed += 1;
    }
  }
  return committed;
}

/** The current ends of a record's stored history, without reading its data. */
function headVids(store: Store, table: string, rowId: string): string[] {
  const versions = store.prepare('SELECT vid, parents FROM sync_versions WHERE tbl = ? AND row_id = ?').all(table, rowId) as Array<{ vid: string; parents: string }>;
  if (versions.length === 0) return [];
  const parents = new Set(versions.flatMap((version) => JSON.parse(version.parents) as string[]));
  return versions
    .map((version) => version.vid)
    .filter((vid) => !parents.has(vid))
    .sort();
}

/**
 * Keeps a record's sync row only while it says more than its versions do: several heads or open
 * conflicts. The usual state (one head, which the working row shows) has no row: on the scale-L
 * review those rows were 137,000 writes and a tenth of the database on a full merge. `isNew`: the
 * record has no row to remove.
 */
function setSyncRow(store: Store, table: string, rowId: string, reviewId: string, hlc: string, heads: string[], conflicts: string | null, isNew = false): void {
  if (conflicts === null && heads.length === 1 && heads[0] === hlc) {
    if (!isNew) store.prepare('DELETE FROM sync_rows WHERE tbl = ? AND row_id = ?').run(table, rowId);
    return;
  }
  store
    .prepare(
      'INSERT INTO sync_rows (tbl, row_id, review_id, hlc, heads, conflicts) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(tbl, row_id) DO UPDATE SET hlc = excluded.hlc, heads = excluded.heads, conflicts = excluded.conflicts',
    )
    .run(table, rowId, reviewId, hlc, JSON.stringify(heads), conflicts);
}

export function versionsOf(store: Store, table: string, rowId: string): Version[] {
  return (
    store.prepare('SELECT vid, parents, author, device, data FROM sync_versions WHERE tbl = ? AND row_id = ?').all(table, rowId) as Array<{
      vid: string;
      parents: string;
      author: string;
      device: string;
      data: string;
    }>
  ).map((row) => ({
    vid: row.vid,
    parents: JSON.parse(row.parents) as string[],
    by: row.author,
    device: row.device,
    data: JSON.parse(row.data) as RecordData,
  }));
}

export function resolveStored(store: Store, table: string, rowId: string): ResolvedRecord {
  const tableSpecOf = spec(table);
  return resolveRecord(versionsOf(store, table, rowId), (field) => fieldKind(tableSpecOf, field));
}

/** Writes what a record resolves to into its working table, and its heads and conflicts. */
export function materialize(store: Store, table: string, rowId: string, reviewId: string, resolved = resolveStored(store, table, rowId), isNew = false): void {
  writeWorkingRow(store, table, resolved.data, resolved.shown, isNew);
  setSyncRow(store, table, rowId, reviewId, resolved.shown.vid, resolved.heads, resolved.conflicts.length > 0 ? JSON.stringify(resolved.conflicts) : null, isNew);
}

const columnCache = new WeakMap<Store, Map<string, Set<string>>>();

function knownColumns(store: Store, table: string): Set<string> {
  let tables = columnCache.get(store);
  if (!tables) columnCache.set(store, (tables = new Map()));
  let columns = tables.get(table);
  if (!columns) tables.set(table, (columns = new Set(columnsOf(store, table))));
  return columns;
}

/**
 * Upserts one record's fields with the stamp of the version it shows. A numbered record whose
 * number another record already holds is parked on a temporary negative number until
 * `renumber` runs at the end of the import.
 */
function writeWorkingRow(store: Store, table: string, data: RecordData, shown: Version, isNew: boolean): void {
  let fields = data;
  if (NUMBERED.has(table)) {
    fields = { ...data, ref_claimed: data.ref_number ?? null };
    const taken = store.prepare(`SELECT 1 FROM ${table} WHERE review_id = ? AND ref_number = ? AND id <> ?`).get(data.review_id, data.ref_number, data.id);
    if (taken) fields.ref_number = -1 - (store.prepare(`SELECT count(*) AS n FROM ${table} WHERE ref_number < 0`).get() as { n: number }).n;
  }
  const columns = Object.keys(fields);
  const values: unknown[] = columns.map((column) => fields[column]);
  values.push(shown.vid, shown.by, shown.device);
  rowWriter(store, table, columns, isNew).run(values);
}

type Statement = ReturnType<Store['prepare']>;
interface RowWriter {
  columns: string[];
  statement: Statement;
}
const writerCache = new WeakMap<Store, Map<string, RowWriter[]>>();

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The statement that writes a row with these columns (then its stamp), made once per table and
 * set of columns: a merge writes a whole review's records (137,000 on the scale-L review) in a
 * handful of shapes. Values go by position: binding by name cost a third of each write.
 */
function rowWriter(store: Store, table: string, columns: string[], isNew: boolean): Statement {
  let writers = writerCache.get(store);
  if (!writers) writerCache.set(store, (writers = new Map()));
  const key = `${table} ${isNew ? 'insert' : 'upsert'}`;
  let shapes = writers.get(key);
  if (!shapes) writers.set(key, (shapes = []));
  const found = shapes.find((shape) => sameColumns(shape.columns, columns));
  if (found) return found.statement;
  const tableSpecOf = checkColumns(store, table, columns);
  const all = [...columns, ...META_COLUMNS];
  const updates = all.filter((column) => column !== tableSpecOf.key).map((column) => `${column} = excluded.${column}`);
  const upsert = isNew ? '' : ` ON CONFLICT(${tableSpecOf.key}) DO UPDATE SET ${updates.join(', ')}`;
  const statement = store.prepare(`INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})${upsert}`);
  shapes.push({ columns: [...columns], statement });
  return statement;
}

/** Refuses fields this table does not have (or stamp fields, which a version never carries). */
function checkColumns(store: Store, table: string, columns: readonly string[]): SyncedTableSpec {
  const tableSpecOf = spec(table);
  const known = knownColumns(store, table);
  for (const column of columns) {
    if (META.has(column))
      throw new FieldbookError(
        'invalid_input',
        `The bundle's ${tableSpecOf.label} records carry their own "${column}", which bundles never do: the bundle was not written by Fieldbook. Nothing was imported.`,
      );
    if (!known.has(column))
      throw new FieldbookError(
        'invalid_input',
        `The bundle's ${tableSpecOf.label} records have a field "${column}" this version of Fieldbook does not know. Update Fieldbook and import again.`,
      );
  }
  return tableSpecOf;
}

/** A version as it arrives, for `writeNewRecords`. */
export interface IncomingVersion {
  r: string;
  v: string;
  b: string;
  d: string;
  data: RecordData;
}

/**
 * Records this laptop has never had that arrive as one version each, with no parents: most of
 * any import, and all of a first one. Such a record is exactly its version, so its version is
 * stored and its working row is then copied from it inside SQLite, one statement per shape of
 * record, instead of one write from JavaScript per record (on the scale-L review the copies of
 * ~121,000 rows took 0.65 s; written one by one they took ~2 s). When a copy fails (a code or
 * name another record here already has, a reference number taken here or by another new record), the rows are written one at a time so that
 * `failed` can name the record.
 */
export function writeNewRecords(store: Store, reviewId: string, table: string, versions: readonly IncomingVersion[], failed: (data: RecordData, error: unknown) => Error): void {
  // A numbered record keeps its author's number as its claim; when numbers clash the copy fails
  // on the table's unique number and the records go one at a time, parking the clashing ones.
  const claim = NUMBERED.has(table) ? { column: ', ref_claimed', field: ", data ->> 'ref_number'" } : { column: '', field: '' };
  const shapes: Array<{ columns: string[]; versions: IncomingVersion[] }> = [];
  let last: (typeof shapes)[number] | undefined;
  for (const version of versions) {
    const columns = Object.keys(version.data);
    if (!last || !sameColumns(last.columns, columns)) {
      last = shapes.find((shape) => sameColumns(shape.columns, columns));
      if (!last) {
        checkColumns(store, table, columns);
        shapes.push((last = { columns, versions: [] }));
      }
    }
    last.versions.push(version);
  }
  const insertVersion = store.prepare("INSERT INTO sync_versions (review_id, tbl, row_id, vid, parents, author, device, data) VALUES (?, ?, ?, ?, '[]', ?, ?, ?)");
  for (const shape of shapes) {
    let first = 0;
    let end = 0;
    for (const version of shape.versions) {
      end = Number(insertVersion.run(reviewId, table, version.r, version.v, version.b, version.d, JSON.stringify(version.data)).lastInsertRowid);
      if (first === 0) first = end;
    }
    const fields = shape.columns.map((column) => `data ->> '${column}'`);
    const copy = store.prepare(
      `INSERT INTO ${table} (${[...shape.columns, ...META_COLUMNS].join(', ')}${claim.column}) SELECT ${fields.join(', ')}, vid, author, device${claim.field} FROM sync_versions WHERE seq BETWEEN ? AND ?`,
    );
    try {
      copy.run(first, end);
    } catch {
      // The failed statement has been undone; one row at a time finds the record that clashes.
      for (const version of shape.versions) {
        try {
          writeWorkingRow(store, table, version.data, { vid: version.v, parents: [], by: version.b, device: version.d, data: version.data }, true);
        } catch (error) {
          throw failed(version.data, error);
        }
      }
    }
  }
}

/**
 * Gives every numbered record of a review its shown number: the author's number, unless an
 * earlier-made record (smaller id) claims it too, in which case the later ones get numbers above
 * every claimed number, in order. The same records give the same numbers on every laptop.
 */
export function renumber(store: Store, reviewId: string): number {
  let moved = 0;
  for (const table of NUMBERED) {
    const rows = store.prepare(`SELECT id, ref_number, coalesce(ref_claimed, ref_number) AS claim FROM ${table} WHERE review_id = ? ORDER BY claim, id`).all(reviewId) as Array<{
      id: string;
      ref_number: number;
      claim: number;
    }>;
    const maxClaim = rows.reduce((max, row) => Math.max(max, row.claim), 0);
    const taken = new Set<number>();
    let next = maxClaim;
    const changes: Array<{ id: string; to: number }> = [];
    for (const row of rows) {
      const to = taken.has(row.claim) ? ++next : row.claim;
      taken.add(to);
      if (to !== row.ref_number) changes.push({ id: row.id, to });
    }
    // Two passes through negative numbers, so no step ever holds a number twice.
    const park = store.prepare(`UPDATE ${table} SET ref_number = ? WHERE id = ?`);
    changes.forEach((change, index) => park.run(-1_000_000 - index, change.id));
    for (const change of changes) park.run(change.to, change.id);
    moved += changes.length;
  }
  return moved;
}

export interface OpenConflict {
  table: string;
  rowId: string;
  conflicts: ResolvedRecord['conflicts'];
}

export function openConflicts(store: Store, reviewId: string): OpenConflict[] {
  return (
    store.prepare('SELECT tbl, row_id, conflicts FROM sync_rows WHERE review_id = ? AND conflicts IS NOT NULL ORDER BY tbl, row_id').all(reviewId) as Array<{
      tbl: string;
      row_id: string;
      conflicts: string;
    }>
  ).map((row) => ({
    table: row.tbl,
    rowId: row.row_id,
    conflicts: JSON.parse(row.conflicts) as ResolvedRecord['conflicts'],
  }));
}

function syncRowOf(store: Store, table: string, rowId: string): SyncRow | undefined {
  return store.prepare('SELECT hlc, heads, conflicts FROM sync_rows WHERE tbl = ? AND row_id = ?').get(table, rowId) as SyncRow | undefined;
}

/**
 * Makes a record one version again after someone picked between its sides: the working row (just
 * written with a new stamp) becomes a version whose parents are all the heads it settles.
 */
export function commitResolution(store: Store, table: string, rowId: string, reviewId: string): void {
  const tableSpecOf = spec(table);
  const row = store.prepare(`SELECT * FROM ${table} WHERE ${tableSpecOf.key} = ?`).get(rowId) as Record<string, unknown> & {
    hlc: string;
    updated_by: string;
    updated_device: string;
  };
  const synced = syncRowOf(store, table, rowId);
  const heads = synced ? (JSON.parse(synced.heads) as string[]) : headVids(store, table, rowId);
  store
    .prepare('INSERT OR IGNORE INTO sync_versions (review_id, tbl, row_id, vid, parents, author, device, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(reviewId, table, rowId, row.hlc, JSON.stringify(heads), row.updated_by, row.updated_device, JSON.stringify(dataOf(table, row)));
  setSyncRow(store, table, rowId, reviewId, row.hlc, [row.hlc], null);
}
