import type { Migration } from './index';

const SYNC = `hlc TEXT NOT NULL, updated_by TEXT NOT NULL, updated_device TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))`;

/**
 * Sessions (interviews, focus groups, observations…), their participants, notes and tags.
 * Notes are a structured document (ProseMirror JSON) whose text blocks carry stable ids; a tag is
 * a mark inside the document, and the tag row keeps where it was last seen and its quoted text.
 */
export const sessions: Migration = {
  version: 2,
  name: 'sessions',
  up: (db) => {
    db.exec(`
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES reviews(id),
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        held_at TEXT,                 -- local date and time, YYYY-MM-DDTHH:MM
        location TEXT NOT NULL DEFAULT '',
        interviewer_ids TEXT NOT NULL DEFAULT '[]',  -- team member ids (JSON)
        kloe_ids TEXT NOT NULL DEFAULT '[]',         -- framework items chosen for the session (JSON)
        consent_noted INTEGER NOT NULL DEFAULT 0 CHECK (consent_noted IN (0, 1)),
        status TEXT NOT NULL DEFAULT 'draft',
        notes_doc TEXT NOT NULL,
        word_count INTEGER NOT NULL DEFAULT 0,
        ${SYNC}
      ) STRICT;
      CREATE INDEX sessions_review ON sessions(review_id, held_at);

      CREATE TABLE participants (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id),
        designation TEXT NOT NULL,
        organisation_id TEXT REFERENCES organisations(id),
        participant_group TEXT NOT NULL,
        ${SYNC}
      ) STRICT;
      CREATE INDEX participants_session ON participants(session_id);

      -- Real names of participants: sensitive, kept apart so no export or report query can
      -- reach them by accident. Never exported.
      CREATE TABLE participant_identities (
        participant_id TEXT PRIMARY KEY REFERENCES participants(id),
        real_name TEXT NOT NULL,
        ${SYNC}
      ) STRICT;

      CREATE TABLE tags (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES reviews(id),
        session_id TEXT NOT NULL REFERENCES sessions(id),
        stance TEXT NOT NULL,
        is_quote INTEGER NOT NULL DEFAULT 0 CHECK (is_quote IN (0, 1)),
        comment TEXT NOT NULL DEFAULT '',
        kloe_ids TEXT NOT NULL,       -- JSON array; tag_kloes below is its index
        quote TEXT NOT NULL,          -- the tagged words as last seen in the notes
        block_id TEXT,                -- where they were last seen
        start_offset INTEGER,
        end_offset INTEGER,
        doc_order INTEGER NOT NULL DEFAULT 0,  -- position in the notes, for listing in order
        orphaned INTEGER NOT NULL DEFAULT 0 CHECK (orphaned IN (0, 1)),
        ${SYNC}
      ) STRICT;
      CREATE INDEX tags_session ON tags(session_id, doc_order);

      -- Derived from tags (kloe_ids, and the tag's review, session and stance), kept in step by the
      -- service: the per-KLOE view and the evidence matrix read it without touching the tags.
      CREATE TABLE tag_kloes (
        tag_id TEXT NOT NULL REFERENCES tags(id),
        kloe_id TEXT NOT NULL REFERENCES framework_items(id),
        review_id TEXT NOT NULL,
        session_id TEXT NOT NULL,
        stance TEXT NOT NULL,
        PRIMARY KEY (kloe_id, tag_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX tag_kloes_tag ON tag_kloes(tag_id);
      CREATE INDEX tag_kloes_review ON tag_kloes(review_id, kloe_id, stance, session_id);

      -- Derived from sessions.notes_doc: one row per text block, for full-text search.
      CREATE TABLE note_blocks (
        rowid INTEGER PRIMARY KEY,
        review_id TEXT NOT NULL,
        session_id TEXT NOT NULL,
        block_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        UNIQUE (session_id, block_id)
      ) STRICT;
      CREATE INDEX note_blocks_review ON note_blocks(review_id);

      CREATE VIRTUAL TABLE note_blocks_fts USING fts5(
        text, content='note_blocks', content_rowid='rowid',
        tokenize='porter unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER note_blocks_ai AFTER INSERT ON note_blocks BEGIN
        INSERT INTO note_blocks_fts(rowid, text) VALUES (new.rowid, new.text);
      END;
      CREATE TRIGGER note_blocks_ad AFTER DELETE ON note_blocks BEGIN
        INSERT INTO note_blocks_fts(note_blocks_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
      END;
      CREATE TRIGGER note_blocks_au AFTER UPDATE OF text ON note_blocks BEGIN
        INSERT INTO note_blocks_fts(note_blocks_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
        INSERT INTO note_blocks_fts(rowid, text) VALUES (new.rowid, new.text);
      END;
    `);
  },
};
