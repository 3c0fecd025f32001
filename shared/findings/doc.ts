import { z } from 'zod';

/**
 * A finding is written as a small ProseMirror document: paragraphs and lists with bold and italic,
 * and `citation` nodes. A citation is an atom naming what it cites (an evidence item or a tagged
 * passage) and the label shown for it ("E012", "Interview 4"). These pure functions read the
 * text and the citations out of a document for search, export and the citation index.
 */
export const FINDING_NODE_TYPES = ['doc', 'paragraph', 'text', 'bulletList', 'orderedList', 'listItem', 'hardBreak', 'citation'] as const;
export const FINDING_MARK_TYPES = ['bold', 'italic'] as const;
export const CITATION_KINDS = ['evidence', 'passage'] as const;
export const CitationKind = z.enum(CITATION_KINDS);
export type CitationKind = z.infer<typeof CitationKind>;

export interface FindingNode {
  type: (typeof FINDING_NODE_TYPES)[number];
  attrs?: Record<string, unknown> | undefined;
  content?: FindingNode[] | undefined;
  text?: string | undefined;
  marks?: Array<{ type: (typeof FINDING_MARK_TYPES)[number] }> | undefined;
}

export const FindingNodeSchema: z.ZodType<FindingNode> = z.lazy(() =>
  z.object({
    type: z.enum(FINDING_NODE_TYPES),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(FindingNodeSchema).max(5000).optional(),
    text: z.string().max(100_000).optional(),
    marks: z.array(z.object({ type: z.enum(FINDING_MARK_TYPES) })).optional(),
  }),
);
export const FindingDocSchema = FindingNodeSchema.refine((node) => node.type === 'doc', 'A finding must be a document');

export const CitationAttrs = z.object({ kind: CitationKind, targetId: z.uuid(), label: z.string().max(80) });
export type CitationAttrs = z.infer<typeof CitationAttrs>;

export const EMPTY_FINDING: FindingNode = { type: 'doc', content: [{ type: 'paragraph' }] };

/** A document from plain text: one paragraph per line (for imports and tests). */
export function findingFromText(text: string): FindingNode {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  return { type: 'doc', content: lines.length ? lines.map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] })) : [{ type: 'paragraph' }] };
}

/** Every citation in document order (invalid ones, e.g. from a hand-edited file, are skipped). */
export function citationsOf(doc: FindingNode): CitationAttrs[] {
  const found: CitationAttrs[] = [];
  const walk = (node: FindingNode) => {
    if (node.type === 'citation') {
      const parsed = CitationAttrs.safeParse(node.attrs);
      if (parsed.success) found.push(parsed.data);
    }
    for (const child of node.content ?? []) walk(child);
  };
  walk(doc);
  return found;
}

/**
 * The document as paragraphs of plain text; citations appear as their label in brackets, and
 * list items as paragraphs starting "• ". What exports and search read. `label` gives a
 * citation's label afresh (the report works it out from what is cited now); by default the
 * label stored in the text is used.
 */
/**
 * Evidence codes cited one after another print as one citation: "[E4726–E4750]" for a run of
 * consecutive codes, "[E012, E015–E017]" otherwise, in the order of their numbers.
 */
export function groupCodes(text: string): string {
  return text.replace(/\[E\d+\](?:\s*\[E\d+\])+/g, (run) => {
    const numbers = [...new Set([...run.matchAll(/E(\d+)/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
    const width = Math.max(...[...run.matchAll(/E(\d+)/g)].map((m) => (m[1] ?? '').length));
    const code = (n: number) => `E${String(n).padStart(width, '0')}`;
    const parts: string[] = [];
    for (let i = 0; i < numbers.length;) {
      let j = i;
      while (j + 1 < numbers.length && numbers[j + 1] === (numbers[j] ?? 0) + 1) j += 1;
      const [from, to] = [numbers[i] ?? 0, numbers[j] ?? 0];
      parts.push(j - i >= 2 ? `${code(from)}\u2013${code(to)}` : j === i ? code(from) : `${code(from)}, ${code(to)}`);
      i = j + 1;
    }
    return `[${parts.join(', ')}]`;
  });
}

export function paragraphsOf(doc: FindingNode, label?: (citation: CitationAttrs) => string): string[] {
  const paragraphs: string[] = [];
  const inline = (node: FindingNode): string => {
    if (node.type === 'text') return node.text ?? '';
    if (node.type === 'hardBreak') return '\n';
    if (node.type === 'citation') {
      const parsed = label ? CitationAttrs.safeParse(node.attrs) : null;
      return `[${parsed?.success && label ? label(parsed.data) : String(node.attrs?.label ?? '?')}]`;
    }
    return (node.content ?? []).map(inline).join('');
  };
  const block = (node: FindingNode, bullet: string) => {
    if (node.type === 'paragraph') {
      // The editor puts a space after a citation so typing can go on; punctuation typed next
      // belongs against the citation ("[E012]." not "[E012] .").
      const text = groupCodes(inline(node).replace(/\] +(?=[.,;:!?)])/g, ']')).trim();
      if (text) paragraphs.push(bullet + text);
      return;
    }
    for (const child of node.content ?? []) block(child, node.type === 'listItem' ? '• ' : bullet);
  };
  block(doc, '');
  return paragraphs;
}

export function plainText(doc: FindingNode): string {
  return paragraphsOf(doc).join('\n');
}
