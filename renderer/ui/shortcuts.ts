/**
 * Every keyboard shortcut, where it works and what it does: the "?" list shows these, and a test
 * checks that the README's keyboard table has each row, so the two cannot drift apart.
 */
export interface ShortcutRow {
  keys: string;
  where: string;
  does: string;
}

export const SHORTCUTS: readonly ShortcutRow[] = [
  { keys: '?', where: 'anywhere but a text field', does: 'Show this list of shortcuts' },
  { keys: 'Ctrl+L', where: 'anywhere', does: 'Lock Fieldbook at once' },
  { keys: 'Ctrl+N', where: 'the list of reviews', does: 'New review' },
  { keys: 'Ctrl+S', where: "a review's overview", does: 'Save the review details' },
  { keys: 'Left / Right, Home / End', where: 'a row of tabs', does: 'Move to the previous, next, first or last tab' },
  { keys: 'Alt+1 … Alt+9', where: 'session notes', does: 'Tag the selected words with the KLOE pinned to that number' },
  { keys: 'Alt+T', where: 'session notes', does: 'Tag the selected words, choosing KLOEs, stance, speaker and quote' },
  { keys: 'Alt+S / Alt+C / Alt+N', where: 'session notes', does: 'Make the last tag a strength, a concern or neutral' },
  { keys: 'Alt+Q', where: 'session notes', does: 'Mark or unmark the last tag as a quote' },
  { keys: 'Alt+P', where: 'session notes', does: 'Who said the last tag: the next participant, then "not recorded"' },
  { keys: 'F8', where: 'session notes', does: 'Insert the time' },
  { keys: 'Ctrl+B / Ctrl+I', where: 'session notes and findings', does: 'Bold, italic' },
  { keys: 'Ctrl+K', where: 'a finding or summary', does: 'Cite evidence or a tagged passage at the cursor' },
  { keys: '1–5, N', where: 'the relational audit grid', does: 'Answer the cell and move on (N or 0: not answered)' },
  { keys: 'Ctrl+Enter', where: 'the relational audit grid', does: "Save the respondent's answers" },
  { keys: 'Escape', where: 'a dialog', does: 'Close it; the focus goes back to what opened it' },
];
