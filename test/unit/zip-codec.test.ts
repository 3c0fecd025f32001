import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { checkZipWithin, unzipEntries, zipDirectory, zipEntries, ZipRefused } from '../../main/infra/zip-codec';
import { BUNDLE_LIMITS } from '../../main/services/exchange/bundle-file';

describe('zip container of team bundles', () => {
  it('reads back what it wrote, empty entries included, and refuses a changed byte of content', () => {
    const text = Buffer.from('Minutes of the A&E delivery board. '.repeat(200));
    const zipped = zipEntries([
      { name: 'records.json', bytes: text, deflate: true },
      { name: 'empty.json', bytes: new Uint8Array(0), deflate: true },
      { name: 'attachments/abc', bytes: new Uint8Array([1, 2, 3]), deflate: false },
    ]);
    const entries = unzipEntries(zipped, BUNDLE_LIMITS);
    expect(Object.keys(entries)).toEqual(['records.json', 'empty.json', 'attachments/abc']);
    expect(Buffer.from(entries['records.json'] as Uint8Array).equals(text)).toBe(true);
    expect(entries['empty.json']?.length).toBe(0);
    expect([...(entries['attachments/abc'] as Uint8Array)]).toEqual([1, 2, 3]);

    const changed = Buffer.from(zipped);
    const at = changed.indexOf(Buffer.from([1, 2, 3]));
    changed.writeUInt8(9, at);
    expect(() => unzipEntries(changed, BUNDLE_LIMITS)).toThrow(/attachments\/abc is damaged/);
  });
});

