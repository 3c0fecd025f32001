import zlib from 'node:zlib';
import { unzipSync, Zip, ZipPassThrough, type ZipInputFile } from 'fflate';

/**
 * Zip files through fflate's container code, with the deflating done by Node's own zlib: fflate's
 * JavaScript deflate took 3.7 s on a scale-L review's 90 MB of records, zlib takes 0.7 s at the
 * same level. fflate's documented hook (a ZipInputFile with its own compressed data) keeps the
 * files standard zips any tool opens. Reading is fflate's own (see unzipEntries).
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

/**
 * Every entry of a zip by name; throws when the zip or an entry is damaged. Read through the zip's
 * central directory, which gives each entry's size: a streaming reader has to find where an entry
 * ends by looking for the next marker in its bytes, and an attached Word file (itself a zip) or
 * any binary can hold that marker, which made such bundles unreadable.
 */
export function unzipEntries(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}
