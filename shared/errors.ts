/**
 * Errors that cross every binding (IPC, preview HTTP, CLI) as data. The message is written for a
 * reviewer: it says what is wrong and what to do.
 */
export type ErrorCode =
  | 'invalid_input' // the request does not make sense; nothing was changed
  | 'not_found' // the thing asked for does not exist (or was deleted)
  | 'conflict' // it would clash with something that exists (e.g. a duplicate short name)
  | 'storage' // the database file cannot be used as it is (missing folder, damaged, newer)
  | 'locked' // the app is locked: only the lock screen's own calls are answered
  | 'internal'; // a bug: the message says so

export interface FieldIssue {
  /** Dotted path of the field, e.g. `organisations.1.shortName`. */
  field: string;
  message: string;
}

export interface ErrorData {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export class FieldbookError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];

  constructor(code: ErrorCode, message: string, issues: FieldIssue[] = []) {
    super(message);
    this.name = 'FieldbookError';
    this.code = code;
    this.issues = issues;
  }

  toData(): ErrorData {
    return this.issues.length > 0 ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }

  static fromData(data: ErrorData): FieldbookError {
    return new FieldbookError(data.code, data.message, data.issues ?? []);
  }
}

export function isFieldbookError(error: unknown): error is FieldbookError {
  return error instanceof FieldbookError;
}

export const invalid = (message: string, issues: FieldIssue[] = []): FieldbookError => new FieldbookError('invalid_input', message, issues);
export const notFound = (message: string): FieldbookError => new FieldbookError('not_found', message);
export const conflict = (message: string, issues: FieldIssue[] = []): FieldbookError => new FieldbookError('conflict', message, issues);
