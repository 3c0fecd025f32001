import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '../..');
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');

export interface RunningPreview {
  url: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

/** Starts the built preview server (the real UI and services) on a free loopback port. */
/**
 * Starts the preview on a database, with the reviewer already named (as after the first-start
 * question), so tests begin where a reviewer's second day does; a database that starts locked is
 * left as it is. `unnamed` leaves the first-start question to the test.
 */
export async function startPreview(databasePath: string, env: Record<string, string> = {}, args: string[] = [], unnamed = false): Promise<RunningPreview> {
  const preview = await launchPreview(databasePath, env, args);
  if (!unnamed) await previewApi(preview)('updateIdentity', { displayName: 'Robin Reviewer', role: 'reviewer' }).catch(() => undefined);
  return preview;
}

function launchPreview(databasePath: string, env: Record<string, string>, args: string[]): Promise<RunningPreview> {
  const server = path.join(ROOT, 'dist', 'preview', 'server.cjs');
  if (!fs.existsSync(server)) throw new Error('Build first: npm run build');
  const child = spawn(process.execPath, [server, '--db', databasePath, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`preview did not start: ${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open: (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          process: child,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`preview exited with ${code}: ${output}`)));
  });
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Fails the test on any error the page logs (a broken screen must not pass quietly). */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Calls the running preview's API with its token, as the UI does; throws on an error answer. */
export function previewApi(preview: RunningPreview) {
  const token = /#token=([\w-]+)/.exec(preview.url)?.[1] ?? '';
  return async <T>(method: string, payload: unknown): Promise<T> => {
    const response = await fetch(new URL(`api/${method}`, preview.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(payload),
    });
    const envelope = (await response.json()) as { ok: boolean; value: T; error?: unknown };
    if (!envelope.ok) throw new Error(JSON.stringify(envelope.error));
    return envelope.value;
  };
}
