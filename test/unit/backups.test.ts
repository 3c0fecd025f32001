import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKUPS_KEPT, listBackups } from '../../main/store/backups';
import { backupFolderFor } from '../../main/store/paths';
import { Store } from '../../main/store/store';
import { testApps, type TestApp } from '../helpers';

const app = testApps(afterEach);

const reopen = (a: TestApp) => {
  a.context.close();
  a.context.replaceStore(Store.open(a.databasePath));
  // What the app does once its first screen is out, and the CLI once it has answered.
  a.store.afterOpen();
};

describe('rolling backups', () => {
  it('backs up after opening only when something changed since the last backup, never inside the open itself', async () => {
    const a = app();
    reopen(a);
    expect(listBackups(a.databasePath)).toEqual([]); // a new, empty database needs none
    await a.call('createReview', { title: 'Kent', kind: 'progress_review', area: 'Kent' });
    a.context.close();
    a.context.replaceStore(Store.open(a.databasePath));
    expect(listBackups(a.databasePath)).toEqual([]); // the open itself copies nothing
    a.store.afterOpen();
    expect(listBackups(a.databasePath).map((b) => b.reason)).toEqual(['open']);
    reopen(a);
    expect(listBackups(a.databasePath)).toHaveLength(1);
  });

  it(`keeps the newest ${BACKUPS_KEPT}`, async () => {
    const a = app();
    for (let i = 0; i < BACKUPS_KEPT + 3; i += 1) await a.call('backupNow', {});
    const backups = listBackups(a.databasePath);
    expect(backups).toHaveLength(BACKUPS_KEPT);
    expect(fs.readdirSync(path.dirname(path.join(backupFolderFor(a.databasePath), 'x'))).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('restores a backup, keeping the state before it as a pre-restore backup', async () => {
    const a = app();
    const { review } = await a.call('createReview', { title: 'Before', kind: 'progress_review', area: 'Kent' });
    const backup = await a.call('backupNow', {});
    await a.call('updateReview', { reviewId: review.id, title: 'After' });
    await a.call('createReview', { title: 'Another', kind: 'saf_provider', area: 'Kent' });

    const check = await a.call('restoreBackup', { fileName: backup.fileName });
    expect(check.ok).toBe(true);
    expect((await a.call('listReviews', {})).map((r) => r.title)).toEqual(['Before']);

    const preRestore = listBackups(a.databasePath).find((b) => b.reason === 'pre-restore')!;
    await a.call('restoreBackup', { fileName: preRestore.fileName });
    expect((await a.call('listReviews', {})).map((r) => r.title).sort()).toEqual(['After', 'Another']);
  });

  it('refuses a damaged backup and leaves the database as it was', async () => {
    const a = app();
    await a.call('createReview', { title: 'Keep me', kind: 'progress_review', area: 'Kent' });
    const backup = await a.call('backupNow', {});
    fs.writeFileSync(path.join(backupFolderFor(a.databasePath), backup.fileName), 'not a database');
    const error = await a.failure('restoreBackup', { fileName: backup.fileName });
    expect(error.message).toMatch(/cannot be opened|damaged/);
    expect((await a.call('listReviews', {})).map((r) => r.title)).toEqual(['Keep me']);
  });

  it('refuses names that are not backups, including paths', async () => {
    const a = app();
    expect((await a.failure('restoreBackup', { fileName: '../fieldbook.sqlite' })).code).toBe('invalid_input');
    expect((await a.failure('restoreBackup', { fileName: 'fieldbook.20200101T000000000Z.open.sqlite' })).code).toBe('not_found');
  });
});
