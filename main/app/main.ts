import path from 'node:path';
import fs from 'node:fs';
import { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, protocol, safeStorage, shell } from 'electron';
import { METHOD_NAMES } from '../../shared/api/contract';
import { channelFor } from '../../shared/api/envelope';
import { BACKUP_INTERVAL_MINUTES } from '../security-policy';
import { AppContext } from '../platform/context';
import { scheduleAfterOpen } from '../platform/after-open';
import { LockedStart } from '../services/protection/locked-start';
import { makeOwnerOnlyDir } from '../store/owner-only';
import { isEncrypted, type OsKeyStore } from '../store/keys';
import { DATABASE_FILE_NAME } from '../store/paths';
import { Store } from '../store/store';
import { APP_ORIGIN, handleAppProtocol } from './protocol';
import { menuTemplate } from './menu';
import { hardenSession, hardenWebContents } from './security';

/**
 * Electron glue only: window, protocol, IPC binding. Everything else lives in services and is
 * tested under Node and in the browser preview.
 */
protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const rendererDir = path.join(__dirname, '..', 'renderer');
let gate: LockedStart | null = null;
let mainWindow: BrowserWindow | null = null;
/** How long the page gets to save open editors when the system locks, before the database closes. */
const SYSTEM_LOCK_GRACE_MS = 1000;

/**
 * Decrypted read-only copies opened in other apps live in one private folder of the data folder,
 * emptied at start, on lock and at quit: a crash leaves them only until the next start.
 */
const openedCopiesDir = () => path.join(app.getPath('userData'), 'opened-copies');

function removeOpenedCopies(): void {
  try {
    fs.rmSync(openedCopiesDir(), { recursive: true, force: true });
  } catch {
    // A copy still open in a viewer (Windows keeps it locked) is removed at the next start.
  }
}

/** The database, open now, or (encrypted) once the lock screen has its passphrase. */
function openGate(): LockedStart {
  const databasePath = path.join(app.getPath('userData'), DATABASE_FILE_NAME);
  const keyStore = osKeyStore();
  const openWith = (key: Buffer | undefined) => {
    const context = withDesktopServices(new AppContext(Store.open(databasePath, { key })), keyStore);
    scheduleAfterOpen(context, (warning) => console.error(`Fieldbook: ${warning}`));
    return context;
  };
  if (!isEncrypted(databasePath)) return LockedStart.opened(openWith(undefined), openWith);
  const locked = new LockedStart(databasePath, openWith, keyStore);
  locked.openWithOsKeyStore();
  return locked;
}

/** Electron's safeStorage as Fieldbook's OsKeyStore; keys.ts decides whether it is strong enough. */
function osKeyStore(): OsKeyStore | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : process.platform === 'darwin' ? 'keychain' : 'dpapi';
  return {
    backend,
    encrypt: (plain) => safeStorage.encryptString(plain.toString('base64')),
    decrypt: (wrapped) => Buffer.from(safeStorage.decryptString(wrapped), 'base64'),
  };
}

function withDesktopServices(context: AppContext, keyStore: OsKeyStore | undefined): AppContext {
  if (keyStore) context.osKeyStore = keyStore;
  // Laptops travel: the app shows nothing of an unencrypted database until it is encrypted.
  context.encryptionRequired = true;
  // Attachments open from a read-only copy, so a viewer can never change the stored original.
  // The service has checked the name and content and chose the name (see openableName).
  context.openFile = (content, safeName) => {
    makeOwnerOnlyDir(openedCopiesDir());
    const dir = fs.mkdtempSync(path.join(openedCopiesDir(), 'copy-'));
    const copy = path.join(dir, path.basename(safeName));
    fs.writeFileSync(copy, content);
    fs.chmodSync(copy, 0o400);
    void shell.openPath(copy);
  };
  // Reports print from a hidden, sandboxed window with no preload and no network: the page is
  // our own self-contained HTML (images as data URIs, CSP default-src 'none').
  context.printPdf = async (html) => {
    const printer = new BrowserWindow({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, disableBlinkFeatures: 'Auxclick' },
    });
    try {
      await printer.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
      return await printer.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
    } finally {
      printer.destroy();
    }
  };
  return context;
}

function bindIpc(opened: LockedStart): void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(channelFor(method), (event, payload: unknown) => {
      // Only our own window, showing our own UI, may call the services.
      const frameUrl = event.senderFrame?.url ?? '';
      if (event.sender !== mainWindow?.webContents || !frameUrl.startsWith(APP_ORIGIN)) {
        return { ok: false, error: { code: 'invalid_input', message: 'Refused a call from an unknown page.' } };
      }
      return opened.dispatch(method, payload);
    });
  }
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'Fieldbook',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // Only the system's own spellchecker: elsewhere dictionaries would be downloaded.
      spellcheck: process.platform === 'darwin',
      devTools: !app.isPackaged,
      // A middle click would open a new window; those are refused anyway (security.ts).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}index.html`);
  return window;
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit(); // a second copy would fight over the same database
    return;
  }
  // Date inputs follow the browser's language, not the page's: en-GB shows 28/11/2026, day first,
  // like every date Fieldbook writes. It must be set before the app is ready.
  app.commandLine.appendSwitch('lang', 'en-GB');
  await app.whenReady();
  removeOpenedCopies(); // left by a crash
  hardenSession();
  protocol.handle('app', (request) => handleAppProtocol(request, rendererDir));
  try {
    gate = openGate();
  } catch (error) {
    dialog.showErrorBox('Fieldbook cannot open its database', error instanceof Error ? error.message : String(error));
    app.quit();
    return;
  }
  gate.onLocked = removeOpenedCopies;
  bindIpc(gate);
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, !app.isPackaged)));
  mainWindow = createWindow();
  // The app locks with the system. On screen lock the page is told first, so open editors save,
  // and the database closes a moment later whatever the page does; before sleep it closes at once
  // (anything unsaved is kept by the editor and saved after unlocking).
  powerMonitor.on('lock-screen', () => {
    mainWindow?.webContents.send('fieldbook:lock');
    setTimeout(() => gate?.lock(), SYSTEM_LOCK_GRACE_MS);
  });
  powerMonitor.on('suspend', () => {
    mainWindow?.webContents.send('fieldbook:lock');
    gate?.lock();
  });

  const timer = setInterval(() => gate?.current?.store.safeBackup('interval'), BACKUP_INTERVAL_MINUTES * 60_000);
  app.on('second-instance', () => mainWindow?.focus());
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    clearInterval(timer);
    gate?.close();
    removeOpenedCopies();
  });
}

app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
void start();
