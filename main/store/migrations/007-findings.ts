import type { Migration } from './index';

const SYNC = `hlc TEXT NOT NULL, updated_by TEXT NOT NULL, updated_device TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))`;

/**
 * Findings per KLOE or theme, each with its status history, and one summary per item. A
 * finding's text is a document (JSON) with citation nodes; finding_citations is derived from it on
 * every save, so "what cites E012" is a query, never a scan of documents.
 */
export const findings: Migration = {
  version: 7,
  name: 'findings',
  up: (db) => {
    db.exec(`
      CREATE TABLE findings (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES reviews(id),
        item_id TEXT NOT NULL REFERENCES framework_items(id),
        kind TEXT NOT NULL CHECK (kind IN ('strength', 'improvement', 'progress_made', 'still_needed')),
        priority TEXT CHECK (priority IN ('strategic', 'operational', 'engagement')),
        body TEXT NOT NULL,
        body_text TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'ready', 'agreed')),
        status_by TEXT NOT NULL,
        status_at TEXT NOT NULL,
        -- Set when a finding is edited after it was agreed: it went back to "ready" for that reason.
        reopened INTEGER NOT NULL DEFAULT 0 CHECK (reopened IN (0, 1)),
        position INTEGER NOT NULL,
        ${SYNC}
      ) STRICT;
      CREATE INDEX findings_item ON findings(review_id, item_id, position);

      CREATE TABLE finding_events (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES reviews(id),
        finding_id TEXT NOT NULL REFERENCES findings(id),
        status TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        person_id TEXT NOT NULL,
        at TEXT NOT NULL,
        ${SYNC}
      ) STRICT;
      CREATE INDEX finding_events_finding ON finding_events(finding_id, at);

      CREATE TABLE finding_citations (
        finding_id TEXT NOT NULL REFERENCES findings(id),
        review_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('evidence', 'passage')),
        target_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (finding_id, position)
      ) STRICT;
      CREATE INDEX finding_citations_target ON finding_citations(review_id, target_id);

      CREATE TABLE item_summaries (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES reviews(id),
        item_id TEXT NOT NULL REFERENCES framework_items(id),
        body TEXT NOT NULL,
        body_text TEXT NOT NULL DEFAULT '',
        ${SYNC}
      ) STRICT;
      CREATE UNIQUE INDEX item_summaries_item ON item_summaries(review_id, item_id) WHERE deleted = 0;
    `);
  },
};
