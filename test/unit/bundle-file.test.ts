import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readBundle, writeBundle, type BundleRecords } from '../../main/services/exchange/bundle-file';
import { zipEntries } from '../../main/infra/zip-codec';
import type { FieldbookError } from '../../shared/errors';

/**
 * The bundle reader on its own: every way a file can fail to be a sound bundle is refused with a
 * message that says which, before anything is written. These are the zips inside sealed bundles
 * (a teammate holding the team key could seal any of them), read as taken out of their seal.
 */
const manifest = {
  review: { id: crypto.randomUUID(), title: 'Review' },
  author: { id: 'p1', name: 'Asha Lead' },
  device: { id: 'd1', name: 'Laptop' },
  createdAt: '2026-11-28T10:00:00.000Z',
  sincePeer: null,
  counts: { versions: 1, people: 0, attachments: 0 },
};
const version = { t: 'organisations', r: 'o1', v: '1764324000000-0000-d1', p: [], b: 'p1', d: 'd1', data: { id: 'o1', name: 'Kent County Council', short_name: 'KCC' } };
const records = (versions: unknown[] = [version]): BundleRecords => ({ people: [], versions: versions as BundleRecords['versions'], attachments: [] });
const sha = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');

/** A zip with a whole-file checksum made afresh, as writeBundle does. */
function sealed(entries: Record<string, Uint8Array | string>): Buffer {
  const body = zipEntries(Object.entries(entries).map(([name, bytes]) => ({ name, bytes: typeof bytes === 'string' ? Buffer.from(bytes) : bytes, deflate: true })));
  body.writeUInt16LE(64, body.length - 2);
  return Buffer.concat([body, Buffer.from(sha(body), 'ascii')]);
}
const refusal = (bytes: Buffer, name = 'b.fieldbook-bundle'): FieldbookError => {
  try {
    readBundle(bytes, name, true);
  } catch (error) {
    return error as FieldbookError;
  }
  throw new Error('the bundle was read');
};
const damaged = /^b\.fieldbook-bundle is damaged or incomplete \(its checksum does not match\)/;

