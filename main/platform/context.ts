import type { MethodName, ParsedRequest, Response } from '../../shared/api/contract';
import type { OsKeyStore } from '../store/keys';
import type { Store } from '../store/store';

/**
 * What every handler gets: the open database. Held in a box because restoring a backup swaps the
 * database underneath the running app, preview or CLI.
 */
export class AppContext {
  /**
   * Opens a stored file's content (decrypted) read-only in the system's viewer. Only the desktop app can; the preview
   * and CLI leave it unset and the UI offers a download instead.
   */
  openFile?: (content: Buffer, originalName: string) => void;

  /**
   * Prints an HTML page to PDF. The desktop app sets it (Electron's printToPDF); elsewhere a
   * report's PDF is printed by a headless Chromium if one is installed.
   */
  printPdf?: (html: string) => Promise<Buffer>;

  /** The desktop app encrypts an unencrypted database at first start (the preview on request). */
  encryptionRequired = false;

  /** The system's key store; only the desktop app has one (Electron's safeStorage). */
  osKeyStore?: OsKeyStore;

  constructor(private current: Store) {}

  get store(): Store {
    return this.current;
  }

  replaceStore(next: Store): void {
    this.current = next;
  }

  close(): void {
    this.current.close();
  }
}

export type Handler<M extends MethodName> = (request: ParsedRequest<M>, context: AppContext) => Response<M> | Promise<Response<M>>;
export type Handlers<M extends MethodName = MethodName> = { [K in M]: Handler<K> };
