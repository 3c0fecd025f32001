import type { Migration } from './index';

const SYNC = `hlc TEXT NOT NULL, updated_by TEXT NOT NULL, updated_device TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))`;

/** The local data profile (indicators and their values by period) and the system's action plan. */
export const profile: Migration = {
  version: 6,
  name: 'profile',
  up: (db) => {
    db.exec(`
      CREATE TABLE indicators (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES reviews(id),
        code TEXT NOT NULL,
        name TEXT NOT NULL,
        unit TEXT NOT NULL DEFAULT '',
        lower_is_better INTEGER NOT NULL DEFAULT 1 CHECK (lower_is_better IN (0, 1)),
        built_in INTEGER NOT NULL DEFAULT 0 CHECK (built_in IN (0, 1)),
        position INTEGER NOT NULL,
        ${SYNC}
      ) STRICT;
      CREATE UNIQUE INDEX indicators_code ON indicators(review_id, code COLLATE NOCASE) WHERE deleted = 0;

      -- One value per indicator and period; period_start ("YYYY-MM") puts them in time order.
      CREATE TABLE indicator_values (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES reviews(id),
        indicator_id TEXT NOT NULL REFERENCES indicators(id),
        period TEXT NOT NULL,
        period_start TEXT NOT NULL,
        period_months INTEGER NOT NULL CHECK (period_months IN (1, 3)),
        area REAL NOT NULL,
        england REAL,
        comparator REAL,
        flag TEXT CHECK (flag IN ('better', 'similar', 'worse')),
        demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
        note TEXT NOT NULL DEFAULT '',
        ${SYNC}
      ) STRICT;
      CREATE UNIQUE INDEX indicator_values_period ON indicator_values(indicator_id, period) WHERE deleted = 0;
      CREATE INDEX indicator_values_review ON indicator_values(review_id, indicator_id, period_start);

      CREATE TABLE action_items (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES reviews(id),
        ref_number INTEGER NOT NULL,
        theme_item_id TEXT NOT NULL REFERENCES framework_items(id),
        priority TEXT NOT NULL CHECK (priority IN ('strategic', 'operational', 'engagement')),
        action TEXT NOT NULL,
        -- Owner organisations' ids as a JSON array: one field, so a merge sees one change.
        owner_ids TEXT NOT NULL DEFAULT '[]',
        due TEXT,
        status TEXT NOT NULL CHECK (status IN ('not_started', 'on_track', 'at_risk', 'overdue', 'complete')),
        ${SYNC}
      ) STRICT;
      CREATE UNIQUE INDEX action_items_ref ON action_items(review_id, ref_number);
      CREATE INDEX action_items_review ON action_items(review_id, theme_item_id);

      CREATE TABLE action_progress (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES reviews(id),
        action_id TEXT NOT NULL REFERENCES action_items(id),
        note_date TEXT NOT NULL,
        text TEXT NOT NULL,
        -- Cited evidence ids as a JSON array.
        evidence_ids TEXT NOT NULL DEFAULT '[]',
        ${SYNC}
      ) STRICT;
      CREATE INDEX action_progress_action ON action_progress(action_id, note_date);
    `);
  },
};
