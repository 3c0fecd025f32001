import { describe, expect, it } from 'vitest';
import { unzipEntries, zipEntries } from '../../main/infra/zip-codec';
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