describe('zip limits, checked before anything is inflated', () => {
  const limits = { maxEntries: 3, maxEntryBytes: 1000, maxInflatedEntryBytes: 500, maxTotalBytes: 1500 };
  const zip = (entries: Array<{ name: string; size: number; deflate: boolean }>) =>
    zipEntries(entries.map(({ name, size, deflate }) => ({ name, bytes: Buffer.alloc(size, 0x61), deflate })));

  it('reads a zip within every limit, each limit exactly reached', () => {
    const entries = unzipEntries(
      zip([
        { name: 'a', size: 500, deflate: true },
        { name: 'b', size: 1000, deflate: false },
      ]),
      { ...limits, maxTotalBytes: 1500 },
    );
    expect(Object.keys(entries)).toEqual(['a', 'b']);
    expect(() =>
      checkZipWithin(
        zip([
          { name: 'a', size: 1, deflate: true },
          { name: 'b', size: 1, deflate: true },
          { name: 'c', size: 1, deflate: false },
        ]),
        limits,
      ),
    ).not.toThrow();
  });

  it('refuses one entry too many', () => {
    expect(() => zipDirectory(zip(['a', 'b', 'c', 'd'].map((name) => ({ name, size: 1, deflate: false }))), limits)).toThrow(/it holds 4 files, more than the 3 allowed/);
  });

  it('refuses a stored entry over the entry limit and a deflated one over the inflate limit', () => {
    expect(() => zipDirectory(zip([{ name: 'big', size: 1001, deflate: false }]), limits)).toThrow(/big would unpack to 0 MB, more than the 0 MB allowed/);
    expect(() => zipDirectory(zip([{ name: 'packed', size: 501, deflate: true }]), limits)).toThrow(/packed would unpack/);
    expect(() => zipDirectory(zip([{ name: 'stored', size: 501, deflate: false }]), limits)).not.toThrow();
  });

  it('refuses a total over the limit', () => {
    expect(() =>
      zipDirectory(
        zip([
          { name: 'a', size: 800, deflate: false },
          { name: 'b', size: 701, deflate: false },
        ]),
        limits,
      ),
    ).toThrow(/it would unpack to more than/);
  });

  it('refuses two entries of one name', () => {
    expect(() =>
      zipDirectory(
        zip([
          { name: 'same', size: 1, deflate: false },
          { name: 'same', size: 2, deflate: false },
        ]),
        limits,
      ),
    ).toThrow(/it holds two files named same/);
  });

  it('inflates a lying entry no further than the size it declares: 300 MB of zeros cost no memory', () => {
    // 300 MB of zeros, deflated (291 KB), declared as 10 bytes.
    const packed = fs.readFileSync(path.join(__dirname, '../fixtures/zeros-300mb.deflate'));
    const lying = zipEntries([{ name: 'bomb', bytes: Buffer.alloc(10), deflate: true }]);
    const rebuilt = Buffer.concat([lying.subarray(0, 30 + 4), packed, lying.subarray(lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])))]);
    // Point the directory at the new data: its packed size and where the directory starts.
    const directory = rebuilt.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    rebuilt.writeUInt32LE(packed.length, directory + 20);
    rebuilt.writeUInt32LE(directory, rebuilt.length - 22 + 16);
    const before = process.resourceUsage().maxRSS;
    expect(() => unzipEntries(rebuilt, { maxEntries: 1, maxEntryBytes: 1000, maxTotalBytes: 1000 })).toThrow(/bomb is damaged or larger than it says/);
    expect(() => checkZipWithin(rebuilt, { maxEntries: 1, maxEntryBytes: 1000, maxTotalBytes: 1000 })).toThrow(/bomb is damaged or larger than it says/);
    expect((process.resourceUsage().maxRSS - before) / 1024).toBeLessThan(100);
  });

  it('stops inflating a lying entry at the size it declares', () => {
    const honest = zip([{ name: 'lie', size: 400, deflate: true }]);
    // Declare 10 bytes in the central directory (after the local header and data).
    const at = honest.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const lying = Buffer.from(honest);
    lying.writeUInt32LE(10, at + 24);
    expect(() => unzipEntries(lying, limits)).toThrow(/lie is damaged or larger than it says/);
    expect(() => checkZipWithin(lying, limits)).toThrow(/lie is damaged or larger than it says/);
  });

  it('refuses zip64 markers, unknown packing and what is not a zip', () => {
    const base = zip([{ name: 'x', size: 10, deflate: false }]);
    const at = base.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const zip64 = Buffer.from(base);
    zip64.writeUInt32LE(0xffffffff, at + 24);
    expect(() => zipDirectory(zip64, limits)).toThrow(/zip64/);
    const method = Buffer.from(base);
    method.writeUInt16LE(12, at + 10);
    expect(() => zipDirectory(method, limits)).toThrow(/packed in a way Fieldbook does not read/);
    try {
      zipDirectory(Buffer.from('not a zip at all, just some text that is long enough'), limits);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ZipRefused);
      expect((error as ZipRefused).notZip).toBe(true);
    }
    const cut = base.subarray(0, at + 10);
    expect(() => zipDirectory(cut, limits)).toThrow(ZipRefused);
  });
});

