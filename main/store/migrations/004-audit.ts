import type { Migration } from './index';

const SYNC = `hlc TEXT NOT NULL, updated_by TEXT NOT NULL, updated_device TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))`;

/** The relational audit: the review's own questionnaire, respondents and their answers. */
export const audit: Migration = {
  version: 4,
  name: 'audit',
  up: (db) => {
    db.exec(`
      CREATE TABLE audit_statements (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES reviews(id),
        code TEXT NOT NULL,
        domain TEXT NOT NULL,
        text TEXT NOT NULL,
        reversed INTEGER NOT NULL DEFAULT 0 CHECK (reversed IN (0, 1)),
        position INTEGER NOT NULL,
        retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
        ${SYNC}
      ) STRICT;
      CREATE UNIQUE INDEX audit_statements_code ON audit_statements(review_id, code COLLATE NOCASE) WHERE deleted = 0;

      CREATE TABLE audit_respondents (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES reviews(id),
        identifier TEXT NOT NULL,
        organisation_id TEXT NOT NULL REFERENCES organisations(id),
        role TEXT NOT NULL,
        ${SYNC}
      ) STRICT;
      CREATE UNIQUE INDEX audit_respondents_identifier ON audit_respondents(review_id, identifier COLLATE NOCASE) WHERE deleted = 0;

      -- One answer per respondent, statement and organisation rated; a null score is "not answered".
      CREATE TABLE audit_answers (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES reviews(id),
        respondent_id TEXT NOT NULL REFERENCES audit_respondents(id),
        statement_id TEXT NOT NULL REFERENCES audit_statements(id),
        about_organisation_id TEXT NOT NULL REFERENCES organisations(id),
        score INTEGER CHECK (score BETWEEN 1 AND 5),
        comment TEXT NOT NULL DEFAULT '',
        ${SYNC}
      ) STRICT;
      CREATE UNIQUE INDEX audit_answers_unique ON audit_answers(respondent_id, statement_id, about_organisation_id) WHERE deleted = 0;
      CREATE INDEX audit_answers_review ON audit_answers(review_id);

      CREATE TABLE audit_settings (
        review_id TEXT PRIMARY KEY REFERENCES reviews(id),
        min_respondents INTEGER NOT NULL DEFAULT 3 CHECK (min_respondents >= 1),
        ${SYNC}
      ) STRICT;
    `);
  },
};
