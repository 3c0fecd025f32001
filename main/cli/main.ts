import fs from 'node:fs';
import { isEncrypted, unlockWithPassphrase } from '../store/keys';
import { passphraseFrom } from './passphrase';
import { FieldbookError } from '../../shared/errors';
import { toFieldbookError } from '../platform/dispatch';
import { logInternalError } from '../platform/error-log';
import { COMMANDS, findCommand } from './commands';
import { CliRuntime } from './runtime';

/** Exit codes: 0 ok, 1 a user error (one-line message), 2 an internal error. */
export const EXIT = { ok: 0, user: 1, internal: 2 } as const;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const defaultIo: Io = { out: (text) => process.stdout.write(`${text}\n`), err: (text) => process.stderr.write(`${text}\n`) };

function generalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'fieldbook: Fieldbook from the command line',
    '',
    'Usage: fieldbook [--db PATH] [--json] COMMAND [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Global options:',
    "  --db PATH   database file (default: the desktop app's own database)",
    '  --json      print machine-readable JSON',
    '  --help      help for any command, e.g. fieldbook review create --help',
  ].join('\n');
}

/** Takes the global options out of argv wherever they are, leaving the command and its options. */
function splitGlobals(argv: string[]): { db: string | undefined; json: boolean; help: boolean; rest: string[] } {
  let db: string | undefined;
  let json = false;
  let help = false;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--db') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new FieldbookError('invalid_input', '--db needs a file path, e.g. --db ./review.sqlite');
      db = value;
      i += 1;
    } else if (arg.startsWith('--db=')) db = arg.slice(5);
    else if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else rest.push(arg);
  }
  return { db, json, help, rest };
}

/** The command's words, for the log (never its arguments, which may be a review's text). */
function globalsCommand(argv: string[]): string {
  return findCommand(splitGlobals(argv).rest)?.command.name ?? 'fieldbook';
}

export async function runCli(argv: string[], io: Io = defaultIo): Promise<number> {
  let runtime: CliRuntime | null = null;
  try {
    const globals = splitGlobals(argv);
    const found = findCommand(globals.rest);
    if (!found) {
      if (globals.rest.length === 0 || globals.help) {
        io.out(generalHelp());
        return globals.help ? EXIT.ok : EXIT.user;
      }
      throw new FieldbookError('invalid_input', `Unknown command "${globals.rest.join(' ')}". Run fieldbook --help for the list.`);
    }
    if (globals.help) {
      io.out(`${found.command.summary}\n\nUsage: ${found.command.usage}`);
      return EXIT.ok;
    }
    runtime = new CliRuntime(globals.db, globals.json, io.out, io.err);
    // An encrypted database is unlocked before the command runs (encrypt and rekey do their own).
    if (!['encrypt', 'rekey'].includes(found.command.name) && isEncrypted(runtime.databasePath)) {
      runtime.key = unlockWithPassphrase(runtime.databasePath, await passphraseFrom('FIELDBOOK_PASSPHRASE', `Passphrase for ${runtime.databasePath}: `));
    }
    await found.command.run(found.rest, runtime);
    await runtime.settle();
    return runtime.exitCode;
  } catch (caught) {
    const error = toFieldbookError(caught);
    if (error.code !== 'internal') {
      io.err(`fieldbook: ${error.message}`);
      return EXIT.user;
    }
    const message = caught instanceof Error ? (caught.stack ?? caught.message) : String(caught);
    // Failures inside a call were logged by the dispatcher; one in the command itself is logged here.
    const entry =
      runtime && !(caught instanceof FieldbookError) && fs.existsSync(runtime.databasePath) ? logInternalError(runtime.databasePath, globalsCommand(argv), caught) : null;
    io.err(`fieldbook: internal error (please report it${entry ? `; logged in ${entry.file}, reference ${entry.ref}` : ''}): ${message}`);
    return EXIT.internal;
  } finally {
    runtime?.close();
  }
}
