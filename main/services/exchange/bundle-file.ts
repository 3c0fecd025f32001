import crypto from 'node:crypto';
import { z } from 'zod';
import { SYNCED_TABLES } from '../../../shared/exchange/tables';
import { FieldbookError } from '../../../shared/errors';
import { unzipEntries, zipEntries, ZipRefused, type ZipLimits } from '../../infra/zip-codec';

/**
 * The contents of a team bundle: a zip holding
 *   manifest.json     who made it, on which laptop, when, for which review, and the SHA-256 of
 *                     every other entry
 *   records.json      record versions (see shared/exchange/versions.ts), people and attachment facts
 *   attachments/<sha> each attached file's bytes, named by their SHA-256
 * The zip's comment is the SHA-256 (hex) of every byte before it, so one changed or missing byte
 * anywhere, including in zip headers no content hash covers, refuses the whole bundle. Inside a
 * seal the seal does that, and only the attachments are hashed again (their names are hashes).
 *
 * Format 1 was this zip as it is, in the clear. Format 2 seals it (sealed-bundle.ts): its manifest
 * says format 2 and states its sizes, and such a zip is refused outside its seal.
 */
export const BUNDLE_FORMAT = 'fieldbook-team-bundle';
export const BUNDLE_FORMAT_VERSION = 2;
const CHECKSUM_LENGTH = 64;

/**
 * What a bundle may unpack to, checked before inflating: attachments are at most 200 MB here, and
 * travel stored (not deflated); a deflated entry (the records) stops at 150 MB, so a bomb costs at
 * most that much memory before it is refused.
 */
export const BUNDLE_LIMITS: ZipLimits = { maxEntries: 100_000, maxEntryBytes: 210 * 1024 * 1024, maxInflatedEntryBytes: 150 * 1024 * 1024, maxTotalBytes: 2 * 1024 * 1024 * 1024 };
const EOCD_LENGTH = 22;

const Hlc = z.string().regex(/^\d{13}-[0-9a-f]{4}-.+$/, 'not a clock stamp');
const Sha = z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256');
const FIELD_NAME = /^[a-z_0-9]+$/;

/**
 * What is wrong with a version's fields, if anything. Checked by hand inside zod rather than as
 * z.record(regex, union): a whole review is ~140,000 versions and this is 4× faster (285 → 66 ms
 * for one laptop's quarter of the scale-L review).
 */
function fieldProblem(data: unknown): string | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'not a set of fields';
  for (const name in data) {
    if (!FIELD_NAME.test(name)) return `"${name.slice(0, 40)}" is not a field name`;
    const value = (data as Record<string, unknown>)[name];
    if (value !== null && typeof value !== 'string' && typeof value !== 'number') return `field ${name} is not text, a number or empty`;
  }
  return null;
}

const tables = SYNCED_TABLES.map((spec) => spec.table) as [string, ...string[]];

export const BundleVersion = z.object({
  t: z.enum(tables),
  r: z.string().min(1).max(200),
  v: Hlc,
  p: z.array(Hlc).max(64),
  b: z.string().min(1).max(200),
  d: z.string().min(1).max(200),
  data: z.custom<Record<string, string | number | null>>((value) => fieldProblem(value) === null, { error: (issue) => fieldProblem(issue.input) ?? 'not as expected' }),
});
export type BundleVersion = z.infer<typeof BundleVersion>;

const Person = z.object({ id: z.string().min(1).max(200), display_name: z.string().max(200), hlc: Hlc, updated_by: z.string(), updated_device: z.string() });

// The facts a sender gives about a file; media type and text are taken from the file itself here.
const AttachmentFact = z.object({ sha256: Sha, bytes: z.number().int().min(0), mediaType: z.string().max(200), textContent: z.string().max(2_000_000) });

export const BundleRecords = z.object({
  people: z.array(Person),
  versions: z.array(BundleVersion),
  attachments: z.array(AttachmentFact),
});
export type BundleRecords = z.infer<typeof BundleRecords>;

export const BundleManifest = z.object({
  format: z.literal(BUNDLE_FORMAT, { error: 'not a Fieldbook team bundle' }),
  formatVersion: z.number().int().min(1),
  review: z.object({ id: z.string().uuid(), title: z.string() }),
  author: z.object({ id: z.string().min(1), name: z.string() }),
  device: z.object({ id: z.string().min(1), name: z.string() }),
  createdAt: z.string(),
  /** Set when the bundle holds only what changed since the last one sent to this teammate. */
  sincePeer: z.string().nullable(),
  counts: z.object({ versions: z.number().int(), people: z.number().int(), attachments: z.number().int() }),
  /** Bytes of the records and of the attachment files (format 2). */
  sizes: z.object({ records: z.number().int().min(0), attachments: z.number().int().min(0) }).optional(),
  entries: z.record(z.string(), Sha),
});
export type BundleManifest = z.infer<typeof BundleManifest>;

export interface Bundle {
  manifest: BundleManifest;
  records: BundleRecords;
  files: Map<string, Buffer>;
}

