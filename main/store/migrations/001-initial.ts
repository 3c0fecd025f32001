import type { Migration } from './index';

/**
 * The foundation schema. Every synced table carries the same four columns:
 *   hlc             hybrid logical clock stamp of the last change (orders changes across laptops)
 *   updated_by      id of the person who made it (see people)
 *   updated_device  id of the laptop it was made on
 *   deleted         1 = tombstone: the row stays so a merge can tell "deleted" from "never seen"
 */
const SYNC = `hlc TEXT NOT NULL, updated_by TEXT NOT NULL, updated_device TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))`;

export const initial: Migration = {
  version: 1,
  name: 'initial',
  up: (db) => {
    db.exec(`
      -- Per-laptop settings (profile, clock, backup marks). Never merged.
      CREATE TABLE local_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

      CREATE TABLE people (
        id TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        ${SYNC}
      ) STRICT;

      CREATE TABLE reviews (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        kind TEXT NOT NULL,
        area TEXT NOT NULL,
        visit_start TEXT,
        visit_end TEXT,
        background TEXT NOT NULL DEFAULT '',
        framework_id TEXT NOT NULL,
        framework_name TEXT NOT NULL,
        archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
        ${SYNC}
      ) STRICT;
      CREATE INDEX reviews_hlc ON reviews(hlc);

      CREATE TABLE team_members (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES reviews(id),
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        background TEXT NOT NULL DEFAULT '',
        ${SYNC}
      ) STRICT;
      CREATE INDEX team_members_review ON team_members(review_id);

      CREATE TABLE organisations (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES reviews(id),
        name TEXT NOT NULL,
        short_name TEXT NOT NULL,
        sector TEXT NOT NULL,
        ${SYNC}
      ) STRICT;
      CREATE INDEX organisations_review ON organisations(review_id);
      -- A short name identifies an organisation in imports and tables, so it is unique per review.
      CREATE UNIQUE INDEX organisations_short_name ON organisations(review_id, short_name COLLATE NOCASE) WHERE deleted = 0;

      CREATE TABLE framework_items (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES reviews(id),
        parent_id TEXT REFERENCES framework_items(id),
        kind TEXT NOT NULL,
        code TEXT NOT NULL,
        title TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL,
        retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
        ours INTEGER NOT NULL DEFAULT 0 CHECK (ours IN (0, 1)),
        source_code TEXT,
        ${SYNC}
      ) STRICT;
      CREATE INDEX framework_items_review ON framework_items(review_id, parent_id, position);
    `);
  },
};
