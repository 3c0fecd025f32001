import type { Organisation, Sector } from '../../../shared/reviews/domain';
import type { Stamp, Store } from '../../store/store';
import { stampOf, syncValues, type SyncColumns } from '../../store/rows';

interface OrganisationRow extends SyncColumns {
  id: string;
  review_id: string;
  name: string;
  short_name: string;
  sector: Sector;
}

export function insertOrganisation(store: Store, stamp: Stamp, org: { id: string; reviewId: string; name: string; shortName: string; sector: Sector }): void {
  store
    .prepare(
      `INSERT INTO organisations (id, review_id, name, short_name, sector, hlc, updated_by, updated_device)
       VALUES (@id, @review_id, @name, @short_name, @sector, @hlc, @updated_by, @updated_device)`,
    )
    .run({ id: org.id, review_id: org.reviewId, name: org.name, short_name: org.shortName, sector: org.sector, ...syncValues(stamp) });
}

export function listOrganisations(store: Store, reviewId: string): Organisation[] {
  const rows = store.prepare('SELECT * FROM organisations WHERE review_id = ? AND deleted = 0 ORDER BY name COLLATE NOCASE').all(reviewId) as OrganisationRow[];
  return rows.map((row) => ({
    id: row.id,
    reviewId: row.review_id,
    name: row.name,
    shortName: row.short_name,
    sector: row.sector,
    ...stampOf(store, row),
  }));
}

/** A live organisation of the review already using this short name or full name, if any. */
export function findOrganisationClash(
  store: Store,
  reviewId: string,
  candidate: { name?: string | undefined; shortName?: string | undefined },
  exceptId: string | null,
): { field: 'shortName' | 'name'; existing: string } | null {
  const sql = `SELECT name, short_name FROM organisations WHERE review_id = ? AND deleted = 0 AND id IS NOT ? AND`;
  if (candidate.shortName !== undefined) {
    const row = store.prepare(`${sql} short_name = ? COLLATE NOCASE`).get(reviewId, exceptId, candidate.shortName) as { name: string } | undefined;
    if (row) return { field: 'shortName', existing: row.name };
  }
  if (candidate.name !== undefined) {
    const row = store.prepare(`${sql} name = ? COLLATE NOCASE`).get(reviewId, exceptId, candidate.name) as { name: string } | undefined;
    if (row) return { field: 'name', existing: row.name };
  }
  return null;
}

export function organisationRecord(store: Store, id: string): { reviewId: string; deleted: boolean; name: string; shortName: string } | null {
  const row = store.prepare('SELECT review_id, deleted, name, short_name FROM organisations WHERE id = ?').get(id) as
    { review_id: string; deleted: number; name: string; short_name: string } | undefined;
  return row ? { reviewId: row.review_id, deleted: row.deleted === 1, name: row.name, shortName: row.short_name } : null;
}
