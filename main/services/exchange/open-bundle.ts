import crypto from 'node:crypto';
import { invalid, conflict } from '../../../shared/errors';
import { TEAM_KEY_NEEDED, type SignerStatus } from '../../../shared/exchange/contract';
import type { Store } from '../../store/store';
import { readBundle, type Bundle } from './bundle-file';
import { isSealedBundle, openSealedBundle, readSealedHeader, wrongKeyMessage } from './sealed-bundle';
import { addTeamKey, sameFingerprint, signerStatus, teamKeysOf, typedTeamKey } from './team-keys';

/** A bundle taken out of its seal, with who signed it and what this laptop knows of them. */
export interface OpenedBundle extends Bundle {
  fileName: string;
  signer: { publicKey: string | null; fingerprint: string | null; status: SignerStatus };
  /** The typed team key, when it (not a stored one) opened the bundle: kept once the merge commits. */
  typedKey: { key: Buffer; source: 'code' | 'passphrase' } | null;
}

const keyIssue = (message: string) => [{ field: 'teamKey', message }];

/** The typed team key for a review (a passphrase is derived once per review, however many files). */
export type TypedKeys = (reviewId: string) => { key: Buffer; source: 'code' | 'passphrase' } | null;

export function typedKeys(typed: string | undefined): TypedKeys {
  const derived = new Map<string, ReturnType<typeof typedTeamKey>>();
  return (reviewId) => {
    if (typed === undefined || typed.trim() === '') return null;
    let key = derived.get(reviewId);
    if (!key) derived.set(reviewId, (key = typedTeamKey(typed, reviewId)));
    return key;
  };
}

/** The checks a bundle's contents pass before anything is written (merge.ts); they throw, naming the file. */
export type ContentChecks = (bundle: Bundle, fileName: string) => void;

/**
 * Contents already read and checked, by the SHA-256 of their file: the preview an import dialog
 * shows reads and checks every record, and the merge the person then confirms is of the same
 * bytes, so it takes them from here instead of doing that work twice. Only the last import's
 * bundles are kept, per open database (a lock closes it, and they go with it). Nothing that reads
 * them changes them: the merge builds new records from their versions.
 */
const checkedContents = new WeakMap<Store, Map<string, Bundle>>();

/** Starts an import: what is not among its files is forgotten. */
export function keepCheckedOnly(store: Store, files: ReadonlyArray<{ bytes: Buffer }>): void {
  const cache = checkedContents.get(store);
  if (!cache) return;
  const wanted = new Set(files.map(({ bytes }) => contentKey(bytes)));
  for (const key of cache.keys()) if (!wanted.has(key)) cache.delete(key);
}

/** How many bundles' checked contents are kept for this database (for tests of the above). */
export function checkedBundles(store: Store): number {
  return checkedContents.get(store)?.size ?? 0;
}

export function forgetChecked(store: Store): void {
  checkedContents.delete(store);
}

// Keyed by the whole file: for a sealed bundle the ciphertext is authenticated, so the same file is the same contents.
const contentKey = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

function readChecked(store: Store, bytes: Buffer, zip: Buffer, fileName: string, sealed: boolean, check: ContentChecks | null): Bundle {
  // Without the content checks (inspecting a bundle), nothing is taken from or left for an import.
  if (!check) return readBundle(zip, fileName, sealed);
  let cache = checkedContents.get(store);
  const key = contentKey(bytes);
  const known = cache?.get(key);
  if (known) return known;
  const bundle = readBundle(zip, fileName, sealed);
  check(bundle, fileName);
  if (!cache) checkedContents.set(store, (cache = new Map()));
  cache.set(key, bundle);
  return bundle;
}

/**
 * Opens one bundle file: a sealed one (format 2) with the review's stored team keys or the key
 * the person typed, an old one (format 1) as it is, marked unprotected. Refuses, naming the file,
 * one this laptop has no key for, one no key opens, anything readBundle refuses and anything the
 * content checks refuse.
 */
