import type { Migration } from './index';

/**
 * A tagged passage names who said it (a participant of its session), so a quote from a
 * two-person interview is never put in the wrong mouth. Existing tags take their session's only
 * participant; where a session had several, the speaker is "not recorded" (null), never the
 * first. tag_kloes carries the speaker too, so the matrix counts by speaker without a join.
 */
export const tagSpeakers: Migration = {
  version: 13,
  name: 'tag-speakers',
  up: (db) => {
    db.exec(`
      ALTER TABLE tags ADD COLUMN speaker_id TEXT REFERENCES participants(id);
      ALTER TABLE tag_kloes ADD COLUMN speaker_id TEXT;
      UPDATE tags SET speaker_id = (SELECT p.id FROM participants p WHERE p.session_id = tags.session_id AND p.deleted = 0)
        WHERE (SELECT count(*) FROM participants p WHERE p.session_id = tags.session_id AND p.deleted = 0) = 1;
      UPDATE tag_kloes SET speaker_id = (SELECT t.speaker_id FROM tags t WHERE t.id = tag_kloes.tag_id);
      CREATE INDEX IF NOT EXISTS tags_speaker ON tags(speaker_id) WHERE speaker_id IS NOT NULL;
    `);
  },
};
