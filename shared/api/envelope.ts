import type { ErrorData } from '../errors';

/** What crosses IPC and HTTP: a value or a typed error, never a thrown exception. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorData };

/** The IPC channel for a call: one per method, so the preload exposes named methods only. */
export const channelFor = (method: string): string => `fieldbook:${method}`;