describe('reading a bundle', () => {
  it('reads back what was written: manifest, records and attachment files', () => {
    const file = Buffer.from('minutes');
    const written = writeBundle(
      manifest,
      { ...records(), attachments: [{ sha256: sha(file), bytes: 7, mediaType: 'text/plain', textContent: 'minutes' }] },
      new Map([[sha(file), file]]),
    );
    const read = readBundle(written, 'b', true);
    expect(read.manifest).toMatchObject({
      format: 'fieldbook-team-bundle',
      formatVersion: 2,
      sizes: { records: expect.any(Number), attachments: 7 },
      author: { name: 'Asha Lead' },
      entries: { 'records.json': expect.any(String), [`attachments/${sha(file)}`]: sha(file) },
    });
    expect(read.records.versions).toEqual([version]);
    expect(read.files.get(sha(file))?.toString()).toBe('minutes');
  });

  it('refuses a file too short to be one, saying so', () => {
    const error = refusal(Buffer.alloc(85));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('b.fieldbook-bundle is not a Fieldbook team bundle (it is too short).');
    expect(refusal(Buffer.alloc(86)).message).toBe('b.fieldbook-bundle is not a Fieldbook team bundle.');
  });

  it('tells a file that is not a zip from a zip that is damaged', () => {
    expect(refusal(Buffer.from('x'.repeat(300))).message).toBe('b.fieldbook-bundle is not a Fieldbook team bundle.');
    const good = writeBundle(manifest, records(), new Map());
    expect(refusal(Buffer.concat([good.subarray(0, 100), Buffer.alloc(300)])).message).toMatch(damaged);
    // A zip with no checksum comment.
    const plain = zipEntries([{ name: 'manifest.json', bytes: Buffer.from('{}'), deflate: true }]);
    expect(refusal(Buffer.concat([plain, Buffer.alloc(64)])).message).toMatch(/^b\.fieldbook-bundle is (damaged|not a Fieldbook team bundle)/);
    expect(refusal(good.subarray(0, good.length - 1)).message).toMatch(damaged);
  });

  it('refuses a sound zip that is not a bundle: no manifest, a manifest that is not JSON or not one', () => {
    expect(refusal(sealed({ 'records.json': '{}' })).message).toBe('b.fieldbook-bundle has no manifest: it is not a Fieldbook team bundle.');
    expect(refusal(sealed({ 'manifest.json': '{not json' })).message).toBe('b.fieldbook-bundle (manifest.json) is not valid JSON: the bundle is damaged.');
    expect(refusal(sealed({ 'manifest.json': '{"format":"other"}' })).message).toBe(
      'b.fieldbook-bundle (manifest.json): format: not a Fieldbook team bundle. Nothing was imported.',
    );
    expect(refusal(sealed({ 'manifest.json': 'null' })).message).toMatch(/^b\.fieldbook-bundle \(manifest\.json\): the file: /);
  });

  it('reads an old format-1 bundle in the clear, and refuses format-2 contents found outside their seal', () => {
    const old = writeBundle(manifest, records(), new Map(), 1);
    expect(readBundle(old, 'old', false).manifest).toMatchObject({ formatVersion: 1 });
    expect(readBundle(old, 'old', false).manifest.sizes).toBeUndefined();
    expect(() => readBundle(writeBundle(manifest, records(), new Map()), 'bare.fieldbook-bundle')).toThrow(
      /^bare\.fieldbook-bundle holds the contents of a sealed bundle without its seal\. Nothing was imported/,
    );
  });

  it('refuses a newer format by its number, and a format number that is not a number as not a bundle', () => {
    const newer = { ...manifest, format: 'fieldbook-team-bundle', formatVersion: 3, entries: {} };
    expect(refusal(sealed({ 'manifest.json': JSON.stringify(newer) })).message).toBe(
      'b.fieldbook-bundle was made by a newer Fieldbook (bundle format 3; this one reads up to 2). Update Fieldbook on this laptop, then import it.',
    );
    expect(refusal(sealed({ 'manifest.json': JSON.stringify({ ...newer, formatVersion: '2' }) })).message).toMatch(/^b\.fieldbook-bundle \(manifest\.json\): formatVersion: /);
  });

  it('refuses records that are missing, not JSON, or not listed in the manifest', () => {
    const base = { ...manifest, format: 'fieldbook-team-bundle', formatVersion: 1 };
    expect(refusal(sealed({ 'manifest.json': JSON.stringify({ ...base, entries: {} }) })).message).toMatch(damaged);
    const body = '{oops';
    expect(refusal(sealed({ 'manifest.json': JSON.stringify({ ...base, entries: { 'records.json': sha(Buffer.from(body)) } }), 'records.json': body })).message).toBe(
      'b.fieldbook-bundle (records.json) is not valid JSON: the bundle is damaged.',
    );
    const unlisted = JSON.stringify(records());
    expect(refusal(sealed({ 'manifest.json': JSON.stringify({ ...base, entries: {} }), 'records.json': unlisted })).message).toMatch(damaged);
  });

  it('refuses records whose fields are not a set of plain values, naming the field', () => {
    const problem = (data: unknown) => refusal(writeBundle(manifest, records([{ ...version, data }]), new Map())).message;
    expect(problem([1, 2])).toMatch(/versions\.0\.data: not a set of fields\. Nothing was imported\.$/);
    expect(problem(null)).toMatch(/versions\.0\.data: not a set of fields/);
    expect(problem('text')).toMatch(/versions\.0\.data: not a set of fields/);
    expect(problem({ id: 'o1', nested: { a: 1 } })).toMatch(/versions\.0\.data: field nested is not text, a number or empty/);
    expect(problem({ id: 'o1', flag: true })).toMatch(/field flag is not text, a number or empty/);
    expect(problem({ [`Bad-${'x'.repeat(60)}`]: 1 })).toMatch(new RegExp(`"Bad-${'x'.repeat(36)}" is not a field name`));
  });

  it('reads a version whose fields are text, numbers and empties', () => {
    const read = readBundle(writeBundle(manifest, records([{ ...version, data: { id: 'o1', note: null, count: 3, name: 'x' } }]), new Map()), 'ok', true);
    expect(read.records.versions[0]?.data).toEqual({ id: 'o1', note: null, count: 3, name: 'x' });
  });
});
