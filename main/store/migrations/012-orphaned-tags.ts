import type { Migration } from './index';

/**
 * A tag whose words were deleted from the notes (orphaned) is no longer evidence: tag_kloes, the
 * index every count reads (passages view, matrix, cite dialog), now holds anchored tags only.
 * Orphans are found apart, per review, through a small partial index.
 */
export const orphanedTags: Migration = {
  version: 12,
  name: 'orphaned-tags',
  up: (db) => {
    db.exec(`
      DELETE FROM tag_kloes WHERE tag_id IN (SELECT id FROM tags WHERE orphaned = 1);
      CREATE INDEX tags_orphaned ON tags(review_id) WHERE orphaned = 1 AND deleted = 0;
    `);
  },
};
