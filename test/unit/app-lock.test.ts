import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../main/preview/server';
import { encryptDatabase } from '../../main/store/encrypt';
import { Store } from '../../main/store/store';
import { tempDir } from '../helpers';

/**
 * Locked means locked: while the app is locked the server answers no data call at all (a reload
 * or a direct call gets nothing), the database is closed so its key is no longer in memory, and
 * only the passphrase opens it again.
 */
const PASSPHRASE = 'lock screen passphrase';
const servers: PreviewServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function preview(
  encrypted: boolean,
): Promise<{ server: PreviewServer; call: (method: string, payload?: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> }> {
  const dir = tempDir();
  const ui = path.join(dir, 'ui');
  fs.mkdirSync(ui);
  fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>Fieldbook</title>');
  const databasePath = path.join(dir, 'lock.sqlite');
  Store.open(databasePath).close();
  let key: Buffer | undefined;
  if (encrypted) {
    encryptDatabase(databasePath, PASSPHRASE);
    key = (await import('../../main/store/keys')).unlockWithPassphrase(databasePath, PASSPHRASE);
  }
  const server = await startPreviewServer({ databasePath, port: 0, staticDir: ui, key });
  servers.push(server);
  const call = async (method: string, payload: unknown = {}) => {
    const response = await fetch(`${server.url}api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
      body: JSON.stringify(payload),
    });
    return (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  };
  return { server, call };
}

describe('the app lock, in the main process', () => {
  it('answers no data call while locked, drops the key, and opens again only with the passphrase', { timeout: 60_000 }, async () => {
    const { server, call } = await preview(true);
    expect((await call('createDemoReview')).ok).toBe(true);
    const store = server.context()?.store;
    expect(store?.key).not.toBeNull();
    expect(await call('lock')).toEqual({ ok: true, value: { locked: true } });
    // The database is closed and its key forgotten.
    expect(server.context()).toBeNull();
    expect(store?.db.open).toBe(false);
    expect(store?.key).toBeNull();
    // A reload, or any page, asking for data gets nothing.
    for (const method of ['listReviews', 'getIdentity', 'checkDatabase', 'getAuditTrail', 'backupNow', 'setLockSettings']) {
      const answer = await call(method, method === 'setLockSettings' ? { idleMinutes: 5 } : {});
      expect(answer, method).toMatchObject({ ok: false, error: { code: 'locked' } });
    }
    expect(await call('getProtection')).toMatchObject({ ok: true, value: { encrypted: true, lockedAtStart: true } });
    expect(await call('lock')).toEqual({ ok: true, value: { locked: true } });
    expect(await call('unlock', { passphrase: 'not the passphrase' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not right/) } });
    expect((await call('listReviews')).ok).toBe(false);
    expect(await call('unlock', { passphrase: PASSPHRASE })).toEqual({ ok: true, value: { unlocked: true } });
    const reviews = await call('listReviews');
    expect(reviews.ok).toBe(true);
    expect((reviews.value as unknown[]).length).toBe(1);
  });

  it('keeps the unlock throttle: after five wrong passphrases even the right one waits', { timeout: 120_000 }, async () => {
    const { call } = await preview(true);
    await call('lock');
    for (let i = 0; i < 5; i += 1) await call('unlock', { passphrase: `wrong ${i} passphrase` });
    expect(await call('unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Too many wrong passphrases/) } });
    expect((await call('listReviews')).ok).toBe(false);
  });

  it('locks an unencrypted database too: no data until the lock screen is passed', async () => {
    const { server, call } = await preview(false);
    await call('createDemoReview');
    await call('lock');
    expect(server.context()).toBeNull();
    expect(await call('listReviews')).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await call('getProtection')).toMatchObject({ ok: true, value: { encrypted: false, lockedAtStart: true } });
    expect((await call('unlock', { passphrase: '' })).ok).toBe(true);
    expect(((await call('listReviews')).value as unknown[]).length).toBe(1);
  });
});

describe('the preview server under hostile requests', () => {
  /** Raw bytes on a socket: the request line is sent exactly as given, however malformed. */
  function raw(port: number, text: string): Promise<string> {
    return new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.end(text));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
      socket.on('close', () => resolve(answer));
      socket.on('error', () => resolve(answer));
    });
  }
  const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);

  it('answers malformed addresses, headers and bodies with an error, and keeps serving', { timeout: 60_000 }, async () => {
    const { server, call } = await preview(false);
    const port = Number(new URL(server.url).port);
    const host = `Host: 127.0.0.1:${port}\r\n`;
    const get = (target: string) => raw(port, `GET ${target} HTTP/1.1\r\n${host}Connection: close\r\n\r\n`);
    // Malformed %-escapes: a plain 400 (one of them used to end the process).
    for (const target of ['/..%c0%af', '/%E0%A4%A', '/%', '/%zz', '/assets/%ff%fe%fd', '/a%00b']) expect(statusOf(await get(target)), target).toBe(400);
    // Paths that try to climb out get the UI's own page at most, never a file from outside it.
    for (const target of ['/..%2f..%2fetc%2fpasswd', '//etc/passwd', '/../../etc/passwd']) {
      const answer = await get(target);
      expect([200, 404], target).toContain(statusOf(answer));
      expect(answer).not.toMatch(/root:x:0/);
    }
    expect([414, 431]).toContain(statusOf(await get(`/${'a'.repeat(20_000)}`)));
    const post = (target: string, headers: string, body: string) =>
      raw(port, `POST ${target} HTTP/1.1\r\n${host}${headers}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    const auth = `Authorization: Bearer ${server.token}\r\nContent-Type: application/json\r\n`;
    expect(statusOf(await post('/api/listReviews', auth, '{not json'))).toBe(400);
    expect(statusOf(await post('/api/%E0%A4%A', auth, '{}'))).toBeGreaterThanOrEqual(400);
    expect(statusOf(await post('/api/listReviews', `${auth}X-Odd: \u00ff\u00fe\r\n`, 'null'))).toBe(200);
    expect(statusOf(await post('/api/createReview', auth, JSON.stringify({ title: { toString: 1 }, kind: [], area: null })))).toBe(200);
    expect(statusOf(await raw(port, 'NONSENSE\r\n\r\n'))).toBe(400);
    expect(statusOf(await raw(port, `GET / HTTP/1.1\r\n${host}Content-Length: -5\r\n\r\n`))).toBe(400);
    // Still alive and serving.
    expect((await call('listReviews')).ok).toBe(true);
    const page = await new Promise<number>((resolve) =>
      http.get({ host: '127.0.0.1', port, path: '/', headers: { Host: `127.0.0.1:${port}` } }, (res) => resolve(res.statusCode ?? 0)),
    );
    expect(page).toBe(200);
  });
});

describe("the desktop app's app:// handler under hostile addresses", () => {
  it('answers a malformed %-escape with 400 and never serves a file outside the UI folder', async () => {
    const { handleAppProtocol } = await import('../../main/app/protocol');
    const dir = tempDir();
    const ui = path.join(dir, 'renderer');
    fs.mkdirSync(ui);
    fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>Fieldbook</title>');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the UI folder');
    const status = async (url: string) => (await handleAppProtocol(new Request(url), ui)).status;
    for (const url of ['app://fieldbook/%E0%A4%A', 'app://fieldbook/..%c0%af', 'app://fieldbook/%', 'app://fieldbook/a%00b']) expect(await status(url), url).toBe(400);
    expect(await status('app://fieldbook/..%2fsecret.txt')).toBe(404);
    expect(await status('app://elsewhere/index.html')).toBe(404);
    const page = await handleAppProtocol(new Request('app://fieldbook/index.html'), ui);
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Security-Policy')).toMatch(/default-src/);
  });
});
