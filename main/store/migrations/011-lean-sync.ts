import type { Migration } from './index';

/**
 * Sync rows are kept only for records in more than the usual state (several heads, or open
 * conflicts); a record whose working row shows its one head needs none (see setSyncRow in
 * store/sync.ts). Versions are found by review through their sequence number, which is their
 * row id, so the (review_id, seq) index only cost every version written a second index entry.
 */
export const leanSync: Migration = {
  version: 11,
  name: 'lean-sync',
  up: (db) => {
    db.exec(`
      DELETE FROM sync_rows WHERE conflicts IS NULL AND heads = json_array(hlc);
      DROP INDEX sync_versions_review;
    `);
  },
};
