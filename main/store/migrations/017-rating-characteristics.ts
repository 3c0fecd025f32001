import type { Migration } from './index';

/**
 * A review's copy of its framework keeps each item's rating characteristics (what the item looks
 * like at outstanding, good, requires improvement and inadequate), as JSON; '' where it has none.
 */
export const ratingCharacteristics: Migration = {
  version: 17,
  name: 'rating-characteristics',
  up: (db) => {
    db.exec(`ALTER TABLE framework_items ADD COLUMN characteristics TEXT NOT NULL DEFAULT '';`);
  },
};
