import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../main/store/store';
import { SYNCED_TABLES } from '../../shared/exchange/tables';
import { tempDir } from '../helpers';

/**
 * Tables stamped with an hlc that deliberately do not travel in bundles, and why. A new table with
 * an hlc column must be added to SYNCED_TABLES (shared/exchange/tables.ts) or here.
 */
const NOT_SYNCED: Record<string, string> = {
  people: 'who changed what: travels beside the versions (records.people), newest name wins, never a conflict',
  sync_rows: "the merge bookkeeping of this laptop (which versions are a record's heads); rebuilt from the versions, never sent",
};

let store: Store | null = null;
afterEach(() => {
  store?.close();
  store = null;
});

describe('the one list of synced tables', () => {
  it('names every table that carries an hlc column, or the table is deliberately left out', () => {
    store = Store.open(path.join(tempDir(), 'tables.sqlite'));
    const tables = (store.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>).map((row) => row.name);
    const stamped = tables.filter((table) =>
      (store!.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as Array<{ name: string }>).some((column) => column.name === 'hlc'),
    );
    const listed = SYNCED_TABLES.map((spec) => spec.table);
    expect(stamped.filter((table) => !listed.includes(table) && !(table in NOT_SYNCED))).toEqual([]);
    // And nothing listed is missing from the schema or lacks the columns a merge writes.
    expect(listed.filter((table) => !stamped.includes(table))).toEqual([]);
    expect(Object.keys(NOT_SYNCED).filter((table) => listed.includes(table))).toEqual([]);
  });
});
