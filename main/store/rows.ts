import { notFound } from '../../shared/errors';
import type { SyncedTable } from '../../shared/exchange/tables';
import type { Stamp } from './store';
import { stampTime, type Store } from './store';

export interface SyncColumns {
  hlc: string;
  updated_by: string;
  updated_device: string;
  deleted: number;
}

export function stampOf(store: Store, row: SyncColumns): { updatedAt: string; updatedBy: string } {
  return { updatedAt: stampTime(row.hlc), updatedBy: store.personName(row.updated_by) };
}

/**
 * Updates the given columns of one live row and stamps it. Column names are checked against the
 * caller's allow-list (they are never taken from a request directly).
 */
export function updateRow(store: Store, table: SyncedTable, id: string, columns: Record<string, string | number | null>, stamp: Stamp): void {
  const names = Object.keys(columns);
  for (const name of names) if (!/^[a-z_]+$/.test(name)) throw new Error(`Bad column name ${name}`);
  const assignments = [...names.map((name) => `${name} = @${name}`), 'hlc = @hlc', 'updated_by = @updated_by', 'updated_device = @updated_device'];
  const result = store
    .prepare(`UPDATE ${table} SET ${assignments.join(', ')} WHERE id = @id AND deleted = 0`)
    .run({ ...columns, id, hlc: stamp.hlc, updated_by: stamp.updatedBy, updated_device: stamp.device });
  if (result.changes === 0) throw notFound(`That record no longer exists (it may have been removed).`);
}

/** Tombstones (or un-tombstones, for undo) one row. The row stays so merges can see the delete. */
export function setDeleted(store: Store, table: SyncedTable, id: string, deleted: boolean, stamp: Stamp): void {
  const result = store
    .prepare(`UPDATE ${table} SET deleted = ?, hlc = ?, updated_by = ?, updated_device = ? WHERE id = ? AND deleted = ?`)
    .run(deleted ? 1 : 0, stamp.hlc, stamp.updatedBy, stamp.device, id, deleted ? 0 : 1);
  if (result.changes === 0) throw notFound(deleted ? 'That record was already removed.' : 'That record is not removed, so there is nothing to undo.');
}

export function syncValues(stamp: Stamp): { hlc: string; updated_by: string; updated_device: string } {
  return { hlc: stamp.hlc, updated_by: stamp.updatedBy, updated_device: stamp.device };
}
