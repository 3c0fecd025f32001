import { notFound } from '../../../shared/errors';
import type { BundleInspection, TeamKeyView } from '../../../shared/exchange/contract';
import type { Store } from '../../store/store';
import type { Handlers } from '../../platform/context';
import { isSealedBundle, newTeamKey, readSealedHeader } from './sealed-bundle';
import { openBundle, typedKeys } from './open-bundle';
import { addTeamKey, checkTeamPassphrase, currentTeamCode, pinnedSigners, teamKeysOf, thisLaptopSigner, typedTeamKey } from './team-keys';

function requireReview(store: Store, reviewId: string): void {
  if (!store.prepare('SELECT 1 FROM reviews WHERE id = ? AND deleted = 0').get(reviewId)) throw notFound('That review does not exist on this laptop.');
}

function teamKeyView(store: Store, reviewId: string): TeamKeyView {
  return {
    code: currentTeamCode(store, reviewId),
    olderKeys: Math.max(0, teamKeysOf(store, reviewId).length - 1),
    thisLaptop: { fingerprint: thisLaptopSigner(store).fingerprint },
    signers: pinnedSigners(store, reviewId),
  };
}

/** What a bundle says about itself: the clear header always, the manifest and signer when a key opens it. */
function inspect(store: Store, bytes: Buffer, fileName: string, teamKey: string | undefined): BundleInspection {
  const sealed = isSealedBundle(bytes);
  const header = sealed ? readSealedHeader(bytes, fileName) : null;
  const base: BundleInspection = {
    fileName,
    formatVersion: header?.formatVersion ?? 1,
    sealed,
    reviewId: header?.reviewId ?? null,
    opened: false,
    manifest: null,
    signer: null,
    problem: null,
  };
  let opened: ReturnType<typeof openBundle>;
  try {
    // Only what readBundle checks: inspecting is not importing.
    opened = openBundle(store, bytes, fileName, typedKeys(teamKey), null);
  } catch (error) {
    // Without the key the clear header is all there is to see; anything else is refused as usual.
    if (sealed && error instanceof Error && /team key/.test(error.message)) return { ...base, problem: error.message };
    throw error;
  }
  const { manifest } = opened;
  return {
    ...base,
    formatVersion: sealed ? base.formatVersion : manifest.formatVersion,
    reviewId: manifest.review.id,
    opened: true,
    manifest: {
      reviewTitle: manifest.review.title,
      person: manifest.author.name,
      device: manifest.device.name,
      createdAt: manifest.createdAt,
      sincePeer: manifest.sincePeer,
      counts: manifest.counts,
      sizes: manifest.sizes ?? null,
    },
    signer: { fingerprint: opened.signer.fingerprint, status: opened.signer.status },
  };
}

export const teamKeyHandlers: Handlers<'getTeamKey' | 'setTeamKey' | 'rotateTeamKey' | 'inspectBundle'> = {
  getTeamKey: ({ reviewId }, { store }) => {
    requireReview(store, reviewId);
    return teamKeyView(store, reviewId);
  },
  setTeamKey: ({ reviewId, teamKey }, { store }) => {
    requireReview(store, reviewId);
    checkTeamPassphrase(teamKey);
    const typed = typedTeamKey(teamKey, reviewId);
    addTeamKey(store, reviewId, typed.key, typed.source);
    return teamKeyView(store, reviewId);
  },
  rotateTeamKey: ({ reviewId }, { store }) => {
    requireReview(store, reviewId);
    addTeamKey(store, reviewId, newTeamKey().key, 'made');
    return teamKeyView(store, reviewId);
  },
  inspectBundle: ({ file, teamKey }, { store }) => inspect(store, Buffer.from(file.dataBase64, 'base64'), file.fileName, teamKey),
};
