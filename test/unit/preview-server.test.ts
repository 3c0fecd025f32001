import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../main/preview/server';
import { tempDir } from '../helpers';

let server: PreviewServer;
let port: number;

beforeAll(async () => {
  const dir = tempDir();
  const ui = path.join(dir, 'ui');
  fs.mkdirSync(ui);
  fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>Fieldbook</title>');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the UI folder');
  server = await startPreviewServer({ databasePath: path.join(dir, 'preview.sqlite'), port: 0, staticDir: ui });
  port = Number(new URL(server.url).port);
});
afterAll(() => server.close());

/** Raw HTTP so the test controls the Host header, as a DNS-rebinding page would. */
function request(pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const api = (method: string, payload: unknown, token = server.token) =>
  request(`/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(payload) });

describe('preview server', () => {
  it('listens on loopback only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('answers API calls that carry the token, through the same contract', async () => {
    const created = await api('createReview', { title: 'Preview review', kind: 'progress_review', area: 'Kent' });
    expect(created.status).toBe(200);
    expect(JSON.parse(created.body)).toMatchObject({ ok: true, value: { review: { title: 'Preview review' } } });
    const bad = JSON.parse((await api('createReview', { title: '', kind: 'progress_review', area: 'Kent' })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'title' }] } });
    expect(JSON.parse((await api('dropTables', {})).body).error.message).toMatch(/no call named "dropTables"/);
  });

  it('refuses API calls without the right token', async () => {
    expect((await api('listReviews', {}, 'guess')).status).toBe(401);
    expect((await request('/api/listReviews', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(401);
  });

  it('refuses requests for another host name (DNS rebinding)', async () => {
    expect((await request('/', { headers: { Host: `evil.example:${port}` } })).status).toBe(421);
  });

  it('serves the UI with a strict CSP and never a file outside it', async () => {
    const page = await request('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const escape = await request('/%2e%2e/secret.txt');
    expect(escape.body).not.toContain('outside the UI folder');
  });

  it('rejects a body that is not JSON with a clear message', async () => {
    const response = await request('/api/listReviews', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error.message).toMatch(/not valid JSON/);
  });
});
