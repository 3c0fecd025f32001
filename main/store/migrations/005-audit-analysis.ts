import type { Migration } from './index';

/**
 * The relational audit analysis reads every answer of a review (100,000 at scale L). A covering
 * index lets it walk one compact b-tree instead of the wide rows, and a partial index finds the
 * few answers with a comment without reading the rest.
 */
export const auditAnalysis: Migration = {
  version: 5,
  name: 'audit-analysis',
  up: (db) => {
    db.exec(`
      DROP INDEX audit_answers_review;
      CREATE INDEX audit_answers_analysis ON audit_answers(review_id, deleted, respondent_id, about_organisation_id, statement_id, score);
      CREATE INDEX audit_answers_comments ON audit_answers(review_id) WHERE comment <> '';
    `);
  },
};
