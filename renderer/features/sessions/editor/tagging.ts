import type { Editor } from '@tiptap/core';

/** Document range(s) covered by one tag's mark, in order. */
export function tagRanges(editor: Editor, tagId: string): Array<{ from: number; to: number }> {
  const ranges: Array<{ from: number; to: number }> = [];
  editor.state.doc.descendants((node, pos) => {
    if (!node.isText) return true;
    if (node.marks.some((mark) => mark.type.name === 'tag' && mark.attrs.tagId === tagId)) {
      const last = ranges.at(-1);
      if (last && last.to === pos) last.to = pos + node.nodeSize;
      else ranges.push({ from: pos, to: pos + node.nodeSize });
    }
    return false;
  });
  return ranges;
}

/** Adds a tag mark with this id over the current selection; false when nothing is selected. */
export function markSelection(editor: Editor, tagId: string): boolean {
  const { from, to, empty } = editor.state.selection;
  if (empty || editor.state.doc.textBetween(from, to, ' ').trim() === '') return false;
  const type = editor.schema.marks.tag;
  if (!type) return false;
  editor.view.dispatch(editor.state.tr.addMark(from, to, type.create({ tagId })));
  return true;
}

/** Takes one tag's mark off the notes, leaving the words and any other tags. */
export function unmarkTag(editor: Editor, tagId: string): void {
  const type = editor.schema.marks.tag;
  if (!type) return;
  const tr = editor.state.tr;
  for (const range of tagRanges(editor, tagId)) tr.removeMark(range.from, range.to, type.create({ tagId }));
  if (tr.docChanged) editor.view.dispatch(tr);
}

/** Selects a passage and scrolls it into the middle of the view. */
export function revealRange(editor: Editor, from: number, to: number): void {
  editor.chain().focus().setTextSelection({ from, to }).run();
  const dom = editor.view.domAtPos(from).node;
  const element = dom instanceof HTMLElement ? dom : dom.parentElement;
  element?.scrollIntoView({ block: 'center' });
}

export function revealBlock(editor: Editor, blockId: string): boolean {
  let found: { from: number; to: number } | null = null;
  editor.state.doc.descendants((node, pos) => {
    if (found) return false;
    if (node.isTextblock && node.attrs.id === blockId) {
      found = { from: pos + 1, to: pos + node.nodeSize - 1 };
      return false;
    }
    return true;
  });
  if (!found) return false;
  const { from, to } = found;
  revealRange(editor, from, to);
  return true;
}

/** "[10:32] " for the timestamp key. */
export function timestamp(now = new Date()): string {
  return `[${now.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}] `;
}
