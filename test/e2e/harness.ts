import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
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
    // en-GB as the desktop app sets it (main/app/main.ts), so date inputs read day first. Chromium on
    // Linux takes its language from the environment (and needs Debian's chromium-l10n for en-GB).
    env: { ...process.env, LANGUAGE: 'en_GB' },
  });
}

/**
 * Saves a screenshot to look at, and checks the screen as it is against WCAG 2.2 AA with axe:
 * every screen and dialog a test stops to picture must have no violations.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  await expectAccessible(page, name);
}

const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Fails with each axe violation named: the rule, what it asks, and where (up to five places each). */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // Legacy mode runs axe inside the page itself: the default opens a second page in the same
  // context, which pages made with browser.newPage() cannot do. Fieldbook has no frames to cross.
  const results = await new AxeBuilder({ page }).withTags(WCAG_AA).setLegacyMode(true).analyze();
  if (results.violations.length === 0) return;
  const found = results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'minor'}): ${v.help}\n${v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')}: ${(n.failureSummary ?? '').split('\n').slice(1, 2).join('').trim()}`)
        .join('\n')}`,
  );
  const report = `Accessibility, ${screen}: ${results.violations.length} axe violation(s)\n${found.join('\n')}`;
  if (process.env.AXE_REPORT) fs.appendFileSync(process.env.AXE_REPORT, `${report}\n\n`);
  else throw new Error(report);
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
