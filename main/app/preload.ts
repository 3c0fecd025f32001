import { contextBridge, ipcRenderer } from 'electron';
import { METHOD_NAMES } from '../../shared/api/contract';
import { channelFor } from '../../shared/api/envelope';

/**
 * Exposes one named function per API call and nothing else: the page never sees ipcRenderer,
 * so it cannot send on any other channel.
 */
const bridge = Object.fromEntries(METHOD_NAMES.map((method) => [method, (request: unknown) => ipcRenderer.invoke(channelFor(method), request)]));

contextBridge.exposeInMainWorld('fieldbook', Object.freeze(bridge));

/** One event the page may listen to: lock now (the system locked or is going to sleep). */
contextBridge.exposeInMainWorld('fieldbookEvents', Object.freeze({ onLock: (callback: () => void) => void ipcRenderer.on('fieldbook:lock', () => callback()) }));
