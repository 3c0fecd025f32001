import crypto from 'node:crypto';
import { z } from 'zod';
import { FieldbookError } from '../../../shared/errors';

/**
 * The sealed envelope of a team bundle (format 2), around the bundle zip of format 1:
 *
 *   MAGIC | header length (u32 BE) | header (JSON) | ciphertext | GCM tag (16 bytes)
 *
 * The header says only what is needed to open it (format, the review's id, which picks the team
 * key and salts a team passphrase, the cipher, a salt and a nonce). The
 * plaintext is the signer's block (public key and Ed25519 signature) followed by the zip, so an
 * outsider learns neither who made a bundle nor anything in it. The key is derived per bundle
 * from the review's team key (HKDF-SHA256 with the bundle's salt); AES-256-GCM authenticates the
 * header (as associated data) and everything inside, so one changed bit anywhere refuses the file.
 * The signature covers the header and the zip: a teammate's laptop pins each signer's public key.
 * Node's crypto does all of it; nothing here is a cipher of our own.
 */
export const SEALED_MAGIC = Buffer.from('FIELDBOOK-SEALED-BUNDLE\n', 'latin1');
export const SEALED_FORMAT_VERSION = 2;
const TAG_BYTES = 16;
const MAX_HEADER_BYTES = 4096;
const HKDF_INFO = Buffer.from('fieldbook team bundle v2', 'utf8');

const Header = z.strictObject({
  format: z.literal('fieldbook-team-bundle'),
  formatVersion: z.number().int().min(2),
  review: z.string().uuid(),
  cipher: z.literal('aes-256-gcm'),
  salt: z.string().regex(/^[A-Za-z0-9+/]{22}==$/),
  nonce: z.string().regex(/^[A-Za-z0-9+/]{16}$/),
});
type Header = z.infer<typeof Header>;

const SignerBlock = z.strictObject({ publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/), signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/) });

export interface Signer {
  /** The raw Ed25519 public key, base64. */
  publicKey: string;
  /** What two people read to each other by phone to check it: 12 characters. */
  fingerprint: string;
}

const refuse = (message: string) => new FieldbookError('invalid_input', message);

export function isSealedBundle(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, SEALED_MAGIC.length)).equals(SEALED_MAGIC);
}

// --- team keys --------------------------------------------------------------------------------

const BASE32 = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no I, O, 0, 1: read aloud and typed without mistakes

function toBase32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string): Buffer | null {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text) {
    const index = BASE32.indexOf(char);
    if (index < 0) return null;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

const TEAM_CODE_PREFIX = 'FBT';

/** A new team key and the code teammates type to share it (shown once, passed on out of band). */
export function newTeamKey(): { key: Buffer; code: string } {
  const key = crypto.randomBytes(32);
  return { key, code: teamCodeOf(key) };
}

/** The code of a team key: FBT- then 52 characters in groups of four, with a check group. */
export function teamCodeOf(key: Buffer): string {
  const check = crypto.createHash('sha256').update(key).digest().subarray(0, 2);
  const body = toBase32(Buffer.concat([key, check]));
  return [TEAM_CODE_PREFIX, ...(body.match(/.{1,4}/g) ?? [])].join('-');
}

/** The team key a code stands for, or null when the text is not a (correctly typed) team code. */
export function teamKeyFromCode(text: string): Buffer | null {
  const compact = text.toUpperCase().replace(/[\s-]/g, '');
  if (!compact.startsWith(TEAM_CODE_PREFIX)) return null;
  const bytes = fromBase32(compact.slice(TEAM_CODE_PREFIX.length));
  if (!bytes || bytes.length < 34) return null;
  const key = bytes.subarray(0, 32);
  const check = crypto.createHash('sha256').update(key).digest().subarray(0, 2);
  return check.equals(bytes.subarray(32, 34)) ? Buffer.from(key) : null;
}

/**
 * A team key from a passphrase the team agreed on: scrypt (memory-hard, 128 MiB) with the
 * review's id as salt, so every teammate typing the same passphrase for the same review gets the
 * same key, and the same passphrase gives another key in another review.
 */
export function teamKeyFromPassphrase(passphrase: string, reviewId: string): Buffer {
  return crypto.scryptSync(passphrase.normalize('NFKC'), `fieldbook team key\0${reviewId}`, 32, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 });
}

