import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FieldbookError } from '../../shared/errors';
import { defaultDatabasePath, resolveDatabasePath } from '../store/paths';
import { startPreviewServer } from './server';
import { isEncrypted, unlockWithPassphrase } from '../store/keys';

/** `npm run preview`: serves the built UI and the real services on 127.0.0.1. */
async function main(): Promise<void> {
  let values: { db?: string | undefined; port: string; static?: string | undefined; 'require-encryption': boolean };
  try {
    ({ values } = parseArgs({
      options: { db: { type: 'string' }, port: { type: 'string', default: '5180' }, static: { type: 'string' }, 'require-encryption': { type: 'boolean', default: false } },
      strict: true,
    }));
  } catch (error) {
    throw new FieldbookError(
      'invalid_input',
      `${(error as Error).message}. Options: --db PATH, --port N (0 = any free port), --require-encryption (as the desktop app: an unencrypted database is encrypted before anything is shown).`,
    );
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new FieldbookError('invalid_input', `--port must be a number from 0 to 65535 (got "${values.port}").`);
  let databasePath: string;
  if (values.db === undefined) {
    databasePath = defaultDatabasePath();
    fs.mkdirSync(path.dirname(databasePath), { recursive: true });
  } else databasePath = resolveDatabasePath(values.db);
  const staticDir = values.static ?? path.join(__dirname, '..', 'renderer');
  // An encrypted database needs its passphrase: from the environment, or else the page asks for
  // it (the preview starts locked, as the app does). Never from an argument.
  const passphrase = process.env.FIELDBOOK_PASSPHRASE;
  const encrypted = isEncrypted(databasePath);
  const key = encrypted && passphrase ? unlockWithPassphrase(databasePath, passphrase) : undefined;
  const preview = await startPreviewServer({ databasePath, port, staticDir, key, startLocked: encrypted && !key, encryptionRequired: values['require-encryption'] }).catch(
    (error: unknown) => {
      if ((error as { code?: string }).code === 'EADDRINUSE') {
        throw new FieldbookError('invalid_input', `Port ${port} is already in use (is another preview running?). Choose another with --port, or --port 0 for any free port.`);
      }
      throw error;
    },
  );
  console.log(`Fieldbook preview (database ${databasePath}${encrypted && !key ? ', locked: the page asks for the passphrase' : ''})`);
  console.log(`Open: ${preview.url}#token=${preview.token}`);
  const stop = () => void preview.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`fieldbook preview: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(error instanceof FieldbookError && error.code !== 'internal' ? 1 : 2);
});
