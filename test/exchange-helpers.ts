import { readBundle, writeBundle, type Bundle } from '../main/services/exchange/bundle-file';
import { openSealedBundle, sealBundle, signerOfPrivateKey, teamCodeOf } from '../main/services/exchange/sealed-bundle';
import { sealingKey, signingKey } from '../main/services/exchange/team-keys';
import type { TestApp } from './helpers';

/**
 * Team bundles in tests. A bundle is sealed with its review's team key and signed by the laptop
 * that made it, so a test that forges one does what a teammate gone rogue could: open it with the
 * team key, change it, and seal and sign it again with their own key.
 */
export interface LaptopKeys {
  reviewId: string;
  teamKey: Buffer;
  /** The team key as a teammate types it. */
  code: string;
  signingKey: string;
  /** What the receiving person compares by phone before trusting the sender. */
  fingerprint: string;
}

export function keysOf(app: TestApp, reviewId: string): LaptopKeys {
  const teamKey = sealingKey(app.store, reviewId).key;
  const key = signingKey(app.store);
  return { reviewId, teamKey, code: teamCodeOf(teamKey), signingKey: key, fingerprint: signerOfPrivateKey(key).fingerprint };
}

export const unseal = (keys: LaptopKeys, bytes: Buffer): Buffer => openSealedBundle(bytes, keys.teamKey, 'test').zip;
export const seal = (keys: LaptopKeys, zip: Buffer): Buffer => sealBundle(zip, keys.reviewId, keys.teamKey, keys.signingKey);
export const contents = (keys: LaptopKeys, bytes: Buffer): Bundle => readBundle(unseal(keys, bytes), 'test', true);

/** A bundle's contents written again (after a test changed them) and sealed by `keys`' laptop. */
export function resealed(keys: LaptopKeys, bundle: Pick<Bundle, 'manifest' | 'records' | 'files'>): Buffer {
  const { entries: _entries, format: _format, formatVersion: _version, sizes: _sizes, ...manifest } = bundle.manifest;
  return seal(keys, writeBundle(manifest, bundle.records, bundle.files));
}

/** The import request of a person who typed the sender's team key and accepted their fingerprint. */
export function importOf(keys: LaptopKeys, fileName: string, bytes: Buffer) {
  return { files: [{ fileName, dataBase64: bytes.toString('base64') }], teamKey: keys.code, trustSigners: [keys.fingerprint] };
}

/** `from`'s bundle of the review, as a teammate who has been given the team key would import it. */
export async function teamBundle(from: TestApp, reviewId: string, sincePeer: string | null = null) {
  const exported = await from.call('exportBundle', { reviewId, sincePeer });
  return importOf(keysOf(from, reviewId), exported.fileName, Buffer.from(exported.dataBase64, 'base64'));
}
