import { invalid } from '../../shared/errors';
import { encryptDatabase } from '../store/encrypt';
import { changePassphrase, checkPassphrase, isEncrypted, unlockWithPassphrase } from '../store/keys';
import { parse } from './args';
import { passphraseFrom } from './passphrase';
import type { Command } from './commands';

async function newPassphrase(): Promise<string> {
  const first = await passphraseFrom('FIELDBOOK_NEW_PASSPHRASE', 'New passphrase: ');
  checkPassphrase(first);
  if (!process.env.FIELDBOOK_NEW_PASSPHRASE && (await passphraseFrom('FIELDBOOK_NEW_PASSPHRASE', 'The same again: ')) !== first)
    throw invalid('The two passphrases differ. Nothing was changed.');
  return first;
}

/** CLI commands for records management: encryption, the audit trail, retention, deletion. */

/** CLI commands that protect the data: the integrity check, backups, encryption and the passphrase. */
export const PROTECTION_COMMANDS: Command[] = [
  {
    name: 'check',
    summary: 'Check the database integrity and backups',
    usage: 'fieldbook check [--db PATH] [--json]',
    run: async (args, runtime) => {
      parse(args, {});
      const check = await runtime.call('checkDatabase', { full: true });
      runtime.print(check, () => {
        const latest = check.backups[0];
        return [
          `Database: ${check.path} (schema ${check.schemaVersion})`,
          check.ok ? `Integrity: ok · ${check.reviewCount} reviews` : `Integrity: ${check.integrity.length} problems\n  ${check.integrity.slice(0, 10).join('\n  ')}`,
          `Backups: ${check.backups.length} in ${check.backupFolder}${latest ? ` · latest ${latest.createdAt} (${latest.reason})` : ''}`,
        ].join('\n');
      });
      if (!check.ok) runtime.exitCode = 1;
    },
  },
  {
    name: 'backups',
    summary: 'List backups; "backups create" takes one now; "backups restore FILE" restores one (default: the latest)',
    usage: 'fieldbook backups [create | restore [FILE]] [--db PATH] [--json]',
    run: async (args, runtime) => {
      const { positionals } = parse(args, {});
      const [action, file, ...rest] = positionals;
      if (rest.length > 0) throw invalid(`Unexpected argument "${rest[0]}". See fieldbook backups --help.`);
      if (action === undefined) {
        const backups = await runtime.call('listBackups', {});
        runtime.print(backups, () => (backups.length === 0 ? 'No backups yet.' : backups.map((b) => `${b.fileName}  ${b.reason}  ${(b.bytes / 1024).toFixed(0)} KiB`).join('\n')));
      } else if (action === 'create') {
        const info = await runtime.call('backupNow', {});
        runtime.print(info, () => `Backed up to ${info.fileName}`);
      } else if (action === 'restore') {
        const restored = runtime.restore(file);
        runtime.print(
          restored,
          () =>
            `Restored ${restored.fileName}.${restored.keptAside ? ` The damaged database was kept as ${restored.keptAside}.` : ' The previous state was backed up first (reason "pre-restore").'}`,
        );
      } else {
        throw invalid(`Unknown backups action "${action}". Use create or restore.`);
      }
    },
  },
  {
    name: 'encrypt',
    summary: 'Encrypt an existing database, its backups and attachments (passphrase from FIELDBOOK_NEW_PASSPHRASE or asked)',
    usage: `fieldbook encrypt [--db PATH] [--json]
  A verified encrypted copy is made first and kept as a pre-encryption backup. The recovery key is
  printed once: keep it somewhere safe, apart from the laptop. Close the app first.`,
    run: async (args, runtime) => {
      parse(args, {});
      if (isEncrypted(runtime.databasePath)) throw invalid(`${runtime.databasePath} is already encrypted. Change its passphrase with: fieldbook rekey`);
      const passphrase = await newPassphrase();
      const result = encryptDatabase(runtime.databasePath, passphrase);
      runtime.print(result, () =>
        [
          `${runtime.databasePath} is encrypted (${result.backups} older backups and ${result.attachments} attachment files too).`,
          '',
          `Recovery key (shown once; it opens the database if the passphrase is lost): ${result.recovery}`,
        ].join('\n'),
      );
    },
  },
  {
    name: 'rekey',
    summary: "Change an encrypted database's passphrase (current from FIELDBOOK_PASSPHRASE, new from FIELDBOOK_NEW_PASSPHRASE, or asked)",
    usage: 'fieldbook rekey [--db PATH] [--json]',
    run: async (args, runtime) => {
      parse(args, {});
      if (!isEncrypted(runtime.databasePath)) throw invalid(`${runtime.databasePath} is not encrypted. Encrypt it with: fieldbook encrypt`);
      const key = unlockWithPassphrase(runtime.databasePath, await passphraseFrom('FIELDBOOK_PASSPHRASE', 'Current passphrase (or recovery key): '));
      changePassphrase(runtime.databasePath, key, await newPassphrase());
      runtime.print({ changed: true }, () => 'Passphrase changed. The recovery key still works.');
    },
  },
];
