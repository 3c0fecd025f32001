import zlib from 'node:zlib';
import { Unzip, UnzipPassThrough, Zip, ZipPassThrough, type UnzipDecoder, type ZipInputFile } from 'fflate';

/**
 * Zip files through fflate's container code, with the deflating done by Node's own zlib: fflate's
 * JavaScript deflate took 3.7 s on a scale-L review's 90 MB of records, zlib takes 0.7 s at the
 * same level. fflate's documented hooks (a ZipInputFile with its own compressed data, an
 * UnzipDecoder registered for method 8) keep the files standard zips any tool opens.
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

/** Inflates one entry with zlib once all of its compressed bytes have arrived. */
class NativeInflate implements UnzipDecoder {
  static compression = DEFLATE;
  ondata: UnzipDecoder['ondata'] = () => undefined;
  private readonly parts: Uint8Array[] = [];

  push(chunk: Uint8Array, final: boolean): void {
    this.parts.push(chunk.slice());
    if (!final) return;
    // A damaged stream throws out of unzip.push, to the caller of unzipEntries.
    const out = zlib.inflateRawSync(Buffer.concat(this.parts));
    this.ondata(null, new Uint8Array(out.buffer, out.byteOffset, out.byteLength), true);
  }
}

/** Every entry of a zip by name; throws when the zip or an entry is damaged. */
export function unzipEntries(bytes: Uint8Array): Record<string, Uint8Array> {
  const entries: Record<string, Uint8Array> = {};
  const pending = new Set<string>();
  let failure: Error | null = null;
  const unzip = new Unzip((file) => {
    const parts: Uint8Array[] = [];
    pending.add(file.name);
    file.ondata = (error, chunk, final) => {
      if (error) failure = error;
      else parts.push(chunk);
      if (final) {
        entries[file.name] = parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts);
        pending.delete(file.name);
      }
    };
    file.start();
  });
  unzip.register(UnzipPassThrough);
  unzip.register(NativeInflate);
  unzip.push(bytes, true);
  if (failure) throw failure;
  if (pending.size > 0) throw new Error(`The zip ends inside ${[...pending][0] ?? 'an entry'}`);
  return entries;
}
