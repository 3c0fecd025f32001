import type { z } from 'zod';
import { contract, isMethodName, type MethodName } from '../../shared/api/contract';
import type { Envelope } from '../../shared/api/envelope';
import { FieldbookError, invalid, type FieldIssue } from '../../shared/errors';
import type { AppContext, Handler } from './context';
import { handlers } from './handlers';
import { activityFor } from './activity';
import { diskFull, isDiskFull } from '../store/files';
import { logInternalError } from './error-log';

/**
 * The single entry point every binding (IPC, preview HTTP, CLI) calls. It parses the request
 * with the contract's schema, runs the handler, checks the response and turns every failure into
 * a typed error. Handlers never see unparsed input.
 */
export async function dispatch(context: AppContext, method: string, payload: unknown): Promise<Envelope<unknown>> {
  try {
    if (!isMethodName(method)) throw invalid(`Fieldbook has no call named "${method}".`);
    const value = await invoke(context, method, payload);
    return { ok: true, value };
  } catch (error) {
    const failure = toFieldbookError(error);
    return { ok: false, error: (failure.code === 'internal' ? logged(context, method, error, failure) : failure).toData() };
  }
}

/** An internal error goes to the log with its stack; the reviewer is told where, to send it on. */
function logged(context: AppContext, method: string, error: unknown, failure: FieldbookError): FieldbookError {
  const entry = logInternalError(context.store.path, method, error);
  if (!entry) return failure;
  return new FieldbookError(
    'internal',
    `${failure.message} The details (no notes or names) are in ${entry.file}, reference ${entry.ref}: please send that file to whoever supports Fieldbook.`,
  );
}

export async function invoke<M extends MethodName>(context: AppContext, method: M, payload: unknown): Promise<unknown> {
  const spec = contract[method];
  const parsed = spec.request.safeParse(payload ?? {});
  if (!parsed.success) throw fromZod(parsed.error);
  const handler = handlers[method] as Handler<M>;
  const activity = activityFor(context.store, method, parsed.data);
  // An export changes nothing stored, so it is recorded when it starts.
  if (activity.action === 'export') context.store.record(activity);
  const result = await context.store.withActivity(activity, async () => handler(parsed.data as Parameters<Handler<M>>[0], context));
  // A response that does not match the contract is our bug, not the user's: report it as such.
  const checked = spec.response.safeParse(result);
  if (!checked.success) throw new FieldbookError('internal', `Fieldbook produced an invalid answer to ${method}: ${checked.error.issues[0]?.message ?? ''}. Please report this.`);
  return checked.data;
}

export function fromZod(error: z.ZodError): FieldbookError {
  const issues: FieldIssue[] = error.issues.map((issue) => ({ field: issue.path.join('.') || '(request)', message: issue.message }));
  const summary = issues.map((issue) => (issue.field === '(request)' ? issue.message : `${issue.field}: ${issue.message}`)).join('; ');
  return invalid(summary, issues);
}

export function toFieldbookError(error: unknown): FieldbookError {
  if (error instanceof FieldbookError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE') return new FieldbookError('conflict', 'That would duplicate something already in the review.');
  if (isDiskFull(error)) return diskFull();
  if (code === 'SQLITE_BUSY') return new FieldbookError('storage', 'The database is busy in another Fieldbook window or command. Try again in a moment.');
  const message = error instanceof Error ? error.message : String(error);
  return new FieldbookError('internal', `Something went wrong inside Fieldbook: ${message}`);
}
