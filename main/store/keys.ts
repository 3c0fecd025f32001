import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { FieldbookError, invalid } from '../../shared/errors';
import { passphraseVerdict } from '../../shared/protection/passphrase';
import { writeFileAtomically } from './files';

/**
 * Keys for encryption at rest. A random 256-bit data key encrypts the database (SQLite3 Multiple
 * Ciphers, ChaCha20-Poly1305) and, through a derived subkey, the attachment files (AES-256-GCM).
 * The data key itself is stored only wrapped: by a key derived from the user's passphrase with
 * scrypt (memory-hard), by one derived from a recovery key shown once at set-up, and, in the
 * desktop app, by the operating system's key store. The key file sits beside the database.
 */
/**
 * scrypt's cost for new wrappings: N = 2^17 (128 MiB, about half a second here), OWASP's first
 * recommended setting. Key files made with a lower N (2^16 before November 2026) are rewrapped
 * at this cost the next time the passphrase unlocks them.
 */
export const SCRYPT = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 };

/** The bounds keep a damaged or hostile key file from asking for gigabytes or hours. */
const Kdf = z.object({
  name: z.literal('scrypt'),
  N: z
    .number()
    .int()
    .refine((n) => n >= 2 ** 14 && n <= 2 ** 17 && (n & (n - 1)) === 0, 'N must be a power of two from 2^14 to 2^17'),
  r: z.number().int().min(1).max(8),
  p: z.number().int().min(1).max(4),
});
type Kdf = z.infer<typeof Kdf>;
/** A wrapping of the data key; `kdf` is its own cost (absent in older files: the file's). */
const Wrapped = z.object({ salt: z.string(), iv: z.string(), tag: z.string(), data: z.string(), kdf: Kdf.optional() });
type Wrapped = z.infer<typeof Wrapped>;
const KeyFile = z.object({
  version: z.literal(1),
  cipher: z.literal('sqlite3mc-chacha20'),
  kdf: Kdf,
  passphrase: Wrapped,
  recovery: Wrapped.nullable(),
  /** The data key wrapped by the OS key store (Electron safeStorage), base64; the app only. */
  os: z.string().nullable(),
});
export type KeyFile = z.infer<typeof KeyFile>;

export const keyFilePath = (databasePath: string) => `${databasePath}.key.json`;
export const isEncrypted = (databasePath: string) => fs.existsSync(keyFilePath(databasePath));

const CURRENT_KDF: Kdf = { name: 'scrypt', N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p };

function kek(secret: string, salt: Buffer, kdf: Kdf): Buffer {
  return crypto.scryptSync(secret.normalize('NFC'), salt, 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: SCRYPT.maxmem });
}

function wrap(dataKey: Buffer, secret: string): Wrapped {
  const salt = crypto.randomBytes(16);
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', kek(secret, salt, CURRENT_KDF), iv);
  const data = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return { salt: salt.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64'), kdf: CURRENT_KDF };
}

function unwrap(wrapped: Wrapped, secret: string, fileKdf: Kdf): Buffer | null {
  try {
    const kdf = wrapped.kdf ?? fileKdf;
    const decipher = crypto.createDecipheriv('aes-256-gcm', kek(secret, Buffer.from(wrapped.salt, 'base64'), kdf), Buffer.from(wrapped.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(wrapped.data, 'base64')), decipher.final()]);
  } catch {
    return null; // the authentication tag did not match: wrong passphrase (or an altered key file)
  }
}

/** A new passphrase must be hard to guess (shared/protection/passphrase.ts); the refusal says why. */
export function checkPassphrase(passphrase: string): void {
  const verdict = passphraseVerdict(passphrase);
  if (!verdict.ok) throw invalid(verdict.reason);
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
  const file: KeyFile = {
    version: 1,
    cipher: 'sqlite3mc-chacha20',
    kdf: CURRENT_KDF,
    passphrase: wrap(dataKey, passphrase),
    recovery: wrap(dataKey, recovery.replace(/-/g, '')),
    os: null,
  };
  writeKeyFileAt(target, file);
  return { dataKey, recovery };
}

export function readKeyFile(databasePath: string): KeyFile {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(keyFilePath(databasePath), 'utf8'));
  } catch (error) {
    throw new FieldbookError(
      'storage',
      `The key file ${keyFilePath(databasePath)} cannot be read (${(error as Error).message}). Restore it from where you keep it, or use the recovery key.`,
    );
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

/**
 * The data key from the passphrase (or the recovery key); a wrong one is refused. A passphrase
 * wrapped at a lower scrypt cost than today's is rewrapped at today's while it is in hand (the
 * recovery key, 160 random bits, needs no upgrade). If that rewrite fails (a read-only disk),
 * the unlock still succeeds and the upgrade waits for the next one.
 */
export function unlockWithPassphrase(databasePath: string, secret: string): Buffer {
  const file = readKeyFile(databasePath);
  const byPassphrase = unwrap(file.passphrase, secret, file.kdf);
  const key = byPassphrase ?? (file.recovery ? unwrap(file.recovery, secret.replace(/-/g, '').toUpperCase(), file.kdf) : null);
  if (!key) throw new FieldbookError('invalid_input', 'That passphrase is not right. Nothing was opened or changed.');
  if (byPassphrase && costOf(file.passphrase, file) < SCRYPT.N) {
    try {
      // Older wrappings carried the file's cost; it is written onto the recovery wrapping so
      // that raising the file's own figure cannot strand it.
      const recovery = file.recovery ? { ...file.recovery, kdf: file.recovery.kdf ?? file.kdf } : null;
      writeKeyFile(databasePath, { ...file, kdf: CURRENT_KDF, passphrase: wrap(key, secret), recovery });
    } catch {
      // kept as it was: still opens with the same passphrase
    }
  }
  return key;
}

/** The scrypt N a wrapping was made with. */
export const costOf = (wrapped: Wrapped, file: KeyFile): number => (wrapped.kdf ?? file.kdf).N;

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