// --- signing keys -----------------------------------------------------------------------------

/** This laptop's signing key pair, as stored (PKCS#8 DER, base64) and as shown to teammates. */
export function newSigningKey(): { privateKey: string; signer: Signer } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  return { privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'), signer: signerOf(publicKey) };
}

function rawPublicKey(publicKey: crypto.KeyObject): Buffer {
  // The last 32 bytes of the SPKI DER encoding are the raw Ed25519 key.
  return publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
}

/** The signer a stored private key signs as. */
export function signerOfPrivateKey(signingKey: string): Signer {
  return signerOf(crypto.createPublicKey(crypto.createPrivateKey({ key: Buffer.from(signingKey, 'base64'), format: 'der', type: 'pkcs8' })));
}

function signerOf(publicKey: crypto.KeyObject): Signer {
  const raw = rawPublicKey(publicKey);
  return { publicKey: raw.toString('base64'), fingerprint: fingerprintOf(raw) };
}

export function fingerprintOf(rawPublicKey: Buffer): string {
  const digest = crypto.createHash('sha256').update(rawPublicKey).digest();
  return (toBase32(digest).slice(0, 12).match(/.{4}/g) ?? []).join(' ');
}

function publicKeyFromRaw(raw: Buffer): crypto.KeyObject {
  const prefix = Buffer.from('302a300506032b6570032100', 'hex'); // SPKI header of an Ed25519 key
  return crypto.createPublicKey({ key: Buffer.concat([prefix, raw]), format: 'der', type: 'spki' });
}

// --- sealing and opening ----------------------------------------------------------------------

function bundleKey(teamKey: Buffer, salt: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', teamKey, salt, HKDF_INFO, 32));
}

function signedBytes(headerBytes: Buffer, zip: Buffer): Buffer {
  return crypto.createHash('sha256').update(SEALED_MAGIC).update(headerBytes).update(zip).digest();
}

/** Seals a bundle zip under the team key, signed with this laptop's key. */
export function sealBundle(zip: Buffer, reviewId: string, teamKey: Buffer, signingKey: string): Buffer {
  const salt = crypto.randomBytes(16);
  const nonce = crypto.randomBytes(12);
  const header: Header = {
    format: 'fieldbook-team-bundle',
    formatVersion: SEALED_FORMAT_VERSION,
    review: reviewId,
    cipher: 'aes-256-gcm',
    salt: salt.toString('base64'),
    nonce: nonce.toString('base64'),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const privateKey = crypto.createPrivateKey({ key: Buffer.from(signingKey, 'base64'), format: 'der', type: 'pkcs8' });
  const signature = crypto.sign(null, signedBytes(headerBytes, zip), privateKey);
  const block = Buffer.from(JSON.stringify({ publicKey: rawPublicKey(crypto.createPublicKey(privateKey)).toString('base64'), signature: signature.toString('base64') }), 'utf8');
  return sealPlaintext(headerBytes, Buffer.concat([u32(block.length), block, zip]), teamKey, salt, nonce);
}

/** The envelope around a plaintext (exported for tests that forge what is inside). */
export function sealPlaintext(headerBytes: Buffer, plaintext: Buffer, teamKey: Buffer, salt: Buffer, nonce: Buffer): Buffer {
  const cipher = crypto.createCipheriv('aes-256-gcm', bundleKey(teamKey, salt), nonce);
  cipher.setAAD(Buffer.concat([SEALED_MAGIC, headerBytes]));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([SEALED_MAGIC, u32(headerBytes.length), headerBytes, ciphertext, cipher.getAuthTag()]);
}

function u32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}

/** The clear part of a sealed bundle, read without a key: which review's team key opens it. */
export interface SealedHeader {
  reviewId: string;
  formatVersion: number;
  headerBytes: Buffer;
  header: Header;
  body: Buffer;
  tag: Buffer;
}

/**
 * Reads what a sealed bundle says in the clear. Refuses, naming the file, one that is cut short,
 * damaged in its header, or made by a newer Fieldbook.
 */