export function openBundle(store: Store, bytes: Buffer, fileName: string, typed: TypedKeys, check: ContentChecks | null): OpenedBundle {
  if (!isSealedBundle(bytes)) {
    const bundle = readChecked(store, bytes, bytes, fileName, false, check);
    return { ...bundle, fileName, signer: { publicKey: null, fingerprint: null, status: 'unprotected' }, typedKey: null };
  }
  const { reviewId } = readSealedHeader(bytes, fileName);
  const stored = teamKeysOf(store, reviewId);
  const fromTyped = typed(reviewId);
  const candidates = fromTyped ? [fromTyped.key, ...stored] : stored;
  if (candidates.length === 0) {
    const message = `${fileName} is sealed with its review's team key, which this laptop does not have yet. Type the team key (FBT-…) or the passphrase your team agreed; you need it once per review.`;
    throw invalid(message, keyIssue(TEAM_KEY_NEEDED));
  }
  let opened: ReturnType<typeof openSealedBundle>;
  try {
    opened = openSealedBundle(bytes, candidates, fileName);
  } catch (error) {
    if (error instanceof Error && error.message === wrongKeyMessage(fileName)) throw invalid(error.message, keyIssue('This key does not open the bundle'));
    throw error;
  }
  const bundle = readChecked(store, bytes, opened.zip, fileName, true, check);
  if (bundle.manifest.review.id !== reviewId) throw invalid(`${fileName} is inconsistent: its seal and its contents name different reviews. Nothing was imported.`);
  const status = signerStatus(store, reviewId, opened.signer, bundle.manifest.device.id, bundle.manifest.author.id);
  const typedKey = fromTyped && opened.key.equals(fromTyped.key) ? fromTyped : null;
  return { ...bundle, fileName, signer: { publicKey: opened.signer.publicKey, fingerprint: opened.signer.fingerprint, status }, typedKey };
}

/**
 * Before a merge commits: every signer this laptop has not pinned (a new laptop, or one signing
 * with a changed key) must be among the fingerprints the person compared and accepted, and an
 * unsigned old-format bundle must be accepted as such.
 */
export function checkTrusted(bundles: OpenedBundle[], trustSigners: readonly string[], acceptUnprotected: boolean): void {
  for (const bundle of bundles) {
    const { status, fingerprint } = bundle.signer;
    if (status === 'unprotected' && !acceptUnprotected) {
      const message = `${bundle.fileName} is an old-format bundle: it was neither encrypted nor signed, so anyone who had the file could have written it in ${bundle.manifest.author.name}'s name. Import it only if it came to you straight from them, and confirm that. Nothing was imported.`;
      throw conflict(message, [{ field: 'acceptUnprotected', message: 'Confirm it came straight from the teammate' }]);
    }
    if ((status !== 'new' && status !== 'changed') || !fingerprint) continue;
    if (trustSigners.some((trusted) => sameFingerprint(trusted, fingerprint))) continue;
    const who = `${bundle.manifest.author.name} on ${bundle.manifest.device.name}`;
    const message =
      status === 'new'
        ? `${bundle.fileName} is signed by ${who}, whose laptop has not sent a bundle for this review before: fingerprint ${fingerprint}. Compare it with ${bundle.manifest.author.name} (by phone or in person), then confirm to import. Nothing was imported.`
        : `${bundle.fileName} claims to come from ${who}, but is signed with a different key than the one pinned for that laptop (now ${fingerprint}). A reinstalled laptop does this; so does someone posing as them. Check with ${bundle.manifest.author.name} before you confirm. Nothing was imported.`;
    throw conflict(message, [{ field: 'trustSigners', message: `Compare ${fingerprint} with ${bundle.manifest.author.name}` }]);
  }
}

/** After a merge commits: keep the team key that was typed, so it is asked for once per review. */
export function keepTypedKeys(store: Store, reviewId: string, bundles: OpenedBundle[]): void {
  for (const bundle of bundles) if (bundle.typedKey) addTeamKey(store, reviewId, bundle.typedKey.key, bundle.typedKey.source);
}
