import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { checkZipWithin, OFFICE_LIMITS } from '../infra/zip-codec';
import { extractText as pdfText, getDocumentProxy } from 'unpdf';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES } from '../../shared/evidence/domain';
import { FieldbookError } from '../../shared/errors';
import { writeFilesAtomically } from './files';
import { databaseFilesDir } from './paths';
import type { Store } from './store';
import { makeOwnerOnlyDir } from './owner-only';

/**
 * Attachments live in the app's own folder, named by the SHA-256 of their content, so identical
 * files are stored once and a path is never taken from input. The original name is metadata.
 */
export function attachmentsDir(databasePath: string): string {
  return path.join(databaseFilesDir(databasePath), 'attachments');
}

export function storedPath(databasePath: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new FieldbookError('invalid_input', 'Not an attachment id.');
  return path.join(attachmentsDir(databasePath), sha256.slice(0, 2), sha256);
}

const refuse = (message: string) => new FieldbookError('invalid_input', message);

/** Checks a name given with a file: a plain file name with an allowed extension, nothing else. */
export function checkAttachmentName(name: string): string {
  if (name.trim() === '' || name.length > 255) throw refuse('The attachment needs a file name (at most 255 characters).');
  if (/[\\/\0]/.test(name) || name.split(/[\\/]/).includes('..') || name.startsWith('.')) {
    throw refuse(`"${name}" is not a plain file name: attachments are named by their content, never stored at a path taken from input.`);
  }
  const extension = path.extname(name).toLowerCase();
  const mediaType = ATTACHMENT_TYPES[extension];
  if (!mediaType)
    throw refuse(
      `"${name}": ${extension ? `${extension} files are` : 'files without an extension are'} not accepted. Attach PDF, Word, Excel, PowerPoint, CSV, text, Markdown, PNG or JPEG files.`,
    );
  return mediaType;
}

const ZIP_PART: Record<string, string> = { '.docx': 'word/', '.xlsx': 'xl/', '.pptx': 'ppt/' };

/** The content must be what the extension says: a renamed file is refused. */
function checkContent(name: string, bytes: Buffer): void {
  const extension = path.extname(name).toLowerCase();
  const starts = (signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  const what: Record<string, string> = {
    '.pdf': 'a PDF',
    '.docx': 'a Word document',
    '.xlsx': 'an Excel workbook',
    '.pptx': 'a PowerPoint file',
    '.png': 'a PNG image',
    '.jpg': 'a JPEG image',
    '.jpeg': 'a JPEG image',
  };
  let ok: boolean;
  if (extension === '.pdf') ok = bytes.subarray(0, 5).toString('latin1') === '%PDF-';
  else if (ZIP_PART[extension]) ok = starts([0x50, 0x4b, 0x03, 0x04]) && bytes.includes(Buffer.from(ZIP_PART[extension] ?? ''));
  else if (extension === '.png') ok = starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  else if (extension === '.jpg' || extension === '.jpeg') ok = starts([0xff, 0xd8, 0xff]);
  else {
    ok = !bytes.includes(0);
    if (ok) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        ok = false;
      }
    }
    if (!ok) throw refuse(`"${name}" is not UTF-8 text: it may be a different kind of file renamed to ${extension}.`);
  }
  if (!ok) throw refuse(`"${name}" is not ${what[extension] ?? 'what its extension says'}: its content does not match ${extension}. Check the file was not renamed.`);
}

async function extractText(name: string, bytes: Buffer): Promise<string> {
  const extension = path.extname(name).toLowerCase();
  if (extension === '.txt' || extension === '.md' || extension === '.csv') return bytes.toString('utf8').slice(0, 2_000_000);
  // A file whose text cannot be read is still attached; it is only missing from search.
  try {
    if (extension === '.docx') {
      checkZipWithin(bytes, OFFICE_LIMITS); // a Word bomb is kept (it was allowed in) but never unpacked
      return (await mammoth.extractRawText({ buffer: bytes })).value.slice(0, 2_000_000);
    }
    if (extension === '.pdf') {
      const pdf = await getDocumentProxy(new Uint8Array(bytes));
      const { text } = await pdfText(pdf, { mergePages: true });
      return text.slice(0, 2_000_000);
    }
  } catch {
    return '';
  }
  return '';
}

