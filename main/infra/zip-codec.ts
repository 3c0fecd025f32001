import zlib from 'node:zlib';
import { Zip, ZipPassThrough, type ZipInputFile } from 'fflate';

/**
 * Zip files through fflate's container code, with the deflating done by Node's own zlib: fflate's
 * JavaScript deflate took 3.7 s on a scale-L review's 90 MB of records, zlib takes 0.7 s at the
 * same level. fflate's documented hook (a ZipInputFile with its own compressed data) keeps the
 * files standard zips any tool opens. Reading is ours, with zlib again (see unzipEntries).
 */

const DEFLATE = 8;

export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
  /** Deflate it (records), or store it as it is (attachments, mostly compressed already). */
  deflate: boolean;
}

export function zipEntries(entries: readonly ZipEntry[]): Buffer {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });
  for (const entry of entries) {
    if (!entry.deflate) {
      const stored = new ZipPassThrough(entry.name);
      zip.add(stored);
      stored.push(entry.bytes, true);
      continue;
    }
    const compressed = zlib.deflateRawSync(entry.bytes, { level: 6 });
    const file: ZipInputFile = { filename: entry.name, size: entry.bytes.length, crc: zlib.crc32(entry.bytes), compression: DEFLATE };
    zip.add(file);
    file.ondata?.(null, new Uint8Array(compressed.buffer, compressed.byteOffset, compressed.byteLength), true);
  }
  zip.end();
  if (failure) throw failure;
  return Buffer.concat(chunks);
}

/** How much a zip may hold, checked before anything is inflated. */
export interface ZipLimits {
  maxEntries: number;
  /** Per entry, inflated. */
  maxEntryBytes: number;
  /** Per deflated entry, if lower: what inflating a lying entry may cost in memory before it is refused. */
  maxInflatedEntryBytes?: number;
  /** All entries together, inflated. */
  maxTotalBytes: number;
}

/** A zip that breaks a limit or is malformed: the message says which, for the caller to name the file. */
export class ZipRefused extends Error {
  /** Not a zip at all (no directory at its end): callers say what the file should have been. */
  constructor(
    message: string,
    readonly notZip = false,
  ) {
    super(message);
  }
}

interface DirectoryEntry {
  name: string;
  method: number;
  crc: number;
  packed: number;
  size: number;
  start: number;
}

const MB = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/**
 * The zip's central directory, checked against the limits before a byte is inflated: the entry
 * count, each entry's declared size, their total, duplicate names (other tools show the first of
 * two, we would take the last), zip64 and where each entry's data lies.
 */
export function zipDirectory(bytes: Uint8Array, limits: ZipLimits): DirectoryEntry[] {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = endOfDirectory(view);
  const count = view.readUInt16LE(end + 10);
  if (count > limits.maxEntries) throw new ZipRefused(`it holds ${count} files, more than the ${limits.maxEntries} allowed`);
  let at = view.readUInt32LE(end + 16);
  const seen = new Set<string>();
  const entries: DirectoryEntry[] = [];
  let total = 0;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > view.length || view.readUInt32LE(at) !== CENTRAL_ENTRY) throw new ZipRefused('its directory is damaged');
    const method = view.readUInt16LE(at + 10);
    const crc = view.readUInt32LE(at + 16);
    const packed = view.readUInt32LE(at + 20);
    const size = view.readUInt32LE(at + 24);
    const nameLength = view.readUInt16LE(at + 28);
    const local = view.readUInt32LE(at + 42);
    const name = view.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + view.readUInt16LE(at + 30) + view.readUInt16LE(at + 32);
    if (packed === 0xffffffff || size === 0xffffffff || local === 0xffffffff) throw new ZipRefused('it uses zip64, for files larger than Fieldbook accepts');
    if (seen.has(name)) throw new ZipRefused(`it holds two files named ${name.slice(0, 80)}`);
    seen.add(name);
    const cap = method === DEFLATE ? Math.min(limits.maxEntryBytes, limits.maxInflatedEntryBytes ?? Infinity) : limits.maxEntryBytes;
    if (size > cap) throw new ZipRefused(`${name.slice(0, 80)} would unpack to ${MB(size)}, more than the ${MB(cap)} allowed`);
    total += size;
    if (total > limits.maxTotalBytes) throw new ZipRefused(`it would unpack to more than the ${MB(limits.maxTotalBytes)} allowed`);
    if (local + 30 > view.length || view.readUInt32LE(local) !== LOCAL_ENTRY) throw new ZipRefused(`${name.slice(0, 80)} is damaged`);
    const start = local + 30 + view.readUInt16LE(local + 26) + view.readUInt16LE(local + 28);
    if (start + packed > view.length) throw new ZipRefused(`${name.slice(0, 80)} runs past the end of the file`);
    if (method !== 0 && method !== DEFLATE) throw new ZipRefused(`${name.slice(0, 80)} is packed in a way Fieldbook does not read`);
    entries.push({ name, method, crc, packed, size, start });
  }
  return entries;
}

