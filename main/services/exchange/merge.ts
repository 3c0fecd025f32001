import type { MergeSummary } from '../../../shared/exchange/contract';
import { FieldbookError, conflict, invalid } from '../../../shared/errors';
import { SYNCED_TABLES, fieldKind, tableSpec } from '../../../shared/exchange/tables';
import { resolveRecord, type Version } from '../../../shared/exchange/versions';
import { readAttachmentTextLater } from '../evidence/evidence';
import type { StoredFile } from '../../store/attachments';
import type { Store } from '../../store/store';
import { commitLocalChanges, materialize, renumber, resolveStored, writeNewRecords } from '../../store/versions';
import type { BundleVersion } from './bundle-file';
import { checkContents, HAS_REVIEW_ID, nameOf } from './bundle-checks';
import { checkTrusted, forgetChecked, keepCheckedOnly, keepTypedKeys, openBundle, typedKeys, type OpenedBundle } from './open-bundle';
import { isSealedBundle, readSealedHeader } from './sealed-bundle';
import { emptyTouched, rebuildDerived, touch } from './merge-derived';
import { placeAttachments } from './merge-attachments';

/** An import that would delete more than this share of a review's records asks first. */
export const DELETION_CONFIRM_SHARE = 0.2;

class DryRun extends Error {
  constructor(readonly summary: MergeSummary) {
    super('dry run');
  }
}

interface Options {
  commit: boolean;
  confirmDeletions: boolean;
  /** The team key as typed, when this laptop does not have the review's key yet. */
  teamKey?: string;
  /** Fingerprints of signers not pinned yet that the person accepted. */
  trustSigners?: readonly string[];
  /** The person accepts old-format (unsigned) bundles as coming straight from the teammate. */
  acceptUnprotected?: boolean;
}

function liveRecords(store: Store, reviewId: string): number {
  let total = 0;
  for (const spec of SYNCED_TABLES)
    total += (store.prepare(`SELECT count(*) AS n FROM ${spec.table} t WHERE ${spec.scope} AND t.deleted = 0`).get({ review: reviewId }) as { n: number }).n;
  return total;
}

/**
 * Versions by record, in table order. The same version can come in several bundles (everyone's
 * bundle carries the review's set-up): it is kept once.
 */
function groupVersions(versions: BundleVersion[]): Map<string, BundleVersion[]> {
  const groups = new Map<string, BundleVersion[]>();
  const order = new Map(SYNCED_TABLES.map((spec, index) => [spec.table, index]));
  const sorted = [...versions].sort((a, b) => (order.get(a.t) ?? 0) - (order.get(b.t) ?? 0));
  for (const version of sorted) {
    const key = `${version.t}\u0000${version.r}`;
    const group = groups.get(key);
    if (!group) groups.set(key, [version]);
    else if (!group.some((other) => other.v === version.v)) group.push(version);
  }
  return groups;
}

/** Tables whose new records can be written in bulk: they name their review. */
const IN_BULK = HAS_REVIEW_ID;

function clash(error: unknown, label: string, name: string): FieldbookError {
  const message = error instanceof Error ? error.message : String(error);
  if (/UNIQUE constraint/.test(message)) {
    return conflict(
      `The ${label} "${name}" in the bundle clashes with a different ${label} on this laptop that has the same name or code (${message.replace(/^.*UNIQUE constraint failed: /, '')}). Rename one of them on either laptop and exchange bundles again. Nothing was imported.`,
    );
  }
  return error instanceof FieldbookError ? error : invalid(`The ${label} "${name}" could not be merged: ${message}. Nothing was imported.`);
}

/** What the bundles of one import hold together: their records as one set. */
interface Incoming {
  bundles: OpenedBundle[];
  reviewId: string;
  versions: BundleVersion[];
  authors: string;
}

/** Reads and checks every bundle before anything is written; they must all be of one review. */
function readAll(store: Store, files: ReadonlyArray<{ bytes: Buffer; fileName: string }>, teamKey: string | undefined): Incoming {
  const typed = typedKeys(teamKey);
  // Sealed bundles name their review in the clear: bundles of two reviews are refused before any is opened.
  const sealedReviews = files.map(({ bytes, fileName }) => (isSealedBundle(bytes) ? readSealedHeader(bytes, fileName).reviewId : null));
  const firstSealed = sealedReviews.find((id) => id !== null);
  const otherSealed = sealedReviews.findIndex((id) => id !== null && id !== firstSealed);
  if (otherSealed >= 0)
    throw invalid(
      `${files[sealedReviews.indexOf(firstSealed ?? null)]?.fileName} and ${files[otherSealed]?.fileName} are bundles of different reviews: import bundles of different reviews one review at a time. Nothing was imported.`,
    );
  keepCheckedOnly(store, files);
  const bundles = files.map(({ bytes, fileName }) => openBundle(store, bytes, fileName, typed, checkContents));
  const first = bundles[0];
  if (!first) throw invalid('Pick at least one bundle to import.');
  const reviewId = first.manifest.review.id;
  const other = bundles.findIndex((bundle) => bundle.manifest.review.id !== reviewId);
  if (other >= 0)
    throw invalid(
      `${files[0]?.fileName} is for "${first.manifest.review.title}" but ${files[other]?.fileName} is for "${bundles[other]?.manifest.review.title}": import bundles of different reviews one review at a time. Nothing was imported.`,
    );
  const authors = [...new Set(bundles.map((bundle) => bundle.manifest.author.name))].join(', ');
  return { bundles, reviewId, versions: bundles.flatMap((bundle) => bundle.records.versions), authors };
}

