import type { Migration } from './index';

const SYNC = `hlc TEXT NOT NULL, updated_by TEXT NOT NULL, updated_device TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))`;

/**
 * Report sections written for the review as a whole rather than for one KLOE or theme, such as
 * the reflections of system leaders. One row per review and section; its id is derived from both,
 * so two laptops writing the same section write the same row.
 */
export const reportTexts: Migration = {
  version: 8,
  name: 'report-texts',
  up: (db) => {
    db.exec(`
      CREATE TABLE report_texts (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES reviews(id),
        section TEXT NOT NULL CHECK (section IN ('reflections')),
        body TEXT NOT NULL,
        body_text TEXT NOT NULL DEFAULT '',
        ${SYNC}
      ) STRICT;
      CREATE UNIQUE INDEX report_texts_section ON report_texts(review_id, section) WHERE deleted = 0;
    `);
  },
};