describe('zip directories as other tools write them, and damaged ones', () => {
  const limits = { maxEntries: 10, maxEntryBytes: 1_000_000, maxTotalBytes: 2_000_000 };
  /** A zip with extra fields and comments where other tools put them (Word does), and a zip comment. */
  function toolZip(files: Array<{ name: string; content: Buffer; deflate?: boolean }>, zipComment = ''): Buffer {
    const locals: Buffer[] = [];
    const centrals: Buffer[] = [];
    let offset = 0;
    for (const file of files) {
      const name = Buffer.from(file.name);
      const data = file.deflate ? zlib.deflateRawSync(file.content) : file.content;
      const extra = Buffer.from([0x75, 0x70, 0x03, 0x00, 1, 2, 3]);
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(file.deflate ? 8 : 0, 8);
      local.writeUInt32LE(zlib.crc32(file.content), 14);
      local.writeUInt32LE(data.length, 18);
      local.writeUInt32LE(file.content.length, 22);
      local.writeUInt16LE(name.length, 26);
      local.writeUInt16LE(extra.length, 28);
      const comment = Buffer.from('made by another tool');
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(file.deflate ? 8 : 0, 10);
      central.writeUInt32LE(zlib.crc32(file.content), 16);
      central.writeUInt32LE(data.length, 20);
      central.writeUInt32LE(file.content.length, 24);
      central.writeUInt16LE(name.length, 28);
      central.writeUInt16LE(extra.length, 30);
      central.writeUInt16LE(comment.length, 32);
      central.writeUInt32LE(offset, 42);
      locals.push(local, name, extra, data);
      centrals.push(central, name, extra, comment);
      offset += 30 + name.length + extra.length + data.length;
    }
    const directory = Buffer.concat(centrals);
    const comment = Buffer.from(zipComment);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(files.length, 8);
    end.writeUInt16LE(files.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    end.writeUInt16LE(comment.length, 20);
    return Buffer.concat([...locals, directory, end, comment]);
  }
  const files = [
    { name: 'word/document.xml', content: Buffer.from('<w:document>the minutes</w:document>'), deflate: true },
    { name: 'word/empty.xml', content: Buffer.alloc(0), deflate: true },
    { name: 'media/image1.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
  ];

  it('reads every entry past extra fields and comments, and a zip comment of any length', () => {
    for (const comment of ['', 'x'.repeat(1000)]) {
      const entries = unzipEntries(toolZip(files, comment), limits);
      expect(Object.keys(entries)).toEqual(files.map((f) => f.name));
      expect(Buffer.from(entries['word/document.xml']!).toString()).toBe('<w:document>the minutes</w:document>');
      expect(entries['word/empty.xml']!.length).toBe(0);
    }
  });

  it('refuses a damaged directory, a damaged entry header, an entry running past the end and a wrong checksum', () => {
    const good = toolZip(files);
    const directory = good.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const second = good.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), directory + 4);
    const badDirectory = Buffer.from(good);
    badDirectory.writeUInt32LE(0x12345678, second);
    expect(() => zipDirectory(badDirectory, limits)).toThrow(/its directory is damaged/);
    const badLocal = Buffer.from(good);
    badLocal.writeUInt32LE(0x12345678, 0);
    expect(() => zipDirectory(badLocal, limits)).toThrow(/^word\/document\.xml is damaged$/);
    const pastEnd = Buffer.from(good);
    pastEnd.writeUInt32LE(good.length, directory + 20);
    expect(() => zipDirectory(pastEnd, limits)).toThrow(/word\/document\.xml runs past the end of the file/);
    const wrongCrc = Buffer.from(good);
    wrongCrc.writeUInt32LE(1, directory + 16);
    expect(() => unzipEntries(wrongCrc, limits)).toThrow(/word\/document\.xml is damaged or larger than it says/);
    const zip64Offset = Buffer.from(good);
    zip64Offset.writeUInt32LE(0xffffffff, directory + 42);
    expect(() => zipDirectory(zip64Offset, limits)).toThrow(/zip64/);
    const zip64Packed = Buffer.from(good);
    zip64Packed.writeUInt32LE(0xffffffff, directory + 20);
    expect(() => zipDirectory(zip64Packed, limits)).toThrow(/zip64/);
  });

  it('names an entry by at most 80 characters, and says a refusal is not about a missing zip', () => {
    const long = `${'x'.repeat(100)}.xml`;
    try {
      zipDirectory(toolZip([{ name: long, content: Buffer.alloc(2000) }]), { ...limits, maxEntryBytes: 1000 });
      expect.unreachable();
    } catch (error) {
      expect((error as ZipRefused).message).toBe(`${'x'.repeat(80)} would unpack to 0 MB, more than the 0 MB allowed`);
      expect((error as ZipRefused).notZip).toBe(false);
    }
    expect(() => zipDirectory(Buffer.from('PK'), limits)).toThrow(/it is not a zip file/);
  });
});