/** One teammate's bundle: see mergeBundles. */
export function mergeBundle(store: Store, bytes: Buffer, fileName: string, options: Options): MergeSummary {
  return mergeBundles(store, [{ bytes, fileName }], options);
}

/**
 * Merges teammates' bundles of one review into this laptop's copy, in one transaction after one
 * backup. With `commit: false` it does the whole merge, reports what it would do and rolls it
 * back, so the summary a person confirms is exactly what the import then does.
 */
export function mergeBundles(store: Store, files: ReadonlyArray<{ bytes: Buffer; fileName: string }>, options: Options): MergeSummary {
  const incoming = readAll(store, files, options.teamKey);
  const { reviewId } = incoming;
  // Asked before anything is written, the backup included; a dry run shows the signers instead.
  if (options.commit) checkTrusted(incoming.bundles, options.trustSigners ?? [], options.acceptUnprotected ?? false);
  let filesToRead: StoredFile[] = [];

  const run = (): MergeSummary => {
    store.attributeToReview(reviewId);
    const existed = store.prepare('SELECT 1 FROM reviews WHERE id = ?').get(reviewId) !== undefined;
    if (existed) commitLocalChanges(store, reviewId);
    const liveBefore = existed ? liveRecords(store, reviewId) : 0;
    for (const bundle of incoming.bundles) mergePeople(store, bundle);

    const summary = newSummary(incoming, files, existed, liveBefore);
    const touched = emptyTouched();
    const insertVersion = store.prepare('INSERT INTO sync_versions (review_id, tbl, row_id, vid, parents, author, device, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const knownVids = store.prepare('SELECT vid FROM sync_versions WHERE tbl = ? AND row_id = ?').pluck();
    const names = authorNames(store, incoming.bundles);
    // After commitLocalChanges every record of the review on this laptop has a version, so a
    // record without one is new here: nothing to look up or resolve against.
    const here = new Set(store.prepare('SELECT tbl || char(0) || row_id FROM sync_versions WHERE review_id = ?').pluck().all(reviewId) as string[]);
    let newest = '';
    const counted = (version: BundleVersion) => {
      if (version.v > newest) newest = version.v;
      const author = names(version.b);
      summary.byTeammate[author] = (summary.byTeammate[author] ?? 0) + 1;
    };
    // Records new here as one version, a table at a time: see writeNewRecords.
    const plain: { table: string; versions: BundleVersion[] } = { table: '', versions: [] };
    const writePlain = () => {
      const spec = tableSpec(plain.table);
      if (!spec || plain.versions.length === 0) return;
      writeNewRecords(store, reviewId, plain.table, plain.versions, (data, error) => clash(error, spec.label, nameOf(spec, data)));
      const type = typeCounts(summary, spec.label);
      for (const version of plain.versions) {
        counted(version);
        // As below: a record that arrives already deleted counts as updated, not added.
        if (version.data.deleted === 1) type.updated += 1;
        else type.added += 1;
        touch(touched, plain.table, version.data);
      }
      plain.versions = [];
    };
    for (const [key, group] of groupVersions(incoming.versions)) {
      const first = group[0] as BundleVersion;
      const spec = tableSpec(first.t);
      if (!spec) continue;
      const isNew = !here.has(key);
      if (first.t !== plain.table) {
        writePlain();
        plain.table = first.t;
      }
      if (isNew && group.length === 1 && first.p.length === 0 && IN_BULK.has(first.t)) {
        plain.versions.push(first);
        continue;
      }
      const known = new Set(isNew ? [] : (knownVids.all(first.t, first.r) as string[]));
      const fresh = group.filter((version) => !known.has(version.v));
      const type = typeCounts(summary, spec.label);
      if (fresh.length === 0) {
        summary.totals.unchanged += 1;
        continue;
      }
      const inGroup = new Set(group.map((version) => version.v));
      for (const version of fresh) {
        for (const parent of version.p) {
          if (!known.has(parent) && !inGroup.has(parent))
            throw invalid(
              `A bundle follows on from an earlier bundle (with ${names(version.b)}'s work) that this laptop has not imported. Import that one first, or ask ${incoming.authors} for a full bundle (without "since"). Nothing was imported.`,
            );
        }
        insertVersion.run(reviewId, first.t, first.r, version.v, JSON.stringify(version.p), version.b, version.d, JSON.stringify(version.data));
        counted(version);
      }
      const before = isNew ? undefined : (store.prepare(`SELECT deleted FROM ${first.t} WHERE ${spec.key} = ?`).get(first.r) as { deleted: number } | undefined);
      const conflictsBefore = isNew
        ? null
        : ((store.prepare('SELECT conflicts FROM sync_rows WHERE tbl = ? AND row_id = ?').get(first.t, first.r) as { conflicts: string | null } | undefined)?.conflicts ?? null);
      // A record this laptop has never had: its versions alone say what it is.
      const resolved = isNew ? resolveRecord(group.map(toVersion), (field) => fieldKind(spec, field)) : resolveStored(store, first.t, first.r);
      try {
        // A new record is inserted, never upserted: an id already used by another review's
        // record on this laptop is refused as a clash instead of moving that record.
        materialize(store, first.t, first.r, reviewId, resolved, isNew);
      } catch (error) {
        throw clash(error, spec.label, nameOf(spec, resolved.data));
      }
      if (!HAS_REVIEW_ID.has(first.t) && !store.prepare(`SELECT 1 FROM ${first.t} t WHERE t.${spec.key} = @id AND ${spec.scope}`).get({ id: first.r, review: reviewId })) {
        throw invalid(`The bundle holds a ${spec.label} that belongs to another review. Nothing was imported.`);
      }
      const liveAfter = resolved.data.deleted !== 1;
      const liveBeforeRow = before !== undefined && before.deleted === 0;
      if (!liveBeforeRow && liveAfter) type.added += 1;
      else if (liveBeforeRow && !liveAfter) type.deleted += 1;
      else type.updated += 1;
      if (resolved.conflicts.length > 0 && conflictsBefore === null) type.conflicts += 1;
      touch(touched, first.t, resolved.data);
    }
    writePlain();
    const { toRead, ...attachments } = placeAttachments(store, incoming.bundles, options.commit);
    summary.attachments = attachments;
    filesToRead = toRead;
    renumber(store, reviewId);
    rebuildDerived(store, touched);
    if (newest) store.receiveStamp(newest);
    finishSummary(summary);
    const broken = store.db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0)
      throw invalid(
        `This bundle refers to ${broken.length} record${broken.length === 1 ? '' : 's'} this laptop does not have. Import the full bundle from ${incoming.authors} (without "since") instead. Nothing was imported.`,
      );
    if (!options.commit) throw new DryRun(summary);
    if (summary.needsConfirmation && !options.confirmDeletions) {
      throw conflict(
        `This bundle would delete ${summary.totals.deleted} of the review's ${liveBefore} records (${Math.round(summary.deletionShare * 100)} %). Check with ${incoming.authors}, then confirm to import it.`,
      );
    }
    for (const bundle of incoming.bundles) recordPeer(store, bundle);
    keepTypedKeys(store, reviewId, incoming.bundles);
    summary.committed = true;
    return summary;
  };

  if (!options.commit) {
    try {
      withoutForeignKeyChecks(store, () => store.db.transaction(run)());
    } catch (error) {
      if (error instanceof DryRun) return error.summary;
      throw error;
    }
    throw new Error('A dry run did not roll back');
  }
  const backup = store.backup('pre-merge');
  const summary = withoutForeignKeyChecks(store, () => store.write(() => run()));
  forgetChecked(store);
  // Their text is read here, from their content, as for a file attached on this laptop.
  readAttachmentTextLater(store, filesToRead);
  return { ...summary, backup: backup.fileName };
}