export interface StoredFile {
  sha256: string;
  bytes: number;
  mediaType: string;
  /** Text for search: filled at once for plain text, later (in the background) for Word and PDF. */
  text: string;
  name: string;
}

/**
 * The local rules for an attached file, wherever it comes from (the reviewer's disk, a teammate's
 * bundle): an allowed name and extension, at most 200 MB, not empty, and content that is what the
 * extension says. Returns the media type, taken from the checked extension, never from input.
 */
export function checkAttachment(name: string, bytes: Buffer): string {
  const mediaType = checkAttachmentName(name);
  if (bytes.length > ATTACHMENT_MAX_BYTES) throw refuse(`"${name}" is ${(bytes.length / 1024 / 1024).toFixed(0)} MB: attachments can be at most 200 MB.`);
  if (bytes.length === 0) throw refuse(`"${name}" is empty.`);
  checkContent(name, bytes);
  return mediaType;
}

/** Text for search read at once (plain text kinds); Word and PDF are read later (extractLater). */
export function plainTextOf(name: string, bytes: Buffer): string {
  const extension = path.extname(name).toLowerCase();
  return extension === '.txt' || extension === '.md' || extension === '.csv' ? bytes.toString('utf8').slice(0, 2_000_000) : '';
}

/**
 * The name a stored file may be handed to the system's viewer under, or why not: only a file whose
 * name and content pass the attachment rules, under a name Fieldbook makes (letters, digits,
 * spaces, dots, dashes; the checked extension), so a viewer is never asked to run anything.
 */
export function openableName(name: string, bytes: Buffer): { name: string } | { refused: string } {
  try {
    checkAttachment(name, bytes);
  } catch (error) {
    return { refused: (error as Error).message };
  }
  const extension = path.extname(name).toLowerCase();
  const base =
    path
      .basename(name, path.extname(name))
      .replace(/[^\p{L}\p{N} ._-]/gu, '_')
      .replace(/^[.\s]+/, '')
      .slice(0, 80) || 'attachment';
  return { name: `${base}${extension}` };
}

/**
 * Checks and stores one file (outside any transaction: the file lands first, the rows that point
 * at it are written after; an unreferenced file is harmless and is reused by the next identical one).
 */
export async function storeFile(store: Store, name: string, bytes: Buffer): Promise<StoredFile> {
  const mediaType = checkAttachment(name, bytes);
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  writeStoredFile(store, sha256, bytes);
  const text = plainTextOf(name, bytes);
  store
    .prepare('INSERT INTO attachment_files (sha256, bytes, media_type, text_content) VALUES (?, ?, ?, ?) ON CONFLICT(sha256) DO NOTHING')
    .run(sha256, bytes.length, mediaType, text);
  return { sha256, bytes: bytes.length, mediaType, text, name };
}

/**
 * Puts a file's bytes in the store under their SHA-256 (sealed when the database is encrypted),
 * unless a sound copy is there already. Written aside, synced and renamed, so a crash never
 * leaves half a file under a real name.
 */
export function writeStoredFile(store: Pick<Store, 'path' | 'attachmentKey'>, sha256: string, bytes: Buffer): void {
  writeStoredFiles(store, [{ sha256, bytes }]);
}

/** At most this many bytes of files are sealed and written at once, so memory stays bounded. */
const WRITE_BATCH_BYTES = 64 * 1024 * 1024;

/** Many files as writeStoredFile stores one, in batches (see writeFilesAtomically). */
export function writeStoredFiles(store: Pick<Store, 'path' | 'attachmentKey'>, files: ReadonlyArray<{ sha256: string; bytes: Buffer }>): void {
  let batch: Array<{ sha256: string; bytes: Buffer }> = [];
  let size = 0;
  for (const file of files) {
    batch.push(file);
    size += file.bytes.length;
    if (size < WRITE_BATCH_BYTES) continue;
    writeBatch(store, batch);
    batch = [];
    size = 0;
  }
  writeBatch(store, batch);
}

