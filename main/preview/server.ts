import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { FieldbookError } from '../../shared/errors';
import { BACKUP_INTERVAL_MINUTES, CONTENT_SECURITY_POLICY, STATIC_TYPES } from '../security-policy';
import { AppContext } from '../platform/context';
import { LockedStart } from '../services/protection/locked-start';
import { Store } from '../store/store';
import { scheduleAfterOpen } from '../platform/after-open';

/**
 * The browser preview: the real UI and the real services over loopback HTTP. Only 127.0.0.1,
 * only requests whose Host is ours (defeats DNS rebinding), and every API call must carry the
 * random token printed at start-up (other local web pages cannot learn it).
 */
export interface PreviewOptions {
  databasePath: string;
  /** The data key, when the database is encrypted and its passphrase was given at start. */
  key?: Buffer | undefined;
  /** An encrypted database whose passphrase the UI asks for (see LockedStart). */
  startLocked?: boolean;
  /** As the desktop app: an unencrypted database is encrypted before anything is shown. */
  encryptionRequired?: boolean;
  port: number;
  staticDir: string;
  token?: string;
  /** How long after opening the backup and the full check wait (tests set it short). */
  afterOpenDelayMs?: number;
}

export interface PreviewServer {
  url: string;
  token: string;
  /** The open database; null until a locked start is unlocked. */
  context: () => AppContext | null;
  close: () => Promise<void>;
}

// Room for a 20 MB notes file sent as base64.
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export async function startPreviewServer(options: PreviewOptions): Promise<PreviewServer> {
  const openWith = (key: Buffer | undefined) => {
    const context = Object.assign(new AppContext(Store.open(options.databasePath, { key })), { encryptionRequired: options.encryptionRequired ?? false });
    scheduleAfterOpen(context, (warning) => console.error(`fieldbook preview: ${warning}`), options.afterOpenDelayMs);
    return context;
  };
  const gate = options.startLocked ? new LockedStart(options.databasePath, openWith) : LockedStart.opened(openWith(options.key), openWith);
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  let port = options.port;

  // Any page the reviewer visits can send requests here: every one gets an answer, and none can
  // stop the server (a malformed %-escape once threw an uncaught URIError and ended the process).
  const server = http.createServer((req, res) => {
    try {
      const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
      if (!allowedHosts.includes(req.headers.host ?? '')) return send(res, 421, 'text/plain', 'Wrong host');
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      if (url.pathname.startsWith('/api/')) {
        handleApi(req, res, url.pathname.slice('/api/'.length)).catch(() => fail(res, 500));
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed');
      serveStatic(options.staticDir, url.pathname, res);
    } catch {
      fail(res, 400);
    }
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
  });

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, method: string): Promise<void> {
    const auth = Buffer.from(req.headers.authorization ?? '');
    if (auth.length !== expected.length || !crypto.timingSafeEqual(auth, expected)) {
      return sendJson(res, 401, {
        ok: false,
        error: { code: 'invalid_input', message: 'The preview token is missing or wrong. Open the address the preview printed when it started.' },
      });
    }
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: 'Use POST' } });
    if (!/^[A-Za-z]{1,64}$/.test(method)) return sendJson(res, 404, { ok: false, error: { code: 'invalid_input', message: 'Fieldbook has no such call.' } });
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(res, 415, { ok: false, error: { code: 'invalid_input', message: 'Send JSON' } });
    }
    let payload: unknown;
    try {
      payload = JSON.parse(await readBody(req));
    } catch (error) {
      const message = error instanceof FieldbookError ? error.message : 'The request body is not valid JSON.';
      return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message } });
    }
    sendJson(res, 200, await gate.dispatch(method, payload));
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    gate.close();
    throw error;
  }
  port = (server.address() as { port: number }).port;

  const backupTimer = setInterval(() => {
    const store = gate.current?.store;
    const before = store?.warnings.length ?? 0;
    store?.safeBackup('interval');
    for (const warning of store?.warnings.slice(before) ?? []) console.error(`fieldbook preview: ${warning}`);
  }, BACKUP_INTERVAL_MINUTES * 60_000);
  backupTimer.unref();

  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    context: () => gate.current,
    close: () =>
      new Promise((resolve) => {
        clearInterval(backupTimer);
        server.closeAllConnections();
        server.close(() => {
          gate.close();
          resolve();
        });
      }),
  };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new FieldbookError('invalid_input', 'The request is too large.'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Answers a request that went wrong, unless an answer is already on its way. */
function fail(res: http.ServerResponse, status: 400 | 500): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  send(res, status, 'text/plain', status === 400 ? 'Bad request' : 'Something went wrong');
}

/** A %-decoded path, or null when its escapes are malformed (`/%E0%A4%A`). */
export function decodedPath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

function serveStatic(staticDir: string, pathname: string, res: http.ServerResponse): void {
  const root = path.resolve(staticDir);
  const decoded = decodedPath(pathname);
  if (decoded === null || decoded.includes('\0')) return send(res, 400, 'text/plain', 'Bad request');
  let file = path.resolve(root, `.${decoded}`);
  // Never serve anything outside the built UI folder.
  if (file !== root && !file.startsWith(root + path.sep)) return send(res, 404, 'text/plain', 'Not found');
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
  if (!fs.existsSync(file)) return send(res, 500, 'text/plain', `The UI is not built: ${file} is missing. Run npm run build.`);
  send(res, 200, STATIC_TYPES[path.extname(file)] ?? 'application/octet-stream', fs.readFileSync(file));
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}