/**
 * Records arrive in an order that can name one not yet written (an evidence link before the tag
 * it points at), and per-row checks of that cost more than the merge itself on a large review
 * (each write checks its parents, and while anything is pending each parent written searches for
 * its children). So rows go in unchecked and `foreign_key_check` over the whole database refuses
 * the transaction before it commits if anything points nowhere. The pragma is a no-op inside a
 * transaction, hence around it. The page cache is made larger for the same span (see below).
 */
function withoutForeignKeyChecks<T>(store: Store, action: () => T): T {
  store.db.pragma('foreign_keys = OFF');
  const cache = store.db.pragma('cache_size', { simple: true }) as number;
  // A whole review's merge dirties more pages than the usual cache holds; spilling them to the
  // log mid-transaction writes many twice. The larger cache is only taken if it is used.
  store.db.pragma(`cache_size = ${MERGE_CACHE_KIB}`);
  try {
    return action();
  } finally {
    store.db.pragma(`cache_size = ${cache}`);
    store.db.pragma('foreign_keys = ON');
  }
}

/** Page cache during a merge, in KiB (negative: SQLite's way of saying KiB, not pages). */
const MERGE_CACHE_KIB = -524288;

function toVersion(version: BundleVersion): Version {
  return { vid: version.v, parents: version.p, by: version.b, device: version.d, data: version.data };
}

