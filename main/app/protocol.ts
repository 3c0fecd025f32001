import fs from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY, STATIC_TYPES } from '../security-policy';

/** The UI is served from app://fieldbook/, never file://, so it has an origin we can check. */
export const APP_ORIGIN = 'app://fieldbook/';

export async function handleAppProtocol(request: Request, rendererDir: string): Promise<Response> {
  let url: URL;
  let decoded: string;
  try {
    url = new URL(request.url);
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return new Response('Bad request', { status: 400 }); // a malformed %-escape must not throw
  }
  if (decoded.includes('\0')) return new Response('Bad request', { status: 400 });
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${decoded}`);
  if (url.host !== 'fieldbook' || (file !== root && !file.startsWith(root + path.sep))) {
    return new Response('Not found', { status: 404 });
  }
  try {
    const body = await fs.readFile(file);
    return new Response(body, {
      headers: {
        'Content-Type': STATIC_TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}
