import { useEffect } from 'react';

/**
 * A keyboard shortcut such as "mod+n" (mod = Ctrl, or Cmd on macOS) for as long as the calling
 * component is shown.
 */
export function useShortcut(combo: string, handler: (event: KeyboardEvent) => void, enabled = true): void {
  useEffect(() => {
    if (!enabled) return undefined;
    const parts = combo.toLowerCase().split('+');
    const key = parts.at(-1);
    const wantsMod = parts.includes('mod');
    const wantsAlt = parts.includes('alt');
    const listener = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (event.key.toLowerCase() === key && mod === wantsMod && event.altKey === wantsAlt) {
        event.preventDefault();
        handler(event);
      }
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [combo, handler, enabled]);
}