export function readSealedHeader(bytes: Buffer, fileName: string): SealedHeader {
  const cut = `${fileName} is incomplete (cut short while copying?). Nothing was imported; ask for the bundle again.`;
  if (!isSealedBundle(bytes)) throw refuse(`${fileName} is not a sealed Fieldbook team bundle.`);
  if (bytes.length < SEALED_MAGIC.length + 4 + TAG_BYTES) throw refuse(cut);
  const headerLength = bytes.readUInt32BE(SEALED_MAGIC.length);
  const headerStart = SEALED_MAGIC.length + 4;
  if (headerLength > MAX_HEADER_BYTES || headerStart + headerLength + TAG_BYTES > bytes.length) throw refuse(cut);
  const headerBytes = bytes.subarray(headerStart, headerStart + headerLength);
  let raw: unknown;
  try {
    raw = JSON.parse(headerBytes.toString('utf8'));
  } catch {
    throw refuse(`${fileName} is damaged (its header is not readable). Nothing was imported.`);
  }
  const version = (raw as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version > SEALED_FORMAT_VERSION) {
    throw refuse(
      `${fileName} was made by a newer Fieldbook (bundle format ${version}; this one reads up to ${SEALED_FORMAT_VERSION}). Update Fieldbook on this laptop, then import it.`,
    );
  }
  const header = Header.safeParse(raw);
  if (!header.success) throw refuse(`${fileName} is damaged (its header is not as expected). Nothing was imported.`);
  return {
    reviewId: header.data.review,
    formatVersion: header.data.formatVersion,
    headerBytes: Buffer.from(headerBytes),
    header: header.data,
    body: bytes.subarray(headerStart + headerLength, bytes.length - TAG_BYTES),
    tag: bytes.subarray(bytes.length - TAG_BYTES),
  };
}

/** The plaintext of a sealed bundle under one candidate key, or null when the key does not open it. */
function decrypt(sealed: SealedHeader, teamKey: Buffer): Buffer | null {
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', bundleKey(teamKey, Buffer.from(sealed.header.salt, 'base64')), Buffer.from(sealed.header.nonce, 'base64'));
    decipher.setAAD(Buffer.concat([SEALED_MAGIC, sealed.headerBytes]));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.body), decipher.final()]);
  } catch {
    return null;
  }
}

/** The wording when no key opens a bundle (exported so every binding says the same). */
export const wrongKeyMessage = (fileName: string): string =>
  `${fileName} cannot be opened with this review's team key: either the key is not the one your team shares, or the file was changed or cut short. Check the team key, or ask for the bundle again. Nothing was imported.`;

/**
 * Opens a sealed bundle with the first of the candidate team keys that fits: the zip inside, who
 * signed it, and which key opened it. Refuses, naming the file, one that no key opens (another
 * team's key, or changed anywhere) or whose signature does not match.
 */
export function openSealedBundle(bytes: Buffer, teamKeys: Buffer | Buffer[], fileName: string): { zip: Buffer; signer: Signer; reviewId: string; key: Buffer } {
  const sealed = readSealedHeader(bytes, fileName);
  let plaintext: Buffer | null = null;
  let opener: Buffer | null = null;
  for (const key of Array.isArray(teamKeys) ? teamKeys : [teamKeys]) {
    plaintext = decrypt(sealed, key);
    if (plaintext) {
      opener = key;
      break;
    }
  }
  if (!plaintext || !opener) throw refuse(wrongKeyMessage(fileName));
  const blockLength = plaintext.length >= 4 ? plaintext.readUInt32BE(0) : -1;
  if (blockLength < 0 || blockLength > MAX_HEADER_BYTES || 4 + blockLength > plaintext.length) throw refuse(`${fileName} is damaged (no signature). Nothing was imported.`);
  let block: z.infer<typeof SignerBlock>;
  try {
    block = SignerBlock.parse(JSON.parse(plaintext.subarray(4, 4 + blockLength).toString('utf8')));
  } catch {
    throw refuse(`${fileName} is damaged (its signature is not readable). Nothing was imported.`);
  }
  const zip = plaintext.subarray(4 + blockLength);
  const raw32 = Buffer.from(block.publicKey, 'base64');
  if (!crypto.verify(null, signedBytes(sealed.headerBytes, zip), publicKeyFromRaw(raw32), Buffer.from(block.signature, 'base64'))) {
    throw refuse(`${fileName} is not signed by the key it names: it was changed after it was signed. Nothing was imported.`);
  }
  return { zip, signer: { publicKey: block.publicKey, fingerprint: fingerprintOf(raw32) }, reviewId: sealed.reviewId, key: opener };
}
