import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  fingerprintOf,
  isSealedBundle,
  readSealedHeader,
  newSigningKey,
  newTeamKey,
  openSealedBundle,
  sealBundle,
  sealPlaintext,
  SEALED_MAGIC,
  teamCodeOf,
  teamKeyFromCode,
  teamKeyFromPassphrase,
} from '../../main/services/exchange/sealed-bundle';
import { zipEntries } from '../../main/infra/zip-codec';

/** A bundle zip holding what must never be readable outside the team: a name, notes, an attachment. */
const secret = {
  name: 'Edna Marsh',
  notes: 'Mrs Marsh told us she waited nine hours for a bed',
  attachment: Buffer.from('%PDF-1.4 escalation protocol for the discharge lounge', 'latin1'),
};
const zip = zipEntries([
  { name: 'records.json', bytes: Buffer.from(JSON.stringify({ participant: secret.name, notes: secret.notes }), 'utf8'), deflate: true },
  { name: 'attachments/abc', bytes: secret.attachment, deflate: false },
]);

const REVIEW = '0190a000-0000-7000-8000-000000000001';

describe('sealed team bundles (format 2)', () => {
  const team = newTeamKey();
  const laptop = newSigningKey();

  it('opens with the team key and names its signer, and nothing inside is readable without it', () => {
    const sealed = sealBundle(zip, REVIEW, team.key, laptop.privateKey);
    expect(isSealedBundle(sealed)).toBe(true);
    const opened = openSealedBundle(sealed, team.key, 'evening.fieldbook-bundle');
    expect(opened.zip.equals(zip)).toBe(true);
    expect(opened.signer).toEqual(laptop.signer);
    for (const needle of [secret.name, 'Marsh', 'nine hours', 'escalation protocol', secret.attachment.subarray(0, 12).toString('latin1')]) {
      expect(sealed.includes(Buffer.from(needle, 'utf8'))).toBe(false);
      expect(sealed.includes(Buffer.from(Buffer.from(needle).toString('base64').slice(0, 12), 'latin1'))).toBe(false);
    }
    // Not even the signer is in the clear.
    expect(sealed.includes(Buffer.from(laptop.signer.publicKey, 'latin1'))).toBe(false);
  });

  it('refuses it with one bit changed anywhere, or cut short, by name', () => {
    const sealed = sealBundle(zip, REVIEW, team.key, laptop.privateKey);
    for (const at of [SEALED_MAGIC.length + 10, SEALED_MAGIC.length + 60, Math.floor(sealed.length / 2), sealed.length - 20, sealed.length - 1]) {
      const flipped = Buffer.from(sealed);
      flipped[at] = (flipped[at] ?? 0) ^ 0x01;
      expect(() => openSealedBundle(flipped, team.key, 'flipped.fieldbook-bundle'), `bit at ${at}`).toThrow(/flipped\.fieldbook-bundle/);
    }
    expect(() => openSealedBundle(sealed.subarray(0, sealed.length - 100), team.key, 'cut.fieldbook-bundle')).toThrow(
      /cut\.fieldbook-bundle cannot be opened with this review's team key/,
    );
    expect(() => openSealedBundle(sealed.subarray(0, 30), team.key, 'stub.fieldbook-bundle')).toThrow(/stub\.fieldbook-bundle is incomplete/);
  });

  it('refuses another team key with a message that says so', () => {
    const sealed = sealBundle(zip, REVIEW, team.key, laptop.privateKey);
    expect(() => openSealedBundle(sealed, newTeamKey().key, 'other.fieldbook-bundle')).toThrow(
      /cannot be opened with this review's team key: either the key is not the one your team shares/,
    );
  });

  it('refuses a bundle whose signature was made by another key than the one it names', () => {
    // An insider with the team key reseals a teammate's zip naming the teammate's key but signing with their own.
    const sealed = sealBundle(zip, REVIEW, team.key, laptop.privateKey);
    const { headerBytes } = readSealedHeader(sealed, 'original');
    const intruder = newSigningKey();
    const forgedSignature = crypto.sign(
      null,
      crypto.createHash('sha256').update(SEALED_MAGIC).update(headerBytes).update(zip).digest(),
      crypto.createPrivateKey({ key: Buffer.from(intruder.privateKey, 'base64'), format: 'der', type: 'pkcs8' }),
    );
    const block = Buffer.from(JSON.stringify({ publicKey: laptop.signer.publicKey, signature: forgedSignature.toString('base64') }), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(block.length);
    const header = JSON.parse(headerBytes.toString('utf8')) as { salt: string; nonce: string };
    const forged = sealPlaintext(headerBytes, Buffer.concat([length, block, zip]), team.key, Buffer.from(header.salt, 'base64'), Buffer.from(header.nonce, 'base64'));
    expect(() => openSealedBundle(forged, team.key, 'forged.fieldbook-bundle')).toThrow(/forged\.fieldbook-bundle is not signed by the key it names/);
    // Signed with the intruder's own key it opens, naming the intruder: pinning (per review) decides.
    expect(openSealedBundle(sealBundle(zip, REVIEW, team.key, intruder.privateKey), team.key, 'x').signer.fingerprint).toBe(intruder.signer.fingerprint);
    expect(intruder.signer.fingerprint).not.toBe(laptop.signer.fingerprint);
    expect(laptop.signer.fingerprint).toMatch(/^[A-Z2-9]{4} [A-Z2-9]{4} [A-Z2-9]{4}$/);
  });

  it("names its review in the clear, and opens with any of the review's keys (before and after a rotation)", () => {
    const sealed = sealBundle(zip, REVIEW, team.key, laptop.privateKey);
    expect(readSealedHeader(sealed, 'x').reviewId).toBe(REVIEW);
    const rotated = newTeamKey().key;
    const opened = openSealedBundle(sealed, [rotated, team.key], 'x');
    expect(opened.key.equals(team.key)).toBe(true);
    expect(opened.reviewId).toBe(REVIEW);
    expect(() => openSealedBundle(sealed, [rotated], 'old.fieldbook-bundle')).toThrow(/old\.fieldbook-bundle cannot be opened with this review's team key/);
    expect(() => openSealedBundle(sealed, [], 'none.fieldbook-bundle')).toThrow(/none\.fieldbook-bundle cannot be opened/);
  });

  it('refuses a format newer than this Fieldbook reads', () => {
    const header = Buffer.from(JSON.stringify({ format: 'fieldbook-team-bundle', formatVersion: 3 }), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(header.length);
    const newer = Buffer.concat([SEALED_MAGIC, length, header, Buffer.alloc(64)]);
    expect(() => openSealedBundle(newer, team.key, 'future.fieldbook-bundle')).toThrow(/future\.fieldbook-bundle was made by a newer Fieldbook \(bundle format 3/);
  });

  it('shares the team key as a code that survives spaces, case and a typo check', () => {
    const back = teamKeyFromCode(team.code.toLowerCase().replace(/-/g, ' '));
    expect(back?.equals(team.key)).toBe(true);
    expect(team.code).toMatch(/^FBT(-[A-Z2-9]{1,4}){14}$/);
    expect(teamCodeOf(team.key)).toBe(team.code);
    const typo = team.code.slice(0, 10) + (team.code[10] === 'A' ? 'B' : 'A') + team.code.slice(11);
    expect(teamKeyFromCode(typo)).toBeNull();
    expect(teamKeyFromCode('correct horse battery staple')).toBeNull();
  });

  it('derives the same team key from a passphrase on every laptop, and another in another review', { timeout: 30_000 }, () => {
    const a = teamKeyFromPassphrase('winter pressures in Westmoor 2026', '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b');
    const b = teamKeyFromPassphrase('winter pressures in Westmoor 2026', '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b');
    const other = teamKeyFromPassphrase('winter pressures in Westmoor 2026', '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c');
    expect(a.equals(b)).toBe(true);
    expect(a.equals(other)).toBe(false);
    // The same key as an independent scrypt (Python's hashlib, N=2^17, r=8, p=1) gives: every laptop, every build.
    expect(a.toString('hex')).toBe('cae29b660ee7ed25d7eee7f65e0a8e132ac8dcb6e26d596bfab2ebcaffd57eda');
  });

  it('writes codes and fingerprints as an independent base32 (no I, O, 0, 1) reads them', () => {
    // Vectors computed outside Fieldbook (Python, the same alphabet and check bytes).
    const key = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
    const code = 'FBT-AAAS-EA2E-AWDA-QCAK-BJFS-2DJQ-B6JB-CESV-CSLT-NF22-DEPB-YHA7-D2RY-GDJ';
    expect(teamCodeOf(key)).toBe(code);
    expect(teamKeyFromCode(code)?.equals(key)).toBe(true);
    expect(fingerprintOf(key)).toBe('NNG6 4LMG 2S3Y');
    // Not a code: no prefix, too short, a letter the alphabet leaves out.
    expect(teamKeyFromCode(code.slice(4))).toBeNull();
    expect(teamKeyFromCode('FBT-AAAS-EA2E')).toBeNull();
    expect(teamKeyFromCode(code.replace('AAAS', 'AOAS'))).toBeNull();
  });

  it('refuses, by name, a header that is too long, not JSON or not a header, and a file shorter than any bundle', () => {
    const withHeader = (header: Buffer, rest = Buffer.alloc(40)) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(header.length);
      return Buffer.concat([SEALED_MAGIC, length, header, rest]);
    };
    expect(() => openSealedBundle(withHeader(Buffer.from('{not json')), team.key, 'h.fieldbook-bundle')).toThrow(/^h\.fieldbook-bundle is damaged \(its header is not readable\)/);
    expect(() => openSealedBundle(withHeader(Buffer.from('{"format":"other"}')), team.key, 'h.fieldbook-bundle')).toThrow(
      /^h\.fieldbook-bundle is damaged \(its header is not as expected\)/,
    );
    expect(() => openSealedBundle(withHeader(Buffer.from('null')), team.key, 'h.fieldbook-bundle')).toThrow(/header is not as expected/);
    const long = Buffer.from(JSON.stringify({ pad: 'x'.repeat(5000) }));
    expect(() => openSealedBundle(withHeader(long), team.key, 'h.fieldbook-bundle')).toThrow(/^h\.fieldbook-bundle is incomplete/);
    // A header length that runs past the end of the file (its tag would be missing).
    const sealed = sealBundle(zip, REVIEW, team.key, laptop.privateKey);
    const headerLength = sealed.readUInt32BE(SEALED_MAGIC.length);
    const overlong = Buffer.from(sealed);
    overlong.writeUInt32BE(sealed.length - SEALED_MAGIC.length - 4 - 15, SEALED_MAGIC.length);
    expect(() => openSealedBundle(overlong, team.key, 'h.fieldbook-bundle')).toThrow(/is incomplete/);
    expect(headerLength).toBeLessThan(300);
    // Exactly as long as magic, length and tag: incomplete, not a crash; one byte less likewise.
    expect(() => openSealedBundle(Buffer.concat([SEALED_MAGIC, Buffer.alloc(4 + 16)]), team.key, 'h.fieldbook-bundle')).toThrow(/h\.fieldbook-bundle/);
    expect(() => openSealedBundle(Buffer.concat([SEALED_MAGIC, Buffer.alloc(4 + 15)]), team.key, 'h.fieldbook-bundle')).toThrow(/^h\.fieldbook-bundle is incomplete/);
    expect(() => openSealedBundle(Buffer.from('PK\x03\x04 an old bundle'), team.key, 'old.fieldbook-bundle')).toThrow(
      /^old\.fieldbook-bundle is not a sealed Fieldbook team bundle/,
    );
  });

  it('refuses, by name, a sealed plaintext whose signer block is missing, too long or not readable', () => {
    const { headerBytes } = readSealedHeader(sealBundle(zip, REVIEW, team.key, laptop.privateKey), 'x');
    const header = JSON.parse(headerBytes.toString('utf8')) as { salt: string; nonce: string };
    const forge = (plaintext: Buffer) => sealPlaintext(headerBytes, plaintext, team.key, Buffer.from(header.salt, 'base64'), Buffer.from(header.nonce, 'base64'));
    const lengthOf = (n: number) => {
      const bytes = Buffer.alloc(4);
      bytes.writeUInt32BE(n);
      return bytes;
    };
    expect(() => openSealedBundle(forge(Buffer.from([0, 0])), team.key, 'p.fieldbook-bundle')).toThrow(/^p\.fieldbook-bundle is damaged \(no signature\)/);
    expect(() => openSealedBundle(forge(Buffer.concat([lengthOf(5000), Buffer.alloc(6000)])), team.key, 'p.fieldbook-bundle')).toThrow(/no signature/);
    expect(() => openSealedBundle(forge(Buffer.concat([lengthOf(100), Buffer.alloc(50)])), team.key, 'p.fieldbook-bundle')).toThrow(/no signature/);
    expect(() => openSealedBundle(forge(Buffer.concat([lengthOf(9), Buffer.from('{not json'), zip])), team.key, 'p.fieldbook-bundle')).toThrow(
      /^p\.fieldbook-bundle is damaged \(its signature is not readable\)/,
    );
    expect(() => openSealedBundle(forge(Buffer.concat([lengthOf(2), Buffer.from('{}'), zip])), team.key, 'p.fieldbook-bundle')).toThrow(/signature is not readable/);
    // A block that fills the plaintext exactly leaves an empty zip: signed over nothing, refused by its signature.
    const block = Buffer.from(JSON.stringify({ publicKey: laptop.signer.publicKey, signature: Buffer.alloc(64).toString('base64') }));
    expect(() => openSealedBundle(forge(Buffer.concat([lengthOf(block.length), block])), team.key, 'p.fieldbook-bundle')).toThrow(
      /^p\.fieldbook-bundle is not signed by the key it names/,
    );
  });
});
