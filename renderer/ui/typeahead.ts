import type { Editor } from '@tiptap/react';

/**
 * Words typed while the place they are meant for is still being made. "Start session" and "Add
 * strength" wait for the service before their editor exists; a reviewer who starts typing at once
 * sent those keys to the page (lost) or to the button (a space pressed it again). While a hold is
 * on, printable keys, Enter and Backspace are kept instead, and whoever takes the hold types them
 * where they belong. A hold ends when taken, when dropped (the action failed) or after ten
 * seconds, so the keyboard is never kept from the reviewer for long.
 */
export interface HeldTyping {
  /** Ends the hold and gives what was typed ("\n" for Enter). */
  take: () => string;
  /** Ends the hold; what was typed is given to nobody. */
  drop: () => void;
}

const HOLD_MS = 10_000;
let current: HeldTyping | null = null;

export function holdTyping(): HeldTyping {
  current?.drop();
  const typed: string[] = [];
  const held = (event: KeyboardEvent) => !event.ctrlKey && !event.metaKey && !event.altKey && (event.key.length === 1 || event.key === 'Enter' || event.key === 'Backspace');
  const onKeyDown = (event: KeyboardEvent) => {
    if (!held(event) || event.isComposing) return;
    event.preventDefault();
    event.stopPropagation();
    if (event.key === 'Backspace') typed.pop();
    else typed.push(event.key === 'Enter' ? '\n' : event.key);
  };
  // A button is pressed by Space on key-up: that key-up must not reach it either.
  const onKeyUp = (event: KeyboardEvent) => {
    if (!held(event)) return;
    event.preventDefault();
    event.stopPropagation();
  };
  window.addEventListener('keydown', onKeyDown, true);
  window.addEventListener('keyup', onKeyUp, true);
  const end = () => {
    clearTimeout(timer);
    window.removeEventListener('keydown', onKeyDown, true);
    window.removeEventListener('keyup', onKeyUp, true);
    if (current === hold) current = null;
  };
  const timer = setTimeout(end, HOLD_MS);
  const hold: HeldTyping = {
    take: () => {
      end();
      return typed.join('');
    },
    drop: end,
  };
  current = hold;
  return hold;
}

/** What was typed under the hold that is on, if any, ending it; '' when there is none. */
export function takeHeldTyping(): string {
  return current?.take() ?? '';
}

/** Types held words into an editor at its cursor, as the keys would have: Enter splits the block. */
export function typeInto(editor: Editor, text: string): void {
  text.split('\n').forEach((line, index) => {
    if (index > 0) editor.commands.splitBlock();
    if (line) editor.view.dispatch(editor.state.tr.insertText(line));
  });
}
