import type { Migration } from './index';

/**
 * Charts drawn for reports and the data profile, kept by a hash of what was drawn (the SVG and
 * the width), so an unchanged chart is not drawn again. Inside the database, so it is encrypted
 * with it and deleted with its review; a cache, never synced.
 */
export const chartCache: Migration = {
  version: 15,
  name: 'chart-cache',
  up: (db) => {
    db.exec(`
      CREATE TABLE chart_cache (
        review_id TEXT NOT NULL,
        hash TEXT NOT NULL,
        png BLOB NOT NULL,
        used_at INTEGER NOT NULL,
        PRIMARY KEY (review_id, hash)
      ) STRICT;
    `);
  },
};
