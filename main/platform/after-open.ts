import type { AppContext } from './context';

/** How long after opening the app and the preview wait before the backup and the full check. */
export const AFTER_OPEN_DELAY_MS = 5_000;

/**
 * Runs the open's backup and, when due, the full integrity check once the first screen is out
 * (see Store.afterOpen), so a large or encrypted database opens at once. Warnings go to `report`
 * and stay on the store for the Data page.
 */
export function scheduleAfterOpen(context: AppContext, report: (warning: string) => void, delayMs = AFTER_OPEN_DELAY_MS): void {
  const store = context.store;
  const timer = setTimeout(() => {
    // A restore or a lock may have closed or replaced this database meanwhile.
    if (context.store !== store || !store.db.open) return;
    for (const warning of store.afterOpen()) report(warning);
  }, delayMs);
  timer.unref();
}
