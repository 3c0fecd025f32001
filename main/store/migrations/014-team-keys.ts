import type { Migration } from './index';

/**
 * Trusted team bundles. Each review has a team key its team shares out of band (several, once it
 * has been rotated: the newest seals, all open); a teammate's laptop is pinned by the public key
 * its bundles are signed with, on sync_peers, the first time its bundle is merged. Both stay on
 * this laptop: neither is a synced table.
 */
export const teamKeys: Migration = {
  version: 14,
  name: 'team-keys',
  up: (db) => {
    db.exec(`
      CREATE TABLE team_keys (
        review_id TEXT NOT NULL,
        key TEXT NOT NULL,
        added_at TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('made', 'code', 'passphrase')),
        PRIMARY KEY (review_id, key)
      ) STRICT;
      ALTER TABLE sync_peers ADD COLUMN signer_key TEXT;
    `);
  },
};
