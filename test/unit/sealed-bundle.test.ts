import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
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
  });
});
