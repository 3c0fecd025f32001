import { contextBridge, ipcRenderer } from 'electron';
import { METHOD_NAMES } from '../../shared/api/contract';
import { channelFor } from '../../shared/api/envelope';

/**
 * Exposes one named function per API call and nothing else: the page never sees ipcRenderer,
 * so it cannot send on any other channel.
 */
const bridge = Object.fromEntries(
  METHOD_NAMES.map((method) => [method, (request: unknown) => ipcRenderer.invoke(channelFor(method), request)]),
);

contextBridge.exposeInMainWorld('fieldbook', Object.freeze(bridge));