function writeBatch(store: Pick<Store, 'path' | 'attachmentKey'>, files: ReadonlyArray<{ sha256: string; bytes: Buffer }>): void {
  const toWrite = files.filter(({ sha256 }) => fileState(store, sha256) !== 'ok').map(({ sha256, bytes }) => ({ target: storedPath(store.path, sha256), bytes }));
  for (const { target } of toWrite) {
    fs.rmSync(target, { force: true });
    makeOwnerOnlyDir(path.dirname(target));
  }
  const { attachmentKey } = store;
  writeFilesAtomically(toWrite.map(({ target, bytes }) => ({ target, bytes: attachmentKey ? seal(attachmentKey, bytes) : bytes, mode: 0o600 })));
  for (const { target } of toWrite) fs.chmodSync(target, 0o400); // stored files are never edited in place
}

const pending = new Set<Promise<void>>();

/**
 * Reads the text of Word and PDF attachments after they are stored, so adding evidence never
 * waits for it (a large PDF takes seconds); `onText` puts it in the search index when done.
 */
export function extractLater(store: Store, files: StoredFile[], onText: (sha256: string) => void): void {
  for (const file of files) {
    if (file.text !== '' || !['.docx', '.pdf'].includes(path.extname(file.name).toLowerCase())) continue;
    const job = (async () => {
      await new Promise((resolve) => setImmediate(resolve));
      if (!store.db.open) return;
      const text = await extractText(file.name, readStoredFile(store, file.sha256));
      if (!text || !store.db.open) return;
      store.prepare("UPDATE attachment_files SET text_content = ? WHERE sha256 = ? AND text_content = ''").run(text, file.sha256);
      onText(file.sha256);
    })()
      .catch(() => undefined)
      .finally(() => pending.delete(job));
    pending.add(job);
  }
}

/** Waits for text extraction under way (the CLI and tests wait before closing the database). */
export async function textExtractionDone(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}

/**
 * Attachments of an encrypted database are stored sealed: a marker, a fresh 96-bit nonce, the
 * AES-256-GCM tag and the ciphertext. GCM authenticates, so an altered file fails to open.
 * The store keeps addressing files by the SHA-256 of their plain content.
 */
const SEALED = Buffer.from('FBENC1\n', 'latin1');

export function seal(key: Buffer, plain: Buffer): Buffer {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([SEALED, iv, cipher.getAuthTag(), data]);
}

export function isSealed(bytes: Buffer): boolean {
  return bytes.subarray(0, SEALED.length).equals(SEALED);
}

function unseal(key: Buffer, sealed: Buffer): Buffer {
  const iv = sealed.subarray(SEALED.length, SEALED.length + 12);
  const tag = sealed.subarray(SEALED.length + 12, SEALED.length + 28);
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(SEALED.length + 28)), decipher.final()]);
}

/** A stored file's plain content; throws if it was altered (or is sealed and there is no key). */
export function readStoredFile(store: Pick<Store, 'path' | 'attachmentKey'>, sha256: string): Buffer {
  const bytes = fs.readFileSync(storedPath(store.path, sha256));
  if (!isSealed(bytes)) return bytes;
  if (!store.attachmentKey) throw new FieldbookError('storage', 'This attachment is encrypted and the database was opened without its key.');
  return unseal(store.attachmentKey, bytes);
}

/** 'ok', 'missing' or 'altered' for a stored file. */
export function fileState(store: Pick<Store, 'path' | 'attachmentKey'>, sha256: string): 'ok' | 'missing' | 'altered' {
  if (!fs.existsSync(storedPath(store.path, sha256))) return 'missing';
  try {
    return crypto.createHash('sha256').update(readStoredFile(store, sha256)).digest('hex') === sha256 ? 'ok' : 'altered';
  } catch {
    return 'altered';
  }
}
