import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { FieldbookError, invalid } from '../../shared/errors';
import { writeFileAtomically } from './files';

/**
 * Keys for encryption at rest. A random 256-bit data key encrypts the database (SQLite3 Multiple
 * Ciphers, ChaCha20-Poly1305) and, through a derived subkey, the attachment files (AES-256-GCM).
 * The data key itself is stored only wrapped: by a key derived from the user's passphrase with
 * scrypt (memory-hard), by one derived from a recovery key shown once at set-up, and, in the
 * desktop app, by the operating system's key store. The key file sits beside the database.
 */
const SCRYPT = { N: 2 ** 16, r: 8, p: 1, maxmem: 256 * 1024 * 1024 };

const Wrapped = z.object({ salt: z.string(), iv: z.string(), tag: z.string(), data: z.string() });
type Wrapped = z.infer<typeof Wrapped>;
const KeyFile = z.object({
  version: z.literal(1),
  cipher: z.literal('sqlite3mc-chacha20'),
  kdf: z.object({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int() }),
  passphrase: Wrapped,
  recovery: Wrapped.nullable(),
  /** The data key wrapped by the OS key store (Electron safeStorage), base64; the app only. */
  os: z.string().nullable(),
});
export type KeyFile = z.infer<typeof KeyFile>;

export const keyFilePath = (databasePath: string) => `${databasePath}.key.json`;
export const isEncrypted = (databasePath: string) => fs.existsSync(keyFilePath(databasePath));

function kek(secret: string, salt: Buffer, kdf: KeyFile['kdf']): Buffer {
  return crypto.scryptSync(secret.normalize('NFC'), salt, 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: SCRYPT.maxmem });
}

function wrap(dataKey: Buffer, secret: string): Wrapped {
  const salt = crypto.randomBytes(16);
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', kek(secret, salt, { name: 'scrypt', ...SCRYPT }), iv);
  const data = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return { salt: salt.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

function unwrap(wrapped: Wrapped, secret: string, kdf: KeyFile['kdf']): Buffer | null {
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', kek(secret, Buffer.from(wrapped.salt, 'base64'), kdf), Buffer.from(wrapped.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(wrapped.data, 'base64')), decipher.final()]);
  } catch {
    return null; // the authentication tag did not match: wrong passphrase (or an altered key file)
  }
}

export function checkPassphrase(passphrase: string): void {
  if (passphrase.length < 10) throw invalid('Choose a passphrase of at least 10 characters (a few unrelated words work well).');
}

/** A recovery key: 32 random bytes shown as groups of letters and digits, to print and keep. */
function recoveryKey(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.randomBytes(32);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return chars.match(/.{4}/g)?.join('-') ?? chars;
}

/**
 * Creates a data key and writes its key file at `target`; returns the data key and the recovery
 * key (shown once).
 */
export function createKeyFile(target: string, passphrase: string): { dataKey: Buffer; recovery: string } {
  checkPassphrase(passphrase);
  const dataKey = crypto.randomBytes(32);
  const recovery = recoveryKey();
  const file: KeyFile = { version: 1, cipher: 'sqlite3mc-chacha20', kdf: { name: 'scrypt', N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p }, passphrase: wrap(dataKey, passphrase), recovery: wrap(dataKey, recovery.replace(/-/g, '')), os: null };
  writeKeyFileAt(target, file);
  return { dataKey, recovery };
}

export function readKeyFile(databasePath: string): KeyFile {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(keyFilePath(databasePath), 'utf8'));
  } catch (error) {
    throw new FieldbookError('storage', `The key file ${keyFilePath(databasePath)} cannot be read (${(error as Error).message}). Restore it from where you keep it, or use the recovery key.`);
  }
  const parsed = KeyFile.safeParse(raw);
  if (!parsed.success) throw new FieldbookError('storage', `The key file ${keyFilePath(databasePath)} is damaged or from a newer Fieldbook.`);
  return parsed.data;
}

/** Written as .partial then renamed: a crash never leaves a half-written key file. */
export function writeKeyFile(databasePath: string, file: KeyFile): void {
  writeKeyFileAt(keyFilePath(databasePath), file);
}

function writeKeyFileAt(target: string, file: KeyFile): void {
  writeFileAtomically(target, JSON.stringify(file, null, 2), 0o600);
}

/** The data key from the passphrase (or the recovery key); a wrong one is refused. */
export function unlockWithPassphrase(databasePath: string, secret: string): Buffer {
  const file = readKeyFile(databasePath);
  const key = unwrap(file.passphrase, secret, file.kdf) ?? (file.recovery ? unwrap(file.recovery, secret.replace(/-/g, '').toUpperCase(), file.kdf) : null);
  if (!key) throw new FieldbookError('invalid_input', 'That passphrase is not right. Nothing was opened or changed.');
  return key;
}

/**
 * The operating system's key store, as the desktop app gets it from Electron's safeStorage
 * (Keychain, DPAPI, libsecret or KWallet). Where it is Linux's `basic_text` (a fixed, public
 * key), it protects nothing, so Fieldbook does not use it and asks for the passphrase instead.
 */
export interface OsKeyStore {
  backend: string;
  encrypt(plain: Buffer): Buffer;
  decrypt(wrapped: Buffer): Buffer;
}

export const WEAK_OS_BACKENDS = new Set(['basic_text', 'unknown']);
export const isStrongOsStore = (os: OsKeyStore | null | undefined): os is OsKeyStore => !!os && !WEAK_OS_BACKENDS.has(os.backend);

/** Lets the OS key store open the database at start (with the person's login) from now on. */
export function saveOsSlot(databasePath: string, dataKey: Buffer, os: OsKeyStore | null | undefined): boolean {
  if (!isStrongOsStore(os)) return false;
  writeKeyFile(databasePath, { ...readKeyFile(databasePath), os: os.encrypt(dataKey).toString('base64') });
  return true;
}

/** The data key from the OS key store, or null when it has none, is weak, or cannot unwrap it. */
export function unlockWithOs(databasePath: string, os: OsKeyStore | null | undefined): Buffer | null {
  if (!isStrongOsStore(os)) return null;
  const wrapped = readKeyFile(databasePath).os;
  if (!wrapped) return null;
  try {
    const key = os.decrypt(Buffer.from(wrapped, 'base64'));
    return key.length === 32 ? key : null;
  } catch {
    return null; // another user's or another machine's key store: the passphrase is asked for
  }
}

/** Changes the passphrase: the data key (and so the database) stays, only its wrapping changes. */
export function changePassphrase(databasePath: string, dataKey: Buffer, passphrase: string): void {
  checkPassphrase(passphrase);
  writeKeyFile(databasePath, { ...readKeyFile(databasePath), passphrase: wrap(dataKey, passphrase) });
}

/** SQLite3 Multiple Ciphers' raw-key form of the data key, for PRAGMA key / rekey. */
export const sqliteKey = (dataKey: Buffer) => `"x'${dataKey.toString('hex')}'"`;

/** The subkey that encrypts attachment files. */
export function attachmentKey(dataKey: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', dataKey, Buffer.alloc(0), 'fieldbook attachments v1', 32));
}
