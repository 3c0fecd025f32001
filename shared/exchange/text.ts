import { diffPatch } from 'node-diff3';

/**
 * Three-way merges of the words people write. A merge succeeds only where the two sides' edits
 * do not touch the same stretch; otherwise it returns null and the caller keeps both versions as
 * a conflict for a person to pick, never a guess.
 */

/** Words and the spaces between them, so a merge works at the grain people edit prose. */
function tokens(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

interface Hunk {
  /** The stretch of the base it replaces: [start, end). An insertion has start === end. */
  start: number;
  end: number;
  chunk: string[];
}

function hunks(base: string[], side: string[]): Hunk[] {
  return diffPatch(base, side).map((patch) => ({ start: patch.buffer1.offset, end: patch.buffer1.offset + patch.buffer1.length, chunk: patch.buffer2.chunk }));
}

function same(a: Hunk, b: Hunk): boolean {
  return a.start === b.start && a.end === b.end && a.chunk.length === b.chunk.length && a.chunk.every((item, i) => item === b.chunk[i]);
}

/** Two edits clash when they change the same stretch, or insert at the same point. */
function clash(a: Hunk, b: Hunk): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return b.start < a.start && a.start < b.end;
  if (b.start === b.end) return a.start < b.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

/**
 * Three-way merge of two sequences against their base. Unlike a line-based diff3, edits to
 * neighbouring items (the paragraph before and the paragraph after) both apply: only edits to the
 * same items clash.
 */
export function mergeSequences(base: string[], ours: string[], theirs: string[]): string[] | null {
  const mine = hunks(base, ours);
  const others = hunks(base, theirs).filter((other) => !mine.some((hunk) => same(hunk, other)));
  for (const hunk of mine) for (const other of others) if (clash(hunk, other)) return null;
  // Insertions go before a change that starts at the same point.
  const all = [...mine, ...others].sort((a, b) => a.start - b.start || a.end - a.start - (b.end - b.start));
  const merged: string[] = [];
  let at = 0;
  for (const hunk of all) {
    merged.push(...base.slice(at, hunk.start), ...hunk.chunk);
    at = Math.max(at, hunk.end);
  }
  merged.push(...base.slice(at));
  return merged;
}

export function mergeText(base: string, ours: string, theirs: string): string | null {
  if (ours === theirs) return ours;
  if (ours === base) return theirs;
  if (theirs === base) return ours;
  const merged = mergeSequences(tokens(base), tokens(ours), tokens(theirs));
  return merged === null ? null : merged.join('');
}

interface DocJson {
  type?: unknown;
  content?: unknown[];
  [key: string]: unknown;
}

function parseDoc(text: string): DocJson | null {
  try {
    const doc = JSON.parse(text) as unknown;
    if (doc && typeof doc === 'object' && Array.isArray((doc as DocJson).content)) return doc as DocJson;
  } catch {
    // Not a document: merged as a whole value by the caller.
  }
  return null;
}

/** Every `attrs.id` in a document: block ids must stay unique after a merge. */
function blockIds(node: unknown, into: string[]): string[] {
  if (!node || typeof node !== 'object') return into;
  const { attrs, content } = node as { attrs?: { id?: unknown }; content?: unknown[] };
  if (attrs && typeof attrs.id === 'string') into.push(attrs.id);
  for (const child of content ?? []) blockIds(child, into);
  return into;
}

/**
 * Documents (notes, findings) merge block by block: two people who changed different paragraphs
 * both keep their changes, and marks such as tags travel inside their paragraph. The same
 * paragraph changed on both sides is a conflict. A result that would hold one paragraph twice
 * (moved on one side, edited on the other) is a conflict too.
 */
export function mergeDoc(base: string, ours: string, theirs: string): string | null {
  if (ours === theirs) return ours;
  if (ours === base) return theirs;
  if (theirs === base) return ours;
  const [b, o, t] = [parseDoc(base), parseDoc(ours), parseDoc(theirs)];
  if (!b || !o || !t) return null;
  const line = (block: unknown) => JSON.stringify(block);
  const merged = mergeSequences((b.content ?? []).map(line), (o.content ?? []).map(line), (t.content ?? []).map(line));
  if (merged === null) return null;
  const doc = { ...o, content: merged.map((block) => JSON.parse(block) as unknown) };
  const ids = blockIds(doc, []);
  if (new Set(ids).size !== ids.length) return null;
  return JSON.stringify(doc);
}
