import readline from 'node:readline';
import { invalid } from '../../shared/errors';

/**
 * Passphrases come from the environment or from a hidden prompt, never from a command-line
 * argument (which other users of the machine can see in the process list, and shells keep).
 */
export async function passphraseFrom(variable: 'FIELDBOOK_PASSPHRASE' | 'FIELDBOOK_NEW_PASSPHRASE', question: string): Promise<string> {
  const fromEnv = process.env[variable];
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw invalid(`The database is encrypted: set ${variable} or run in a terminal to be asked for the passphrase.`);
  return askHidden(question);
}

export function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const output = rl as unknown as { _writeToOutput: (text: string) => void; output: NodeJS.WriteStream };
    let asked = false;
    // Echo the question, then nothing of what is typed.
    output._writeToOutput = (text: string) => {
      if (!asked) process.stderr.write(text);
    };
    rl.question(question, (answer) => {
      process.stderr.write('\n');
      rl.close();
      resolve(answer);
    });
    asked = true;
  });
}
