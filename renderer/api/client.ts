import { METHOD_NAMES, type Api, type MethodName } from '../../shared/api/contract';
import type { Envelope } from '../../shared/api/envelope';
import { FieldbookError } from '../../shared/errors';

/** The Electron preload exposes one function per call under window.fieldbook. */
type Bridge = Record<MethodName, (request: unknown) => Promise<Envelope<unknown>>>;
declare global {
  interface Window {
    fieldbook?: Bridge;
  }
}

const TOKEN_KEY = 'fieldbook.previewToken';

/**
 * In the browser preview the token arrives once in the address (#token=…); keep it for this tab
 * and take it out of the address bar.
 */
function previewToken(): string {
  const match = /(?:^#|&)token=([\w-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    const rest = window.location.hash.replace(/(?:^#|&)token=[\w-]+/, '').replace(/^&/, '');
    history.replaceState(null, '', `${window.location.pathname}${rest ? `#${rest}` : ''}`);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

type Transport = (method: MethodName, request: unknown) => Promise<Envelope<unknown>>;

function httpTransport(): Transport {
  const token = previewToken();
  return async (method, request) => {
    let response: Response;
    try {
      response = await fetch(`api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(request ?? {}),
      });
    } catch {
      return { ok: false, error: { code: 'internal', message: 'The Fieldbook preview server is not running. Start it again with npm run preview.' } };
    }
    return (await response.json()) as Envelope<unknown>;
  };
}

function createApi(): Api {
  const bridge = window.fieldbook;
  const transport: Transport = bridge ? (method, request) => bridge[method](request) : httpTransport();
  const api: Record<string, (request: unknown) => Promise<unknown>> = {};
  for (const method of METHOD_NAMES) {
    api[method] = async (request: unknown) => {
      const envelope = await transport(method, request);
      if (!envelope.ok) {
        // Locked in the main process: the lock screen comes up, whoever asked.
        if (envelope.error.code === 'locked') window.dispatchEvent(new Event('fieldbook:locked'));
        throw FieldbookError.fromData(envelope.error);
      }
      return envelope.value;
    };
  }
  return api as unknown as Api;
}

export const api: Api = createApi();

/** The message to show for any failure: ours are written for reviewers already. */
export function messageOf(error: unknown): string {
  if (error instanceof FieldbookError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** Field-level messages of a failed call, keyed by field name (last path segment). */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof FieldbookError)) return {};
  return Object.fromEntries(error.issues.map((issue) => [issue.field.split('.').at(-1) ?? issue.field, issue.message]));
}
