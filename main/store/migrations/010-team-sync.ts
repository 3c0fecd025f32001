import type { Migration } from './index';

/**
 * Team merge. sync_versions holds every version of every record that has been exchanged (the
 * merge model in shared/exchange/versions.ts); sync_rows says, per record, which versions are its
 * current heads, which stamp the working row had when it was last exchanged (a different stamp
 * now means a local edit not yet in a bundle) and its open conflicts. sync_peers is per laptop:
 * what was last sent to and received from each teammate's laptop.
 * Evidence and action reference numbers can be taken on two laptops at once; ref_claimed keeps
 * the number the author gave while ref_number is the one shown after duplicates are renumbered.
 */
export const teamSync: Migration = {
  version: 10,
  name: 'team-sync',
  up: (db) => {
    db.exec(`
      CREATE TABLE sync_versions (
        seq INTEGER PRIMARY KEY,
        review_id TEXT NOT NULL,
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        vid TEXT NOT NULL,
        parents TEXT NOT NULL,
        author TEXT NOT NULL,
        device TEXT NOT NULL,
        data TEXT NOT NULL,
        UNIQUE (tbl, row_id, vid)
      ) STRICT;
      CREATE INDEX sync_versions_review ON sync_versions(review_id, seq);

      CREATE TABLE sync_rows (
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        review_id TEXT NOT NULL,
        hlc TEXT NOT NULL,
        heads TEXT NOT NULL,
        conflicts TEXT,
        PRIMARY KEY (tbl, row_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX sync_rows_conflicts ON sync_rows(review_id) WHERE conflicts IS NOT NULL;

      CREATE TABLE sync_peers (
        review_id TEXT NOT NULL,
        device_id TEXT NOT NULL,
        device_name TEXT NOT NULL,
        person_id TEXT NOT NULL,
        person_name TEXT NOT NULL,
        last_sent_seq INTEGER NOT NULL DEFAULT 0,
        last_sent_at TEXT,
        last_received_at TEXT,
        PRIMARY KEY (review_id, device_id)
      ) STRICT;

      ALTER TABLE evidence ADD COLUMN ref_claimed INTEGER;
      ALTER TABLE action_items ADD COLUMN ref_claimed INTEGER;
    `);
  },
};
