import type { Migration } from './index';

const SYNC = `hlc TEXT NOT NULL, updated_by TEXT NOT NULL, updated_device TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))`;

/**
 * Evidence items with their reference codes (E001…, never reused: deleted items keep theirs),
 * attachments stored once by SHA-256, evidence ↔ KLOE links, and SAF scores.
 */
export const evidence: Migration = {
  version: 3,
  name: 'evidence',
  up: (db) => {
    db.exec(`
      CREATE TABLE evidence (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES reviews(id),
        ref_number INTEGER NOT NULL,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '',
        source_organisation_id TEXT REFERENCES organisations(id),
        evidence_date TEXT,
        collected_by TEXT REFERENCES team_members(id),
        sensitivity TEXT NOT NULL DEFAULT 'normal',
        evidence_category_id TEXT REFERENCES framework_items(id),
        ${SYNC},
        UNIQUE (review_id, ref_number)
      ) STRICT;

      -- One row per stored file (content-addressed); per laptop, like the files themselves.
      CREATE TABLE attachment_files (
        sha256 TEXT PRIMARY KEY,
        bytes INTEGER NOT NULL,
        media_type TEXT NOT NULL,
        text_content TEXT NOT NULL DEFAULT ''   -- extracted for search
      ) STRICT;

      CREATE TABLE evidence_attachments (
        id TEXT PRIMARY KEY,
        evidence_id TEXT NOT NULL REFERENCES evidence(id),
        sha256 TEXT NOT NULL REFERENCES attachment_files(sha256),
        original_name TEXT NOT NULL,            -- metadata only: never used as a path
        ${SYNC}
      ) STRICT;
      CREATE INDEX evidence_attachments_evidence ON evidence_attachments(evidence_id);

      CREATE TABLE evidence_links (
        id TEXT PRIMARY KEY,
        evidence_id TEXT NOT NULL REFERENCES evidence(id),
        kloe_id TEXT NOT NULL REFERENCES framework_items(id),
        stance TEXT NOT NULL,
        weight TEXT NOT NULL,
        ${SYNC}
      ) STRICT;
      CREATE INDEX evidence_links_evidence ON evidence_links(evidence_id);
      CREATE INDEX evidence_links_kloe ON evidence_links(kloe_id);
      CREATE UNIQUE INDEX evidence_links_unique ON evidence_links(evidence_id, kloe_id) WHERE deleted = 0;

      CREATE TABLE saf_scores (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES reviews(id),
        statement_id TEXT NOT NULL REFERENCES framework_items(id),
        score INTEGER CHECK (score BETWEEN 1 AND 4),
        rationale TEXT NOT NULL DEFAULT '',
        cited_evidence_ids TEXT NOT NULL DEFAULT '[]',
        ${SYNC}
      ) STRICT;
      CREATE UNIQUE INDEX saf_scores_statement ON saf_scores(statement_id) WHERE deleted = 0;

      -- Search over evidence: title, summary and the attachments' text, one row per item.
      CREATE TABLE evidence_search (
        rowid INTEGER PRIMARY KEY,
        review_id TEXT NOT NULL,
        evidence_id TEXT NOT NULL UNIQUE,
        text TEXT NOT NULL
      ) STRICT;
      CREATE VIRTUAL TABLE evidence_search_fts USING fts5(
        text, content='evidence_search', content_rowid='rowid',
        tokenize='porter unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER evidence_search_ai AFTER INSERT ON evidence_search BEGIN
        INSERT INTO evidence_search_fts(rowid, text) VALUES (new.rowid, new.text);
      END;
      CREATE TRIGGER evidence_search_ad AFTER DELETE ON evidence_search BEGIN
        INSERT INTO evidence_search_fts(evidence_search_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
      END;
      CREATE TRIGGER evidence_search_au AFTER UPDATE OF text ON evidence_search BEGIN
        INSERT INTO evidence_search_fts(evidence_search_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
        INSERT INTO evidence_search_fts(rowid, text) VALUES (new.rowid, new.text);
      END;
    `);
  },
};
