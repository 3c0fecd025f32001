import { invalid, notFound } from '../../../shared/errors';
import { readStoredFile, fileState } from '../../store/attachments';
import type { Store } from '../../store/store';
import { commitLocalChanges } from '../../store/versions';
import { writeBundle, type BundleRecords } from './bundle-file';
import { sealBundle, teamCodeOf } from './sealed-bundle';
import { sealingKey, signingKey } from './team-keys';

interface PeerRow {
  device_id: string;
  person_name: string;
  device_name: string;
  last_sent_seq: number;
}

/** The teammate's laptops a "since" bundle is for, found by the person's or the laptop's name. */
function peersNamed(store: Store, reviewId: string, name: string): PeerRow[] {
  const peers = store.prepare('SELECT device_id, person_name, device_name, last_sent_seq FROM sync_peers WHERE review_id = ?').all(reviewId) as PeerRow[];
  const wanted = name.trim().toLowerCase();
  const matching = peers.filter((peer) => peer.person_name.toLowerCase() === wanted || peer.device_name.toLowerCase() === wanted);
  if (matching.length > 0) return matching;
  const known = [...new Set(peers.map((peer) => peer.person_name))];
  throw invalid(
    known.length > 0
      ? `No bundle from "${name}" has been imported for this review. Teammates known here: ${known.join(', ')}. Or export everything (no "since").`
      : `No teammate's bundle has been imported for this review yet, so there is no "since" to start from. Export everything instead.`,
  );
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'review'
  );
}

export interface ExportedBundle {
  fileName: string;
  bytes: Buffer;
  versions: number;
  attachments: number;
  /** The code of the team key this export made (the review had none): to pass on out of band. */
  newTeamCode: string | null;
}

/**
 * Writes one review as a team bundle: every version of every record, or with `sincePeer` only
 * the versions this laptop has got since it last sent that teammate a bundle (leaving out what
 * their own laptops made). Local changes become versions first, in the same transaction. The
 * bundle is sealed with the review's team key (made now if it has none) and signed by this laptop.
 */
export function exportBundle(store: Store, reviewId: string, sincePeer: string | null, now = new Date()): ExportedBundle {
  const review = store.prepare('SELECT title FROM reviews WHERE id = ? AND deleted = 0').get(reviewId) as { title: string } | undefined;
  if (!review) throw notFound('That review does not exist on this laptop.');
  return store.write(() => {
    commitLocalChanges(store, reviewId);
    const peers = sincePeer ? peersNamed(store, reviewId, sincePeer) : [];
    const since = peers.length > 0 ? Math.min(...peers.map((peer) => peer.last_sent_seq)) : 0;
    const theirDevices = new Set(peers.map((peer) => peer.device_id));
    const rows = (
      store.prepare('SELECT seq, tbl, row_id, vid, parents, author, device, data FROM sync_versions WHERE review_id = ? AND seq > ? ORDER BY seq').all(reviewId, since) as Array<{
        seq: number;
        tbl: string;
        row_id: string;
        vid: string;
        parents: string;
        author: string;
        device: string;
        data: string;
      }>
    ).filter((row) => !theirDevices.has(row.device));
    const records: BundleRecords = {
      // Only the people who made what the bundle carries: names from other reviews stay on this laptop.
      people: (store.prepare('SELECT id, display_name, hlc, updated_by, updated_device FROM people').all() as BundleRecords['people']).filter(
        (person) => person.id === store.identity.userId || rows.some((row) => row.author === person.id),
      ),
      versions: rows.map((row) => ({
        t: row.tbl,
        r: row.row_id,
        v: row.vid,
        p: JSON.parse(row.parents) as string[],
        b: row.author,
        d: row.device,
        data: JSON.parse(row.data) as Record<string, string | number | null>,
      })),
      attachments: [],
    };
    const files = new Map<string, Buffer>();
    for (const version of records.versions) {
      const sha = version.t === 'evidence_attachments' ? version.data.sha256 : null;
      if (typeof sha !== 'string' || files.has(sha) || fileState(store, sha) !== 'ok') continue;
      const fact = store.prepare('SELECT bytes, media_type, text_content FROM attachment_files WHERE sha256 = ?').get(sha) as
        { bytes: number; media_type: string; text_content: string } | undefined;
      if (!fact) continue;
      files.set(sha, readStoredFile(store, sha));
      records.attachments.push({ sha256: sha, bytes: fact.bytes, mediaType: fact.media_type, textContent: fact.text_content });
    }
    const { identity } = store;
    const zip = writeBundle(
      {
        review: { id: reviewId, title: review.title },
        author: { id: identity.userId, name: identity.displayName },
        device: { id: identity.deviceId, name: identity.deviceName },
        createdAt: now.toISOString(),
        sincePeer: peers[0]?.person_name ?? null,
        counts: { versions: records.versions.length, people: records.people.length, attachments: files.size },
      },
      records,
      files,
    );
    const team = sealingKey(store, reviewId);
    const bytes = sealBundle(zip, reviewId, team.key, signingKey(store));
    const lastSeq = (store.prepare('SELECT coalesce(max(seq), 0) AS n FROM sync_versions').get() as { n: number }).n;
    const mark = store.prepare('UPDATE sync_peers SET last_sent_seq = ?, last_sent_at = ? WHERE review_id = ? AND device_id = ?');
    for (const peer of peers) mark.run(lastSeq, now.toISOString(), reviewId, peer.device_id);
    const day = now.toISOString().slice(0, 10);
    const fileName = `${slug(review.title)}-${slug(identity.displayName)}-${day}${sincePeer ? `-for-${slug(peers[0]?.person_name ?? sincePeer)}` : ''}.fieldbook-bundle`;
    return { fileName, bytes, versions: records.versions.length, attachments: files.size, newTeamCode: team.made ? teamCodeOf(team.key) : null };
  });
}
