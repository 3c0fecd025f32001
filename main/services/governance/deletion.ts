import fs from 'node:fs';
import { notFound } from '../../../shared/errors';
import { storedPath } from '../../store/attachments';
import { backupPath, listBackups } from '../../store/backups';
import type { Store } from '../../store/store';

/**
 * Deleting a review for real, when its retention ends: every row of it goes (not a tombstone),
 * attachments no other review uses are removed from the store, the search indexes are rebuilt
 * without its words, and the file is vacuumed and checkpointed so no freed page still holds its
 * text. Backups taken before are reported (or removed, if asked, after a fresh one is taken).
 */
const BY_REVIEW = [
  'finding_citations',
  'finding_events',
  'findings',
  'item_summaries',
  'report_texts',
  'action_progress',
  'action_items',
  'indicator_values',
  'indicators',
  'audit_answers',
  'audit_respondents',
  'audit_statements',
  'audit_settings',
  'saf_scores',
  'tag_kloes',
  'tags',
  'note_blocks',
  'evidence_search',
  // Every exchanged version of its records, and what was sent to whom.
  'sync_versions',
  'sync_rows',
  'sync_peers',
  // Its team keys: a deleted review's bundles should not open here any more.
  'team_keys',
  // Its charts as last drawn.
  'chart_cache',
] as const;

export interface DeletionReport {
  title: string;
  rows: number;
  files: number;
  backupsRemoved: number;
  backupsHolding: number;
  message: string;
}

export function deleteReviewForever(store: Store, reviewId: string, purgeBackups: boolean): DeletionReport {
  const review = store.prepare('SELECT title FROM reviews WHERE id = ?').get(reviewId) as { title: string } | undefined;
  if (!review) throw notFound('That review does not exist on this laptop.');
  let rows = 0;
  store.write(() => {
    const run = (sql: string) => (rows += store.prepare(sql).run(reviewId).changes);
    run('DELETE FROM evidence_links WHERE evidence_id IN (SELECT id FROM evidence WHERE review_id = ?)');
    run('DELETE FROM evidence_attachments WHERE evidence_id IN (SELECT id FROM evidence WHERE review_id = ?)');
    for (const table of BY_REVIEW) run(`DELETE FROM ${table} WHERE review_id = ?`);
    // After the tags, which name their speaker.
    run('DELETE FROM participant_identities WHERE participant_id IN (SELECT p.id FROM participants p JOIN sessions s ON s.id = p.session_id WHERE s.review_id = ?)');
    run('DELETE FROM participants WHERE session_id IN (SELECT id FROM sessions WHERE review_id = ?)');
    for (const table of ['sessions', 'evidence', 'team_members', 'organisations', 'framework_items']) run(`DELETE FROM ${table} WHERE review_id = ?`);
    run('DELETE FROM reviews WHERE id = ?');
  });
  // Attachments nobody cites any more: rows and files.
  const orphans = (store.prepare('SELECT sha256 FROM attachment_files WHERE sha256 NOT IN (SELECT sha256 FROM evidence_attachments)').all() as Array<{ sha256: string }>).map(
    (r) => r.sha256,
  );
  store.write(() => {
    for (const sha of orphans) store.prepare('DELETE FROM attachment_files WHERE sha256 = ?').run(sha);
  });
  let files = 0;
  for (const sha of orphans) {
    const file = storedPath(store.path, sha);
    if (fs.existsSync(file)) {
      fs.rmSync(file);
      files += 1;
    }
  }
  // The full-text indexes keep deleted terms in old segments until merged: merge them away, then
  // rewrite the file so no free page or WAL frame still holds the review's words.
  store.db.exec("INSERT INTO note_blocks_fts(note_blocks_fts) VALUES('rebuild'); INSERT INTO evidence_search_fts(evidence_search_fts) VALUES('rebuild');");
  store.db.exec('VACUUM');
  store.db.pragma('wal_checkpoint(TRUNCATE)');

  const before = listBackups(store.path);
  let backupsRemoved = 0;
  if (purgeBackups) {
    store.backup('manual');
    for (const backup of before) {
      fs.rmSync(backupPath(store.path, backup.fileName), { force: true });
      backupsRemoved += 1;
    }
  }
  const holding = purgeBackups ? 0 : before.length;
  const message =
    holding === 0
      ? `"${review.title}" is gone: ${rows} records and ${files} attachment files deleted${backupsRemoved ? `, and the ${backupsRemoved} backups that held it removed` : ''}.`
      : `"${review.title}" is deleted from the database (${rows} records, ${files} attachment files). ${holding} backup${holding === 1 ? '' : 's'} taken before today still hold it. Fieldbook keeps the newest 10 backups, so the last copy is gone after 10 more backups; delete them now with --purge-backups.`;
  return { title: review.title, rows, files, backupsRemoved, backupsHolding: holding, message };
}
