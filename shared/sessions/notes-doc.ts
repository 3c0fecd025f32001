import { z } from 'zod';

/**
 * Notes are a ProseMirror document (what the TipTap editor produces). Text blocks (paragraphs,
 * headings) carry a stable `id`; a tagged passage is a `tag` mark whose `tagId` names the tag.
 * These pure functions read what the services need out of a document: its text blocks (for
 * search), where each tag's mark now sits (its anchor) and a word count.
 */
export const NOTE_NODE_TYPES = ['doc', 'paragraph', 'heading', 'text', 'bulletList', 'orderedList', 'listItem', 'hardBreak', 'blockquote', 'horizontalRule'] as const;
export const NOTE_MARK_TYPES = ['bold', 'italic', 'strike', 'underline', 'tag'] as const;
export const TEXT_BLOCK_TYPES = new Set(['paragraph', 'heading']);

export interface NoteMark {
  type: (typeof NOTE_MARK_TYPES)[number];
  attrs?: Record<string, unknown> | undefined;
}
export interface NoteNode {
  type: (typeof NOTE_NODE_TYPES)[number];
  attrs?: Record<string, unknown> | undefined;
  content?: NoteNode[] | undefined;
  text?: string | undefined;
  marks?: NoteMark[] | undefined;
}

const NoteMarkSchema = z.object({ type: z.enum(NOTE_MARK_TYPES), attrs: z.record(z.string(), z.unknown()).optional() });
export const NoteNodeSchema: z.ZodType<NoteNode> = z.lazy(() =>
  z.object({
    type: z.enum(NOTE_NODE_TYPES),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(NoteNodeSchema).optional(),
    text: z.string().optional(),
    marks: z.array(NoteMarkSchema).optional(),
  }),
);
export const NoteDocSchema = NoteNodeSchema.refine((node) => node.type === 'doc', 'Notes must be a document');

export const EMPTY_DOC: NoteNode = { type: 'doc', content: [{ type: 'paragraph' }] };

export interface TextBlock {
  blockId: string;
  position: number;
  text: string;
}

export interface TagAnchor {
  tagId: string;
  blockId: string;
  start: number;
  end: number;
  /** The words under the mark now (all of its stretches, joined by a space). */
  text: string;
  /** Order of its first stretch in the document. */
  order: number;
}

function blockText(node: NoteNode): string {
  let text = '';
  for (const child of node.content ?? []) {
    if (child.type === 'text') text += child.text ?? '';
    else if (child.type === 'hardBreak') text += '\n';
  }
  return text;
}

/** Walks text blocks in document order. */
function forEachTextBlock(doc: NoteNode, visit: (block: NoteNode, index: number) => void): void {
  let index = 0;
  const walk = (node: NoteNode) => {
    if (TEXT_BLOCK_TYPES.has(node.type)) visit(node, index++);
    else for (const child of node.content ?? []) walk(child);
  };
  walk(doc);
}

export function textBlocks(doc: NoteNode): TextBlock[] {
  const blocks: TextBlock[] = [];
  forEachTextBlock(doc, (block, position) => {
    const blockId = typeof block.attrs?.id === 'string' ? block.attrs.id : null;
    if (blockId) blocks.push({ blockId, position, text: blockText(block) });
  });
  return blocks;
}

/** Where every tag mark sits now. A tag whose mark is gone does not appear (it is orphaned). */
export function tagAnchors(doc: NoteNode): Map<string, TagAnchor> {
  const anchors = new Map<string, TagAnchor>();
  let order = 0;
  forEachTextBlock(doc, (block) => {
    const blockId = typeof block.attrs?.id === 'string' ? block.attrs.id : null;
    let offset = 0;
    for (const child of block.content ?? []) {
      const length = child.type === 'text' ? (child.text ?? '').length : child.type === 'hardBreak' ? 1 : 0;
      for (const mark of child.marks ?? []) {
        const tagId = mark.type === 'tag' ? mark.attrs?.tagId : null;
        if (typeof tagId !== 'string' || !blockId) continue;
        const existing = anchors.get(tagId);
        const piece = child.text ?? '';
        if (!existing) anchors.set(tagId, { tagId, blockId, start: offset, end: offset + length, text: piece, order: order++ });
        else if (existing.blockId === blockId && existing.end === offset) {
          existing.end += length; // the mark continues across differently formatted text
          existing.text += piece;
        } else existing.text += ` ${piece}`; // a further stretch (the passage spans blocks)
      }
      offset += length;
    }
  });
  return anchors;
}

export function countWords(text: string): number {
  const matches = text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu);
  return matches ? matches.length : 0;
}

export function docWordCount(doc: NoteNode): number {
  return textBlocks(doc).reduce((sum, block) => sum + countWords(block.text), 0);
}

/** A document from plain text: one paragraph per line (used by imports and the generator). */
export function docFromParagraphs(paragraphs: Array<{ text: string; heading?: boolean }>, newBlockId: () => string): NoteNode {
  return {
    type: 'doc',
    content: paragraphs.map((p) => ({
      type: p.heading ? 'heading' : 'paragraph',
      attrs: p.heading ? { id: newBlockId(), level: 2 } : { id: newBlockId() },
      ...(p.text ? { content: [{ type: 'text' as const, text: p.text }] } : {}),
    })),
  };
}