function newSummary(incoming: Incoming, files: ReadonlyArray<{ fileName: string }>, existed: boolean, liveBefore: number): MergeSummary {
  const first = incoming.bundles[0] as OpenedBundle;
  return {
    reviewId: incoming.reviewId,
    reviewTitle: first.manifest.review.title,
    newReview: !existed,
    from: incoming.bundles.map(({ manifest, signer }, i) => ({
      fileName: files[i]?.fileName ?? '',
      person: manifest.author.name,
      device: manifest.device.name,
      createdAt: manifest.createdAt,
      sincePeer: manifest.sincePeer,
      fingerprint: signer.fingerprint,
      signer: signer.status,
    })),
    totals: { added: 0, updated: 0, deleted: 0, unchanged: 0, conflicts: 0 },
    byType: [],
    byTeammate: {},
    attachments: { added: 0, alreadyHere: 0 },
    liveBefore,
    deletionShare: 0,
    needsConfirmation: false,
    committed: false,
    backup: null,
  };
}

function typeCounts(summary: MergeSummary, label: string): MergeSummary['byType'][number] {
  let entry = summary.byType.find((type) => type.type === label);
  if (!entry) {
    entry = { type: label, added: 0, updated: 0, deleted: 0, conflicts: 0 };
    summary.byType.push(entry);
  }
  return entry;
}

function finishSummary(summary: MergeSummary): void {
  summary.byType = summary.byType.filter((type) => type.added + type.updated + type.deleted + type.conflicts > 0);
  for (const type of summary.byType) {
    summary.totals.added += type.added;
    summary.totals.updated += type.updated;
    summary.totals.deleted += type.deleted;
    summary.totals.conflicts += type.conflicts;
  }
  summary.deletionShare = summary.liveBefore > 0 ? summary.totals.deleted / summary.liveBefore : 0;
  summary.needsConfirmation = summary.deletionShare > DELETION_CONFIRM_SHARE;
}

/** People are names for ids: the newest name wins, there is nothing to conflict. */
function mergePeople(store: Store, bundle: OpenedBundle): void {
  const upsert = store.prepare(
    `INSERT INTO people (id, display_name, hlc, updated_by, updated_device) VALUES (@id, @display_name, @hlc, @updated_by, @updated_device)
     ON CONFLICT(id) DO UPDATE SET display_name = excluded.display_name, hlc = excluded.hlc, updated_by = excluded.updated_by, updated_device = excluded.updated_device
     WHERE excluded.hlc > people.hlc`,
  );
  // A bundle names only the people who made its records, and never the person using this laptop.
  const authors = new Set(bundle.records.versions.map((version) => version.b));
  authors.add(bundle.manifest.author.id);
  authors.delete(store.identity.userId);
  for (const person of bundle.records.people) if (authors.has(person.id)) upsert.run(person);
  store.forgetPeopleNames();
}

/** A person's name as the bundles give it, else as this laptop knows it. */
function authorNames(store: Store, bundles: OpenedBundle[]): (id: string) => string {
  const names = new Map(bundles.flatMap((bundle) => bundle.records.people.map((person) => [person.id, person.display_name] as const)));
  return (id) => names.get(id) ?? store.personName(id);
}

/**
 * The teammate's laptop, as merged: when their bundles last arrived, and the key they are signed
 * with, pinned from now on (an old unsigned bundle leaves a pin as it was).
 */
function recordPeer(store: Store, bundle: OpenedBundle): void {
  const { manifest, signer } = bundle;
  if (manifest.device.id === store.identity.deviceId) return;
  store
    .prepare(
      `INSERT INTO sync_peers (review_id, device_id, device_name, person_id, person_name, last_received_at, signer_key) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(review_id, device_id) DO UPDATE SET device_name = excluded.device_name, person_id = excluded.person_id, person_name = excluded.person_name,
         last_received_at = excluded.last_received_at, signer_key = coalesce(excluded.signer_key, sync_peers.signer_key)`,
    )
    .run(manifest.review.id, manifest.device.id, manifest.device.name, manifest.author.id, manifest.author.name, new Date().toISOString(), signer.publicKey);
}
