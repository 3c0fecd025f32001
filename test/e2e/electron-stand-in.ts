import { EventEmitter } from 'node:events';
import Module from 'node:module';
import path from 'node:path';

/**
 * A recording stand-in for the `electron` module, so the built main-process bundle and preload can
 * be loaded under Node (Electron's binary cannot be downloaded here). It does what the glue asks
 * of Electron and writes down every call, so a test can assert what the desktop app would do.
 */
export type Recorded = ReturnType<typeof standInElectron>['recorded'];

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: string[] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string): void {
    this.sent.push(channel);
  }
  async printToPDF(): Promise<Buffer> {
    return Buffer.from('%PDF-stand-in');
  }
  /** Emits an event Electron would, returning whether a handler called preventDefault. */
  prevented(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export function standInElectron(options: { userData: string; isPackaged: boolean; messageBoxChoice?: number }) {
  const recorded = {
    windows: [] as Array<{ options: Record<string, unknown>; loaded: string[]; webContents: FakeWebContents; destroyed: boolean }>,
    handlers: new Map<string, (event: unknown, payload: unknown) => unknown>(),
    protocols: new Map<string, (request: Request) => Promise<Response>>(),
    privilegedSchemes: [] as unknown[],
    menu: null as unknown,
    openedExternal: [] as string[],
    openedPaths: [] as string[],
    messageBoxes: [] as Array<Record<string, unknown>>,
    errorBoxes: [] as string[],
    permissionRequest: null as null | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void),
    permissionCheck: null as null | ((...args: unknown[]) => boolean),
    spellChecker: [] as boolean[],
    exposed: new Map<string, unknown>(),
    invoked: [] as string[],
    switches: [] as Array<[string, string | undefined]>,
    /** Whether each switch was appended before the app was ready (Electron ignores later ones). */
    switchesBeforeReady: true,
    ready: false,
    listened: [] as string[],
    quit: 0,
  };
  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.isPackaged,
    requestSingleInstanceLock: () => true,
    whenReady: () => {
      recorded.ready = true;
      return Promise.resolve();
    },
    commandLine: {
      appendSwitch: (name: string, value?: string) => {
        if (recorded.ready) recorded.switchesBeforeReady = false;
        recorded.switches.push([name, value]);
      },
    },
    getPath: (name: string) => (name === 'userData' ? options.userData : path.join(options.userData, name)),
    quit: () => void recorded.quit++,
  });
  class BrowserWindow extends EventEmitter {
    webContents = new FakeWebContents();
    private readonly record;
    constructor(windowOptions: Record<string, unknown>) {
      super();
      this.record = { options: windowOptions, loaded: [] as string[], webContents: this.webContents, destroyed: false };
      recorded.windows.push(this.record);
      app.emit('web-contents-created', {}, this.webContents);
    }
    async loadURL(url: string): Promise<void> {
      this.record.loaded.push(url);
    }
    show(): void {}
    focus(): void {}
    destroy(): void {
      this.record.destroyed = true;
    }
  }
  const electron = {
    app,
    BrowserWindow,
    dialog: {
      showErrorBox: (title: string, message: string) => void recorded.errorBoxes.push(`${title}: ${message}`),
      showMessageBoxSync: (box: Record<string, unknown>) => {
        recorded.messageBoxes.push(box);
        return options.messageBoxChoice ?? 1;
      },
    },
    ipcMain: { handle: (channel: string, handler: (event: unknown, payload: unknown) => unknown) => void recorded.handlers.set(channel, handler) },
    Menu: { buildFromTemplate: (template: unknown) => ({ template }), setApplicationMenu: (menu: unknown) => void (recorded.menu = menu) },
    powerMonitor: new EventEmitter(),
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => void recorded.privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => void recorded.protocols.set(scheme, handler),
    },
    safeStorage: { isEncryptionAvailable: () => false },
    shell: {
      openExternal: async (url: string) => void recorded.openedExternal.push(url),
      openPath: async (file: string) => {
        recorded.openedPaths.push(file);
        return '';
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: typeof recorded.permissionRequest) => void (recorded.permissionRequest = handler),
        setPermissionCheckHandler: (handler: typeof recorded.permissionCheck) => void (recorded.permissionCheck = handler),
        setSpellCheckerEnabled: (enabled: boolean) => void recorded.spellChecker.push(enabled),
      },
    },
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void recorded.exposed.set(key, value) },
    ipcRenderer: {
      invoke: async (channel: string) => void recorded.invoked.push(channel),
      on: (channel: string) => void recorded.listened.push(channel),
    },
  };
  return { electron, recorded };
}

const nodeRequire = Module.createRequire(import.meta.url);
type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleInternals = Module as unknown as { _load: Loader };

/**
 * Requires a built bundle with `electron` answered by the stand-in, and records every other
 * module it asks for (the sandboxed preload may ask for nothing else).
 */
export function loadWithStandIn(bundle: string, electron: unknown): { exports: unknown; required: string[] } {
  const original = moduleInternals._load;
  const required: string[] = [];
  moduleInternals._load = function (request, parent, isMain) {
    required.push(request);
    if (request === 'electron') return electron;
    return original.call(this, request, parent, isMain);
  };
  try {
    const resolved = nodeRequire.resolve(bundle);
    delete nodeRequire.cache[resolved];
    const exports: unknown = nodeRequire(resolved);
    return { exports, required: required.filter((request) => request !== resolved) };
  } finally {
    moduleInternals._load = original;
  }
}
