import type { Migration } from './index';

/**
 * The audit trail: an append-only, hash-chained log of who did what, when and on which laptop.
 * Each entry's hash covers the previous entry's hash and its own fields, so an entry removed or
 * altered afterwards breaks the chain where it happened. Triggers refuse updates and deletes
 * through SQL; the chain catches changes made around SQLite (e.g. by editing the file).
 * Entries hold ids and method names, never the words of notes or findings.
 * Also: a review's retention date.
 */
export const auditTrail: Migration = {
  version: 9,
  name: 'audit-trail',
  up: (db) => {
    db.exec(`
      CREATE TABLE audit_trail (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        person_id TEXT NOT NULL,
        person_name TEXT NOT NULL,
        device TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('create', 'edit', 'delete', 'export', 'import', 'merge', 'unlock', 'restore')),
        method TEXT NOT NULL,
        review_id TEXT,
        target TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_trail_review ON audit_trail(review_id, seq);
      CREATE TRIGGER audit_trail_no_update BEFORE UPDATE ON audit_trail BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only'); END;
      CREATE TRIGGER audit_trail_no_delete BEFORE DELETE ON audit_trail BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only'); END;

      ALTER TABLE reviews ADD COLUMN retention_until TEXT;
    `);
  },
};
