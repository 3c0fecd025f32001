import type { Migration } from './index';

/**
 * Frameworks a user imported on this laptop (checked whole before they are kept), beside the
 * ones shipped in resources/frameworks. One row per framework id and version; the file's JSON
 * as it was checked. Reviews copy a framework when they are made, so removing one never changes
 * a review.
 */
export const userFrameworks: Migration = {
  version: 16,
  name: 'user-frameworks',
  up: (db) => {
    db.exec(`
      CREATE TABLE user_frameworks (
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        body TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        PRIMARY KEY (id, version)
      ) STRICT;
    `);
  },
};
