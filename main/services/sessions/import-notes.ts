import path from 'node:path';
import mammoth from 'mammoth';
import { checkZipWithin, OFFICE_LIMITS, ZipRefused } from '../../infra/zip-codec';
import type { NoteNode } from '../../../shared/sessions/notes-doc';
import { FieldbookError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { findReview } from '../reviews/reviews-table';
import { insertSession } from './sessions-table';
import type { Store } from '../../store/store';
import type { Handlers } from '../../platform/context';
import { writeNotes } from './notes';

export const NOTES_IMPORT_MAX_BYTES = 20 * 1024 * 1024;
const TYPES = ['.txt', '.md', '.docx'];

// mammoth's Markdown output keeps headings and lists, which we map to the notes' structure. Its
// type declarations omit it (the function is there at run time), hence this narrow view.
const toMarkdown = (input: { buffer: Buffer }) => (mammoth as unknown as { convertToMarkdown: (i: { buffer: Buffer }) => Promise<{ value: string }> }).convertToMarkdown(input);

const refuse = (message: string) => new FieldbookError('invalid_input', message);

/**
 * Reads notes from a .txt, .md or .docx file into a notes document. Everything is checked before
 * anything is written: type, size, readability, emptiness.
 */
export async function notesFromFile(fileName: string, bytes: Buffer): Promise<NoteNode> {
  const extension = path.extname(fileName).toLowerCase();
  if (!TYPES.includes(extension)) throw refuse(`unsupported type${extension ? ` (${extension})` : ''}: import .txt, .md or .docx files`);
  if (bytes.length > NOTES_IMPORT_MAX_BYTES) throw refuse(`over 20 MB (${(bytes.length / 1024 / 1024).toFixed(1)} MB): split it into smaller files`);
  if (bytes.length === 0) throw refuse('empty file');
  let markdown: string;
  if (extension === '.docx') {
    try {
      checkZipWithin(bytes, OFFICE_LIMITS);
    } catch (error) {
      throw refuse(error instanceof ZipRefused && !error.notZip ? `not opened: ${error.message}` : 'unreadable: not a valid Word (.docx) file');
    }
    try {
      markdown = (await toMarkdown({ buffer: bytes })).value;
    } catch {
      throw refuse('unreadable: not a valid Word (.docx) file');
    }
  } else {
    try {
      markdown = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    } catch {
      throw refuse('unreadable: not UTF-8 text (save it as UTF-8 and try again)');
    }
  }
  const doc = markdownToDoc(markdown, extension === '.txt');
  if ((doc.content ?? []).length === 0) throw refuse('empty file: it has no text');
  return doc;
}

/** Headings, bulleted and numbered items and paragraphs; other Markdown is kept as typed. */
function markdownToDoc(text: string, plain: boolean): NoteNode {
  const content: NoteNode[] = [];
  let list: NoteNode | null = null;
  const para = (type: 'paragraph' | 'heading', value: string, level?: number): NoteNode => ({
    type,
    attrs: level ? { id: newId(), level } : { id: newId() },
    content: plain ? [{ type: 'text', text: value }] : inline(value),
  });
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      list = null;
      continue;
    }
    const heading = plain ? null : /^(#{1,6})\s+(.*)$/.exec(line);
    const item = plain ? null : /^\s*(?:[-*+]|(\d+)[.)])\s+(.*)$/.exec(line);
    if (heading?.[2]) {
      list = null;
      content.push(para('heading', heading[2], heading[1] && heading[1].length <= 2 ? 2 : 3));
    } else if (item?.[2]) {
      const type = item[1] ? 'orderedList' : 'bulletList';
      if (!list || list.type !== type) {
        list = { type, content: [] };
        content.push(list);
      }
      list.content?.push({ type: 'listItem', content: [para('paragraph', item[2])] });
    } else {
      list = null;
      content.push(para('paragraph', line));
    }
  }
  return { type: 'doc', content };
}

/**
 * Markdown's **bold** and *italic* (or __ and _) become the notes' own marks; backslash escapes
 * (mammoth adds them to punctuation) are removed so the notes read as written.
 */
function inline(source: string): NoteNode[] {
  // Escaped characters are set aside first so that \* never starts emphasis.
  const escaped: string[] = [];
  const text = source.replace(/\\([\\`*_{}[\]()#+\-.!>])/g, (_whole, char: string) => String.fromCharCode(0xe000 + escaped.push(char) - 1));
  const restore = (value: string) => value.replace(/[\ue000-\uefff]/g, (char) => escaped[char.charCodeAt(0) - 0xe000] ?? '');
  const nodes: NoteNode[] = [];
  const pattern = /(\*\*|__)(.+?)\1|(?<![\w*])(\*|_)(?!\s)(.+?)(?<!\s)\3(?![\w*])/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) nodes.push({ type: 'text', text: restore(text.slice(last, match.index)) });
    const bold = Boolean(match[1]);
    nodes.push({ type: 'text', text: restore((bold ? match[2] : match[4]) ?? ''), marks: [{ type: bold ? 'bold' : 'italic' }] });
    last = match.index + match[0].length;
  }
  if (last < text.length) nodes.push({ type: 'text', text: restore(text.slice(last)) });
  return nodes.filter((node) => node.text);
}

export interface ImportResult {
  name: string;
  sessionId: string | null;
  error: string | null;
}

/** Each file becomes one session, in its own transaction: a refused file leaves no trace. */
export async function importNotesFiles(store: Store, reviewId: string, files: Array<{ name: string; bytes: Buffer }>): Promise<ImportResult[]> {
  if (!findReview(store, reviewId)) throw new FieldbookError('not_found', 'That review does not exist on this laptop.');
  const results: ImportResult[] = [];
  for (const file of files) {
    try {
      const doc = await notesFromFile(file.name, file.bytes);
      const sessionId = newId();
      store.write((stamp) => {
        insertSession(store, stamp, {
          id: sessionId,
          reviewId,
          kind: 'interview',
          title: path.basename(file.name, path.extname(file.name)).slice(0, 200) || 'Imported notes',
          heldAt: null,
          location: '',
          interviewerIds: [],
          kloeIds: [],
          consentNoted: false,
          status: 'draft',
          notesDoc: '{"type":"doc","content":[]}',
          wordCount: 0,
        });
        writeNotes(store, stamp, sessionId, reviewId, doc);
      });
      results.push({ name: file.name, sessionId, error: null });
    } catch (error) {
      results.push({ name: file.name, sessionId: null, error: error instanceof FieldbookError ? error.message : `could not be imported: ${(error as Error).message}` });
    }
  }
  return results;
}

export const importHandlers: Handlers<'importNotes'> = {
  importNotes: ({ reviewId, files }, { store }) =>
    importNotesFiles(
      store,
      reviewId,
      files.map((file) => ({ name: file.name, bytes: Buffer.from(file.dataBase64, 'base64') })),
    ),
};
