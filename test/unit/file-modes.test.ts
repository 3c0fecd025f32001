import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppContext } from '../../main/platform/context';
import { invoke } from '../../main/platform/dispatch';
import { attachmentsDir } from '../../main/store/attachments';
import { backupFolderFor } from '../../main/store/paths';
import { encryptDatabase } from '../../main/store/encrypt';
import { keyFilePath } from '../../main/store/keys';
import { Store } from '../../main/store/store';
import { tempDir } from '../helpers';

/**
 * What people said about care is readable by the laptop's owner only: every file Fieldbook writes
 * for a database is 0600 (attachments 0400), every folder 0700, whatever the process umask says.
 */
const mode = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);
function everything(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).map((entry) => path.join(dir, entry));
}

describe('file modes', { skip: process.platform === 'win32' }, () => {
  it('makes the database, its WAL, backups, attachments and key file owner-only, under a permissive umask', { timeout: 60_000 }, async () => {
    const previous = process.umask(0o002);
    try {
      const dir = tempDir();
      const databasePath = path.join(dir, 'fieldbook.sqlite');
      const context = new AppContext(Store.open(databasePath, {}));
      const demo = (await invoke(context, 'createDemoReview', {})) as { review: { id: string } };
      await invoke(context, 'addEvidence', {
        reviewId: demo.review.id,
        kind: 'document',
        title: 'Plan',
        attachments: [{ name: 'plan.txt', dataBase64: Buffer.from('the plan').toString('base64') }],
      });
      await invoke(context, 'backupNow', {});
      expect(mode(databasePath)).toBe('600');
      expect(mode(`${databasePath}-wal`)).toBe('600');
      for (const file of everything(backupFolderFor(databasePath))) expect(`${file} ${mode(file)}`).toBe(`${file} ${fs.statSync(file).isDirectory() ? '700' : '600'}`);
      for (const file of everything(attachmentsDir(databasePath))) expect(`${file} ${mode(file)}`).toBe(`${file} ${fs.statSync(file).isDirectory() ? '700' : '400'}`);
      expect(mode(backupFolderFor(databasePath))).toBe('700');
      context.close();

      encryptDatabase(databasePath, 'kettle umbrella galaxy harbour');
      expect(mode(keyFilePath(databasePath))).toBe('600');
      expect(mode(databasePath)).toBe('600');
      for (const file of everything(backupFolderFor(databasePath))) if (fs.statSync(file).isFile()) expect(`${file} ${mode(file)}`).toBe(`${file} 600`);
    } finally {
      process.umask(previous);
    }
  });

  it('tightens a database an older Fieldbook left readable by others when it opens it', () => {
    const databasePath = path.join(tempDir(), 'old.sqlite');
    Store.open(databasePath, {}).close();
    fs.chmodSync(databasePath, 0o644);
    Store.open(databasePath, {}).close();
    expect(mode(databasePath)).toBe('600');
  });
});
