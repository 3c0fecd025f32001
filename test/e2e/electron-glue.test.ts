import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../shared/api/contract';
import { CONTENT_SECURITY_POLICY } from '../../main/security-policy';
import { encryptDatabase } from '../../main/store/encrypt';
import { DATABASE_FILE_NAME } from '../../main/store/paths';
import { Store } from '../../main/store/store';
import { tempDir } from '../helpers';
import { FakeWebContents, loadWithStandIn, standInElectron } from './electron-stand-in';

/**
 * The Electron glue, proved without Electron: the built main bundle (dist/app/main.cjs) and
 * preload are loaded under Node with a recording stand-in for `electron`, and each test asserts
 * what the desktop app would do.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'dist', 'app', 'main.cjs');
const PRELOAD = path.join(ROOT, 'dist', 'app', 'preload.cjs');
const PASSPHRASE = 'glue test passphrase';

type Started = ReturnType<typeof standInElectron> & {
  userData: string;
  call: (method: string, payload?: unknown, from?: Partial<CallFrom>) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
};
type CallFrom = { sender: unknown; url: string };
const running: Started[] = [];

/** Loads the built main bundle as the desktop app would start, and waits for its window. */
async function startApp(options: { isPackaged?: boolean; encrypted?: boolean; messageBoxChoice?: number; userData?: string } = {}): Promise<Started> {
  const userData = options.userData ?? tempDir();
  if (options.encrypted) {
    Store.open(path.join(userData, DATABASE_FILE_NAME), {}).close();
    encryptDatabase(path.join(userData, DATABASE_FILE_NAME), PASSPHRASE);
  }
  const stand = standInElectron({ userData, isPackaged: options.isPackaged ?? true, messageBoxChoice: options.messageBoxChoice });
  loadWithStandIn(MAIN, stand.electron);
  await expect.poll(() => stand.recorded.windows.length).toBe(1);
  const window = stand.recorded.windows[0]!;
  const call: Started['call'] = async (method, payload = {}, from = {}) => {
    const handler = stand.recorded.handlers.get(`fieldbook:${method}`);
    if (!handler) throw new Error(`no IPC handler for ${method}`);
    const event = { sender: from.sender ?? window.webContents, senderFrame: { url: from.url ?? 'app://fieldbook/index.html' } };
    return (await handler(event, payload)) as Awaited<ReturnType<Started['call']>>;
  };
  const started = { ...stand, userData, call };
  running.push(started);
  return started;
}

afterEach(() => {
  // Quitting clears the backup timer and closes the database, as the app does.
  for (const started of running.splice(0)) started.electron.app.emit('before-quit');
});

function menuRoles(menu: unknown): string[] {
  const roles: string[] = [];
  const walk = (items: unknown): void => {
    for (const item of (items ?? []) as Array<{ role?: string; submenu?: unknown }>) {
      if (item.role) roles.push(item.role);
      walk(item.submenu);
    }
  };
  walk((menu as { template: unknown }).template);
  return roles;
}