/** One entry's bytes, inflated no further than its declared size (a lying size cannot grow it). */
function inflated(view: Buffer, entry: DirectoryEntry): Buffer {
  const data = view.subarray(entry.start, entry.start + entry.packed);
  let content: Buffer;
  try {
    // zlib refuses a limit of 0, which an empty deflated entry would ask for.
    content = entry.method === DEFLATE ? zlib.inflateRawSync(data, { maxOutputLength: Math.max(entry.size, 1) }) : data;
  } catch {
    throw new ZipRefused(`${entry.name.slice(0, 80)} is damaged or larger than it says`);
  }
  if (content.length !== entry.size || zlib.crc32(content) !== entry.crc) throw new ZipRefused(`${entry.name.slice(0, 80)} is damaged or larger than it says`);
  return content;
}

/**
 * Every entry of a zip by name, within the limits; throws ZipRefused when the zip or an entry is
 * damaged or too large. Read through the zip's central directory, which gives each entry's size
 * and place: a streaming reader has to find where an entry ends by looking for the next marker in
 * its bytes, and an attached Word file (itself a zip) or any binary can hold that marker. Node's
 * zlib does the inflating (fflate's JavaScript inflate was 3-5× slower on a review's records).
 */
export function unzipEntries(bytes: Uint8Array, limits: ZipLimits): Record<string, Uint8Array> {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries: Record<string, Uint8Array> = {};
  for (const entry of zipDirectory(bytes, limits)) entries[entry.name] = inflated(view, entry);
  return entries;
}

/**
 * Checks, before a library opens it, that a zip-based file (.docx, .xlsx) unpacks within the
 * limits: every entry is inflated once, no further than its declared size, and dropped at once, so
 * a bomb costs at most one entry's limit of memory. The libraries that read these files inflate
 * whatever an entry holds.
 */
export function checkZipWithin(bytes: Uint8Array, limits: ZipLimits): void {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const entry of zipDirectory(bytes, limits)) inflated(view, entry);
}

/** Office files (.docx notes, templates and attachments; .xlsx tables): generous for real documents, tiny for a bomb. */
export const OFFICE_LIMITS: ZipLimits = { maxEntries: 2000, maxEntryBytes: 100 * 1024 * 1024, maxTotalBytes: 150 * 1024 * 1024 };

const LOCAL_ENTRY = 0x04034b50;
const CENTRAL_ENTRY = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;

/** Where the end-of-directory record starts: the last 22 bytes, before a comment of up to 64 KiB. */
function endOfDirectory(view: Buffer): number {
  for (let at = view.length - 22; at >= Math.max(0, view.length - 22 - 0xffff); at -= 1) {
    if (view.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  throw new ZipRefused('it is not a zip file (no directory at its end)', true);
}
