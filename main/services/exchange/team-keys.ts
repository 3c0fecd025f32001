import { invalid } from '../../../shared/errors';
import type { SignerStatus } from '../../../shared/exchange/contract';
import { passphraseVerdict } from '../../../shared/protection/passphrase';
import type { Store } from '../../store/store';
import { fingerprintOf, newSigningKey, newTeamKey, signerOfPrivateKey, teamCodeOf, teamKeyFromCode, teamKeyFromPassphrase, type Signer } from './sealed-bundle';

/**
 * The keys behind trusted bundles, as this laptop keeps them: each review's team key (the newest
 * seals; older ones, from before a rotation, still open), this laptop's signing key, and the
 * teammates' laptops pinned by the key their bundles are signed with.
 */

type Source = 'made' | 'code' | 'passphrase';

/** The review's team keys, newest first. */
export function teamKeysOf(store: Store, reviewId: string): Buffer[] {
  return (store.prepare('SELECT key FROM team_keys WHERE review_id = ? ORDER BY added_at DESC, rowid DESC').all(reviewId) as Array<{ key: string }>).map((row) =>
    Buffer.from(row.key, 'base64'),
  );
}

export function addTeamKey(store: Store, reviewId: string, key: Buffer, source: Source): void {
  store
    .prepare('INSERT INTO team_keys (review_id, key, added_at, source) VALUES (?, ?, ?, ?) ON CONFLICT(review_id, key) DO UPDATE SET added_at = excluded.added_at')
    .run(reviewId, key.toString('base64'), new Date().toISOString(), source);
}

/** The key that seals this review's bundles, made on first use (its code is then shown once). */
export function sealingKey(store: Store, reviewId: string): { key: Buffer; made: boolean } {
  const current = teamKeysOf(store, reviewId)[0];
  if (current) return { key: current, made: false };
  const { key } = newTeamKey();
  addTeamKey(store, reviewId, key, 'made');
  return { key, made: true };
}

/**
 * What a person typed as the team key: the code (FBT-…) when it reads as one, else the passphrase
 * the team agreed for this review. A code with a typing mistake is refused rather than taken as a
 * passphrase, so a slip is caught here and not as "wrong key" later.
 */
export function typedTeamKey(typed: string, reviewId: string): { key: Buffer; source: 'code' | 'passphrase' } {
  const text = typed.trim();
  if (/^fbt[\s-]/i.test(text)) {
    const key = teamKeyFromCode(text);
    if (!key)
      throw invalid('That team key has a typing mistake (its check letters do not match). Compare it with your teammate character by character.', [
        { field: 'teamKey', message: 'Check the team key' },
      ]);
    return { key, source: 'code' };
  }
  return { key: teamKeyFromPassphrase(text, reviewId), source: 'passphrase' };
}

/**
 * A team passphrase set on this laptop must be as hard to guess as a database passphrase (a code,
 * 52 random letters and digits, always is).
 */
export function checkTeamPassphrase(typed: string): void {
  const verdict = passphraseVerdict(typed);
  if (!verdict.ok) throw invalid(verdict.reason, [{ field: 'teamKey', message: verdict.reason }]);
}

/** The code to read out for the review's current team key, or null when it has none yet. */
export function currentTeamCode(store: Store, reviewId: string): string | null {
  const current = teamKeysOf(store, reviewId)[0];
  return current ? teamCodeOf(current) : null;
}

const SIGNING_KEY = 'signing_key';

/** This laptop's signing key (PKCS#8, base64), made the first time it is needed. */
export function signingKey(store: Store): string {
  const stored = store.localPreference(SIGNING_KEY);
  if (stored) return stored;
  const made = newSigningKey();
  store.setLocalPreference(SIGNING_KEY, made.privateKey);
  return made.privateKey;
}

export function thisLaptopSigner(store: Store): Signer {
  return signerOfPrivateKey(signingKey(store));
}

/**
 * What this laptop knows of the key a bundle is signed with: this laptop's own; the key pinned for
 * that teammate's laptop; a laptop not seen before; or a laptop (or person) now signing with
 * another key than the one pinned, which is either a reinstalled laptop or someone else.
 */
export function signerStatus(store: Store, reviewId: string, signer: Signer, deviceId: string, personId: string): SignerStatus {
  if (signer.publicKey === thisLaptopSigner(store).publicKey) return 'this laptop';
  const pinned = store.prepare('SELECT signer_key, person_id FROM sync_peers WHERE review_id = ? AND device_id = ?').get(reviewId, deviceId) as
    { signer_key: string | null; person_id: string } | undefined;
  if (!pinned?.signer_key) return 'new';
  return pinned.signer_key === signer.publicKey && pinned.person_id === personId ? 'pinned' : 'changed';
}

export interface PinnedSigner {
  person: string;
  device: string;
  fingerprint: string;
}

export function pinnedSigners(store: Store, reviewId: string): PinnedSigner[] {
  const rows = store
    .prepare('SELECT person_name, device_name, signer_key FROM sync_peers WHERE review_id = ? AND signer_key IS NOT NULL ORDER BY person_name, device_name')
    .all(reviewId) as Array<{
    person_name: string;
    device_name: string;
    signer_key: string;
  }>;
  return rows.map((row) => ({ person: row.person_name, device: row.device_name, fingerprint: fingerprintOf(Buffer.from(row.signer_key, 'base64')) }));
}

/** Fingerprints as typed or pasted: spacing and case do not matter. */
export const sameFingerprint = (a: string, b: string): boolean => a.replace(/\s/g, '').toUpperCase() === b.replace(/\s/g, '').toUpperCase();