describe('the desktop window', () => {
  it('is sandboxed and isolated, loads our own origin, and has no developer tools when packaged', async () => {
    const { recorded } = await startApp();
    const window = recorded.windows[0]!;
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, devTools: false });
    expect((window.options.webPreferences as { preload: string }).preload).toBe(PRELOAD);
    expect(window.loaded).toEqual(['app://fieldbook/index.html']);
    expect(recorded.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('has no Reload and no Developer Tools in the production menu, and keeps them in a development build', async () => {
    const packaged = await startApp({ isPackaged: true });
    const roles = menuRoles(packaged.recorded.menu);
    expect(roles).toEqual(expect.arrayContaining(['editMenu', 'zoomIn', 'togglefullscreen']));
    for (const role of ['reload', 'forceReload', 'toggleDevTools', 'viewMenu']) expect(roles).not.toContain(role);
    const development = await startApp({ isPackaged: false });
    expect(menuRoles(development.recorded.menu)).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
    expect(development.recorded.windows[0]!.options.webPreferences).toMatchObject({ devTools: true });
  });

  it('shows dates day first in date inputs: the browser language is en-GB, set before ready', async () => {
    const { recorded } = await startApp();
    expect(recorded.switches).toContainEqual(['lang', 'en-GB']);
    expect(recorded.switchesBeforeReady).toBe(true);
  });

  it('grants no permission and makes no network call for spellchecker dictionaries', async () => {
    const { recorded } = await startApp();
    let granted: boolean | null = null;
    recorded.permissionRequest!({}, 'media', (answer) => (granted = answer));
    expect(granted).toBe(false);
    expect(recorded.permissionCheck!({}, 'notifications')).toBe(false);
    if (process.platform !== 'darwin') {
      expect(recorded.spellChecker).toEqual([false]);
      expect(recorded.windows[0]!.options.webPreferences).toMatchObject({ spellcheck: false });
    }
  });
});

describe('the app:// protocol', () => {
  it('serves the built UI with its CSP as a header and answers malformed or escaping paths without throwing', async () => {
    const { recorded } = await startApp();
    const handle = recorded.protocols.get('app')!;
    const index = await handle(new Request('app://fieldbook/index.html'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await handle(new Request('app://fieldbook/%E0%A4%A'))).status).toBe(400);
    expect((await handle(new Request('app://fieldbook/..%c0%af'))).status).toBe(400);
    expect((await handle(new Request('app://fieldbook/a%00.html'))).status).toBe(400);
    expect((await handle(new Request('app://fieldbook/..%2f..%2fpackage.json'))).status).toBe(404);
    expect((await handle(new Request('app://elsewhere/index.html'))).status).toBe(404);
  });
});

describe('navigation and new windows', () => {
  it('refuses navigation away, new windows and webviews; trusted links open outside, others only when confirmed', async () => {
    const refused = await startApp({ messageBoxChoice: 1 });
    const contents = refused.recorded.windows[0]!.webContents;
    expect(contents.prevented('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.prevented('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.prevented('will-navigate', 'app://fieldbook/index.html')).toBe(false);
    expect(contents.prevented('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.prevented('will-attach-webview')).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'https://www.cqc.org.uk/guidance' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'https://user:pw@www.cqc.org.uk/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'https://www.cqc.org.uk.evil.example/' })).toEqual({ action: 'deny' });
    expect(refused.recorded.openedExternal).toEqual(['https://www.cqc.org.uk/guidance']);
    expect(refused.recorded.messageBoxes.map((box) => box.detail)).toEqual([expect.stringContaining('https://evil.example/'), expect.stringContaining('cqc.org.uk.evil.example')]);

    const confirmed = await startApp({ messageBoxChoice: 0 });
    confirmed.recorded.windows[0]!.webContents.windowOpenHandler!({ url: 'https://example.org/report' });
    expect(confirmed.recorded.openedExternal).toEqual(['https://example.org/report']);
  });
});

describe('IPC', () => {
  it('binds one channel per contract method and no other, and answers only our own window showing our own UI', async () => {
    const app = await startApp();
    expect([...app.recorded.handlers.keys()].sort()).toEqual(METHOD_NAMES.map((method) => `fieldbook:${method}`).sort());
    expect(await app.call('listReviews')).toMatchObject({ ok: true });
    const stranger = await app.call('listReviews', {}, { sender: new FakeWebContents() });
    expect(stranger).toMatchObject({ ok: false, error: { message: 'Refused a call from an unknown page.' } });
    const elsewhere = await app.call('listReviews', {}, { url: 'https://evil.example/' });
    expect(elsewhere).toMatchObject({ ok: false, error: { message: 'Refused a call from an unknown page.' } });
    expect(await app.call('createReview', { title: 42 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('gives the page exactly the contract methods through the preload, which asks for nothing but electron', () => {
    const stand = standInElectron({ userData: tempDir(), isPackaged: true });
    const { required } = loadWithStandIn(PRELOAD, stand.electron);
    expect(required).toEqual(['electron']);
    expect([...stand.recorded.exposed.keys()]).toEqual(['fieldbook', 'fieldbookEvents']);
    const bridge = stand.recorded.exposed.get('fieldbook') as Record<string, (request: unknown) => Promise<unknown>>;
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.keys(bridge).sort()).toEqual([...METHOD_NAMES].sort());
    void bridge.listReviews!({});
    expect(stand.recorded.invoked).toEqual(['fieldbook:listReviews']);
    const events = stand.recorded.exposed.get('fieldbookEvents') as Record<string, (callback: () => void) => void>;
    expect(Object.keys(events)).toEqual(['onLock']);
    events.onLock!(() => undefined);
    expect(stand.recorded.listened).toEqual(['fieldbook:lock']);
  });
});

describe('the lock in the desktop app', () => {
  it('starts locked on an encrypted database, answers no data call until unlocked, and locks again with the system', async () => {
    const app = await startApp({ encrypted: true });
    expect(await app.call('listReviews')).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await app.call('getProtection')).toMatchObject({ ok: true, value: { encrypted: true, lockedAtStart: true } });
    expect(await app.call('unlock', { passphrase: 'wrong' })).toMatchObject({ ok: false });
    expect(await app.call('unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: true });
    expect(await app.call('listReviews')).toMatchObject({ ok: true });

    // Ctrl+L in the page: the contract's lock call.
    expect(await app.call('lock')).toEqual({ ok: true, value: { locked: true } });
    expect(await app.call('listReviews')).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await app.call('unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: true });

    // Before sleep: the page is told and the database closes at once.
    app.electron.powerMonitor.emit('suspend');
    expect(app.recorded.windows[0]!.webContents.sent).toEqual(['fieldbook:lock']);
    expect(await app.call('listReviews')).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await app.call('unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: true });

    // On screen lock: the page is told first, and the database closes a moment later regardless.
    app.electron.powerMonitor.emit('lock-screen');
    expect(await app.call('listReviews')).toMatchObject({ ok: true });
    await expect.poll(async () => (await app.call('listReviews')).error?.code, { timeout: 5000 }).toBe('locked');
  });

  it('empties the folder of opened copies at start, so copies left by a crash do not outlive it', async () => {
    const userData = tempDir();
    const left = path.join(userData, 'opened-copies', 'copy-crashed', 'minutes.txt');
    fs.mkdirSync(path.dirname(left), { recursive: true });
    fs.writeFileSync(left, 'decrypted minutes');
    await startApp({ userData });
    expect(fs.existsSync(path.join(userData, 'opened-copies'))).toBe(false);
  });

  it('removes decrypted copies opened in other apps when it locks and when it quits', async () => {
    const app = await startApp();
    const review = (await app.call('createReview', { title: 'Glue review', kind: 'local_system_review', area: 'Oxfordshire' })) as {
      ok: boolean;
      value: { review: { id: string } };
    };
    expect(review.ok, JSON.stringify(review)).toBe(true);
    const evidence = (await app.call('addEvidence', {
      reviewId: review.value.review.id,
      kind: 'document',
      title: 'Winter plan',
      attachments: [{ name: 'plan.txt', dataBase64: Buffer.from('the winter plan').toString('base64') }],
    })) as { ok: boolean; value: { attachments: Array<{ id: string }> } };
    const attachmentId = evidence.value.attachments[0]!.id;
    expect(await app.call('openAttachment', { attachmentId })).toEqual({ ok: true, value: { opened: true, refused: null } });
    const copy = app.recorded.openedPaths[0]!;
    expect(path.dirname(path.dirname(copy))).toBe(path.join(app.userData, 'opened-copies'));
    expect(fs.readFileSync(copy, 'utf8')).toBe('the winter plan');
    expect(fs.statSync(copy).mode & 0o777).toBe(0o400);
    await app.call('lock');
    expect(fs.existsSync(path.dirname(copy))).toBe(false);

    expect(await app.call('unlock', { passphrase: '' })).toMatchObject({ ok: true });
    await app.call('openAttachment', { attachmentId });
    const second = app.recorded.openedPaths[1]!;
    expect(fs.existsSync(second)).toBe(true);
    app.electron.app.emit('before-quit');
    running.splice(running.indexOf(app), 1);
    expect(fs.existsSync(path.dirname(second))).toBe(false);
    // The database is closed: nothing answers from it any more.
    expect((await app.call('listReviews')).ok).toBe(false);
  });
});