function sha256(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/**
 * The zip of a bundle. Format 2 (the default) is only ever written to be sealed; format 1 is
 * written only by tests, as the old unprotected bundles were.
 */
export function writeBundle(
  manifest: Omit<BundleManifest, 'entries' | 'format' | 'formatVersion' | 'sizes'>,
  records: BundleRecords,
  files: Map<string, Buffer>,
  formatVersion: 1 | 2 = BUNDLE_FORMAT_VERSION,
): Buffer {
  const entries: Record<string, Uint8Array> = { 'records.json': Buffer.from(JSON.stringify(records), 'utf8') };
  let attachmentBytes = 0;
  for (const [sha, bytes] of files) {
    entries[`attachments/${sha}`] = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    attachmentBytes += bytes.length;
  }
  const hashes = Object.fromEntries(Object.entries(entries).map(([name, bytes]) => [name, sha256(bytes)]));
  const sizes = formatVersion >= 2 ? { sizes: { records: entries['records.json']?.byteLength ?? 0, attachments: attachmentBytes } } : {};
  const full: BundleManifest = { format: BUNDLE_FORMAT, formatVersion, ...manifest, ...sizes, entries: hashes };
  // Attachments are mostly compressed already (PDF, DOCX, images): stored, not deflated again.
  const zipped = zipEntries([
    { name: 'manifest.json', bytes: Buffer.from(JSON.stringify(full, null, 1), 'utf8'), deflate: true },
    ...Object.entries(entries).map(([name, bytes]) => ({ name, bytes, deflate: !name.startsWith('attachments/') })),
  ]);
  // Announce a 64-byte zip comment and append the checksum as that comment.
  const body = zipped;
  body.writeUInt16LE(CHECKSUM_LENGTH, body.length - 2);
  return Buffer.concat([body, Buffer.from(sha256(body), 'ascii')]);
}

function refuse(message: string): FieldbookError {
  return new FieldbookError('invalid_input', message);
}

/**
 * Reads and checks a bundle's zip: taken out of its seal (`sealed`), or an old format-1 bundle.
 * Every way it can be wrong is refused here, before anything is written: damaged, cut short,
 * altered, made by a newer Fieldbook, not a bundle at all, or sealed contents found unsealed.
 */
export function readBundle(bytes: Buffer, fileName: string, sealed = false): Bundle {
  const damaged = `${fileName} is damaged or incomplete (its checksum does not match): it may have been cut short while copying, or changed. Nothing was imported; ask for the bundle again.`;
  if (bytes.length < EOCD_LENGTH + CHECKSUM_LENGTH) throw refuse(`${fileName} is not a Fieldbook team bundle (it is too short).`);
  const body = bytes.subarray(0, bytes.length - CHECKSUM_LENGTH);
  const eocd = body.length - EOCD_LENGTH;
  if (body.readUInt32LE(eocd) !== 0x06054b50 || body.readUInt16LE(body.length - 2) !== CHECKSUM_LENGTH) {
    throw refuse(bytes.subarray(0, 2).toString('latin1') === 'PK' ? damaged : `${fileName} is not a Fieldbook team bundle.`);
  }
  // A sealed zip is authenticated whole by its seal and signature: hashing it again here, and its
  // records below, would only repeat that (about 70 ms of a scale-L review's four-way merge).
  if (!sealed && sha256(body) !== bytes.subarray(bytes.length - CHECKSUM_LENGTH).toString('latin1')) throw refuse(damaged);

  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipEntries(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), BUNDLE_LIMITS);
  } catch (error) {
    throw refuse(error instanceof ZipRefused ? `${fileName} cannot be imported: ${error.message}. Nothing was imported.` : damaged);
  }
  const manifestBytes = entries['manifest.json'];
  if (!manifestBytes) throw refuse(`${fileName} has no manifest: it is not a Fieldbook team bundle.`);
  const raw = parseJson(utf8(manifestBytes), `${fileName} (manifest.json)`);
  const version = (raw as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version > BUNDLE_FORMAT_VERSION) {
    throw refuse(
      `${fileName} was made by a newer Fieldbook (bundle format ${version}; this one reads up to ${BUNDLE_FORMAT_VERSION}). Update Fieldbook on this laptop, then import it.`,
    );
  }
  const manifest = check(BundleManifest, raw, `${fileName} (manifest.json)`);
  if (manifest.formatVersion >= 2 && !sealed) throw refuse(`${fileName} holds the contents of a sealed bundle without its seal. Nothing was imported; ask for the bundle again.`);
  // Attachments are always hashed: the name a file travels under is the hash it is stored by.
  for (const [name, hash] of Object.entries(manifest.entries)) {
    const entry = entries[name];
    if (!entry || ((!sealed || name.startsWith('attachments/')) && sha256(entry) !== hash)) throw refuse(damaged);
  }
  const recordsBytes = entries['records.json'];
  if (!recordsBytes || !manifest.entries['records.json']) throw refuse(damaged);
  const records = check(BundleRecords, parseJson(utf8(recordsBytes), `${fileName} (records.json)`), `${fileName} (records.json)`);
  const files = new Map<string, Buffer>();
  for (const [name, entry] of Object.entries(entries)) {
    if (name === 'manifest.json' || name === 'records.json') continue;
    if (!name.startsWith('attachments/') || !manifest.entries[name])
      throw refuse(`${fileName} holds a file its manifest does not list (${name.slice(0, 80)}). Nothing was imported.`);
    files.set(name.slice('attachments/'.length), Buffer.from(entry));
  }
  return { manifest, records, files };
}

const utf8 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw refuse(`${where} is not valid JSON: the bundle is damaged.`);
  }
}

function check<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw refuse(`${where}: ${issue?.path.join('.') || 'the file'}: ${issue?.message ?? 'not as expected'}. Nothing was imported.`);
}
