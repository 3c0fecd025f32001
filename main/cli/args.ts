import { parseArgs, type ParseArgsConfig } from 'node:util';
import { FieldbookError } from '../../shared/errors';

/** Flags every command understands. */
export const GLOBAL_OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

export interface Parsed<T> {
  values: T & { db?: string; json: boolean; help: boolean };
  positionals: string[];
}

/** node:util parseArgs, with its errors turned into one-line user errors. */
export function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...GLOBAL_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(/^Unknown option '(.+?)'.*$/s, 'Unknown option $1');
    throw new FieldbookError('invalid_input', `${message}. See --help.`);
  }
}
