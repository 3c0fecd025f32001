import type { Page } from 'playwright-core';

/** Drags the mouse across the first occurrence of `text` in the notes, as a person would. */
export async function dragSelect(page: Page, text: string): Promise<void> {
  const box = await page.evaluate((needle) => {
    const root = document.querySelector('.notes-editor');
    if (!root) throw new Error('no editor');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(needle) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      const rects = range.getClientRects();
      const first = rects[0];
      const last = rects[rects.length - 1];
      if (!first || !last) break;
      return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
    }
    throw new Error(`"${needle}" is not in the notes`);
  }, text);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move(box.x2, box.y2, { steps: 5 });
  await page.mouse.up();
}

/**
 * Puts the caret or a selection on `text` through the DOM selection (the editor follows it). The
 * text may run across formatting and tag boundaries, but not across paragraphs.
 */
export async function selectText(page: Page, text: string, caretOnly: 'start' | 'end' | null = null): Promise<void> {
  await page.evaluate(
    ({ needle, caret }) => {
      const root = document.querySelector('.notes-editor') as HTMLElement | null;
      if (!root) throw new Error('no editor');
      root.focus();
      const nodes: Array<{ node: Text; start: number }> = [];
      let all = '';
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes.push({ node: node as Text, start: all.length });
        all += node.textContent ?? '';
      }
      const at = all.indexOf(needle);
      if (at < 0) throw new Error(`"${needle}" is not in the notes`);
      const locate = (offset: number, preferNext: boolean) => {
        for (let i = nodes.length - 1; i >= 0; i -= 1) {
          const entry = nodes[i]!;
          const inside = preferNext ? entry.start <= offset : entry.start < offset;
          if (inside && offset <= entry.start + entry.node.length) return { node: entry.node, offset: offset - entry.start };
        }
        return { node: nodes[0]!.node, offset: 0 };
      };
      const start = locate(caret === 'end' ? at + needle.length : at, true);
      const end = locate(caret === 'start' ? at : at + needle.length, caret !== null);
      window.getSelection()?.setBaseAndExtent(start.node, start.offset, end.node, end.offset);
    },
    { needle: text, caret: caretOnly },
  );
  await page.waitForTimeout(50); // ProseMirror reads the selection on selectionchange
}

/** Text covered by each tag mark in the notes, by tag id. */
export function taggedText(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const result: Record<string, string> = {};
    for (const span of document.querySelectorAll('.notes-editor [data-tag-id]')) {
      const id = span.getAttribute('data-tag-id') ?? '';
      result[id] = (result[id] ?? '') + (span.textContent ?? '');
    }
    return result;
  });
}
