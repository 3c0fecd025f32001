import fs from 'node:fs';
import { AppContext } from '../../main/platform/context';
import { generateReview } from '../../main/services/sample-data/generate';
import { BUNDLE_LIMITS, readBundle, writeBundle, type Bundle, type BundleRecords, type BundleVersion } from '../../main/services/exchange/bundle-file';
import { exportBundle } from '../../main/services/exchange/export-bundle';
import { newSigningKey, openSealedBundle, sealBundle, teamCodeOf } from '../../main/services/exchange/sealed-bundle';
import { sealingKey } from '../../main/services/exchange/team-keys';
import { SYNCED_TABLES } from '../../shared/exchange/tables';
import { mergeBundles } from '../../main/services/exchange/merge';
import { Store } from '../../main/store/store';
import { writeStoredFiles } from '../../main/store/attachments';
import { unzipEntries } from '../../main/infra/zip-codec';
import { newId } from '../../shared/ids';
import type { NoteNode } from '../../shared/sessions/notes-doc';
import { measure, type Result } from './bench-measure';
import { call } from './scale';

/** Records every laptop has from the lead's first bundle: the review's set-up. */
const SHARED = new Set(['reviews', 'team_members', 'organisations', 'framework_items', 'audit_statements', 'audit_settings', 'indicators']);

/** Which piece of work a record belongs with, so a session travels with its tags, an item with its links. */
function workOf(version: BundleVersion, participantSession: Map<string, string>): string {
  const { data } = version;
  switch (version.t) {
    case 'participants':
    case 'tags':
      return String(data.session_id);
    case 'participant_identities':
      return participantSession.get(String(data.participant_id)) ?? version.r;
    case 'evidence_attachments':
    case 'evidence_links':
      return String(data.evidence_id);
    case 'audit_answers':
      return String(data.respondent_id);
    case 'finding_events':
      return String(data.finding_id);
    case 'action_progress':
      return String(data.action_id);
    case 'indicator_values':
      return String(data.indicator_id);
    default:
      return version.r;
  }
}

/** Pieces of work dealt to the four laptops in turn, as they first appear. */
function dealer(): (key: string) => number {
  const dealt = new Map<string, number>();
  return (key) => {
    let laptop = dealt.get(key);
    if (laptop === undefined) dealt.set(key, (laptop = dealt.size % 4));
    return laptop;
  };
}

/**
 * The whole review's bundle dealt out as four laptops' bundles (see workOf): what four people
 * would send, each sealed with the team key and signed by its own laptop.
 */
export function splitFourWays(bundle: Bundle, teamKey: Buffer): { bundles: Buffer[]; fingerprints: string[] } {
  const participantSession = new Map(bundle.records.versions.filter((v) => v.t === 'participants').map((v) => [v.r, String(v.data.session_id)]));
  const pieces: BundleRecords[] = Array.from({ length: 4 }, () => ({ people: bundle.records.people, versions: [], attachments: [] }));
  const laptopOf = dealer();
  const devices = Array.from({ length: 4 }, (_, i) => ({ id: newId(), person: newId(), name: `Laptop ${i + 1}` }));
  for (const version of bundle.records.versions) {
    if (SHARED.has(version.t)) {
      for (const piece of pieces) piece.versions.push(version);
      continue;
    }
    const laptop = laptopOf(workOf(version, participantSession));
    const device = devices[laptop] as (typeof devices)[number];
    pieces[laptop]?.versions.push({ ...version, b: device.person, d: device.id });
  }
  const files = pieces.map((piece) => {
    const shas = new Set(piece.versions.filter((v) => v.t === 'evidence_attachments').map((v) => String(v.data.sha256)));
    piece.attachments = bundle.records.attachments.filter((a) => shas.has(a.sha256));
    const own = new Map([...bundle.files].filter(([sha]) => shas.has(sha)));
    return own;
  });
  const signers = devices.map(() => newSigningKey());
  const bundles = pieces.map((piece, i) =>
    sealBundle(
      writeBundle(
        {
          review: bundle.manifest.review,
          author: { id: devices[i]?.person ?? '', name: `Reviewer ${i + 1}` },
          device: { id: devices[i]?.id ?? '', name: `Laptop ${i + 1}` },
          createdAt: new Date().toISOString(),
          sincePeer: null,
          counts: { versions: piece.versions.length, people: piece.people.length, attachments: files[i]?.size ?? 0 },
        },
        piece,
        files[i] ?? new Map(),
      ),
      bundle.manifest.review.id,
      teamKey,
      signers[i]?.privateKey ?? '',
    ),
  );
  return { bundles, fingerprints: signers.map((signer) => signer.signer.fingerprint) };
}

/** What a merge writes besides the records and versions: derived from them, by review. */
const DERIVED = ['note_blocks', 'evidence_search', 'tag_kloes', 'finding_citations'];

/**
 * The floor for a merge: the same rows copied inside SQLite from the laptop that has them into a
 * fresh database (INSERT … SELECT per table, the versions too, one transaction), no checks at all.
 * With `endState`, also what the merge derives (search index included, by the schema's triggers)
 * and the attached files' facts: the whole end state a merge must reach, copied.
 */
function copyInSqlite(source: string, target: string, reviewId: string, endState = false): void {
  const fresh = Store.open(target, {});
  try {
    fresh.db.pragma('foreign_keys = OFF');
    fresh.db.prepare('ATTACH DATABASE ? AS src').run(source);
    fresh.db.transaction(() => {
      for (const spec of SYNCED_TABLES) {
        const columns = (fresh.db.prepare(`SELECT name FROM pragma_table_info('${spec.table}')`).all() as Array<{ name: string }>).map((c) => c.name).join(', ');
        const scope = spec.scope.replaceAll(/\b(reviews|sessions|participants|evidence|tags|findings|action_items|audit_statements|audit_respondents|indicators)\b/g, 'src.$1');
        fresh.db.prepare(`INSERT OR IGNORE INTO main.${spec.table} (${columns}) SELECT ${columns} FROM src.${spec.table} t WHERE ${scope}`).run({ review: reviewId });
      }
      fresh.db
        .prepare(
          'INSERT INTO main.sync_versions (review_id, tbl, row_id, vid, parents, author, device, data) SELECT review_id, tbl, row_id, vid, parents, author, device, data FROM src.sync_versions WHERE review_id = ?',
        )
        .run(reviewId);
      if (!endState) return;
      for (const table of DERIVED) {
        const columns = (fresh.db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as Array<{ name: string }>).map((c) => c.name).join(', ');
        fresh.db.prepare(`INSERT INTO main.${table} (${columns}) SELECT ${columns} FROM src.${table} WHERE review_id = ?`).run(reviewId);
      }
      fresh.db.exec('INSERT INTO main.attachment_files SELECT * FROM src.attachment_files WHERE sha256 IN (SELECT sha256 FROM main.evidence_attachments)');
    })();
    fresh.db.exec('DETACH DATABASE src');
  } finally {
    fresh.close();
  }
}

/**
 * Team merge at scale: the scale-L review split four ways as four laptops' bundles (each with
 * the shared set-up and a quarter of the sessions, evidence, audit answers, findings…), merged
 * into a fresh database; and the size of one day's bundle (10 sessions, 50 evidence items).
 */
export async function mergeBenchmarks(databasePath: string): Promise<Result[]> {
  const results: Result[] = [];
  // A freshly generated scale-L review of its own: the notes benchmarks' review has by now been
  // grown by their imports and edits (another 100,000 audit answers, 20 MB attachments…).
  const store = Store.open(databasePath, {});
  const context = new AppContext(store);
  const { reviewId } = await generateReview(store, 'L');
  let full!: ReturnType<typeof exportBundle>;
  results.push(await measure('team bundle: export the whole scale-L review (first export takes every record as a version)', 1, () => (full = exportBundle(store, reviewId, null))));
  results.push(await measure('team bundle: export the whole scale-L review again', 3, () => (full = exportBundle(store, reviewId, null))));
  const teamKey = sealingKey(store, reviewId).key;
  const bundle = readBundle(openSealedBundle(full.bytes, teamKey, 'full.fieldbook-bundle').zip, 'full.fieldbook-bundle', true);
  const { bundles, fingerprints } = splitFourWays(bundle, teamKey);
  const opening = { teamKey: teamCodeOf(teamKey), trustSigners: fingerprints };
  console.log(
    `Scale-L review as a team bundle: ${bundle.records.versions.length.toLocaleString('en-GB')} record versions, ${(full.bytes.length / 1024 / 1024).toFixed(1)} MB; four laptops' bundles of ${bundles.map((b) => `${(b.length / 1024 / 1024).toFixed(1)} MB`).join(', ')}`,
  );

  let run = 0;
  /** A fresh laptop's database, removed after `merge` has run on it. */
  const intoFresh = (merge: (fresh: Store) => void) => () => {
    const target = `${databasePath}.merge-${run++}.sqlite`;
    const fresh = Store.open(target, {});
    try {
      merge(fresh);
    } finally {
      fresh.close();
      for (const file of [target, `${target}-wal`, `${target}-shm`]) fs.rmSync(file, { force: true });
    }
  };
  const files = bundles.map((bytes, i) => ({ bytes, fileName: `laptop-${i + 1}.fieldbook-bundle` }));
  // The floor and the merge side by side, alternating, so a noisy machine slows both alike; with
  // them, what any merge must do whatever its design: reach the end state, read the bundles
  // (decrypt and inflate: nothing parsed or checked) and store their files.
  const floor: number[] = [];
  const merged: number[] = [];
  const endState: number[] = [];
  const reading: number[] = [];
  const storing: number[] = [];
  const copied = (into: number[], endStateToo: boolean) => {
    const target = `${databasePath}.copy-${run++}.sqlite`;
    const started = performance.now();
    copyInSqlite(databasePath, target, reviewId, endStateToo);
    into.push(performance.now() - started);
    for (const file of [target, `${target}-wal`, `${target}-shm`]) fs.rmSync(file, { force: true });
  };
  for (let round = 0; round < 3; round += 1) {
    copied(floor, false);
    let started = performance.now();
    intoFresh((fresh) => mergeBundles(fresh, files, { commit: true, confirmDeletions: false, ...opening }))();
    merged.push(performance.now() - started);
    copied(endState, true);
    started = performance.now();
    const unzipped = files.map(({ bytes, fileName }) => unzipEntries(openSealedBundle(bytes, teamKey, fileName).zip.subarray(0, -64), BUNDLE_LIMITS));
    reading.push(performance.now() - started);
    const attached = unzipped.flatMap((entries) =>
      Object.entries(entries)
        .filter(([name]) => name.startsWith('attachments/'))
        .map(([name, bytes]) => ({ sha256: name.slice('attachments/'.length), bytes: Buffer.from(bytes) })),
    );
    intoFresh((fresh) => {
      started = performance.now();
      writeStoredFiles(fresh, attached);
      storing.push(performance.now() - started);
    })();
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const floorMs = median(floor);
  const mustMs = median(endState) + median(reading) + median(storing);
  results.push(
    await measure(
      "team merge: four laptops' sealed bundles of the scale-L review (split four ways) into a fresh database, as one import (one backup, one transaction)",
      3,
      intoFresh((fresh) => mergeBundles(fresh, files, { commit: true, confirmDeletions: false, ...opening })),
      { stat: 'median', ms: 3000 },
    ),
  );
  console.log(
    `Four-way merge beside its floor (the same rows copied inside SQLite), alternating, medians of 3: merge ${median(merged).toFixed(0)} ms, copy ${floorMs.toFixed(0)} ms, ratio ${(median(merged) / floorMs).toFixed(2)}× (target ≤ 2×)`,
  );
  console.log(
    `What any merge must do beside that floor, medians of 3: the end state copied (records, versions, derived tables and search index) ${median(endState).toFixed(0)} ms (${(median(endState) / floorMs).toFixed(2)}×); the four bundles decrypted and inflated ${median(reading).toFixed(0)} ms; their attachment files stored ${median(storing).toFixed(0)} ms; together ${mustMs.toFixed(0)} ms = ${(mustMs / floorMs).toFixed(2)}× the floor before one record is checked or one note is read for the search index`,
  );
  results.push(
    await measure(
      'team merge as the import dialog does it: the preview (a dry run of the whole merge), then the merge of the same four bundles',
      3,
      intoFresh((fresh) => {
        mergeBundles(fresh, files, { commit: false, confirmDeletions: false, ...opening });
        mergeBundles(fresh, files, { commit: true, confirmDeletions: false, ...opening });
      }),
    ),
  );
  results.push(
    await measure(
      'team merge: the same four bundles imported one after another (four backups, four transactions)',
      1,
      intoFresh((fresh) => files.forEach((file) => mergeBundles(fresh, [file], { commit: true, confirmDeletions: false, ...opening }))),
    ),
  );

  // One day's work on one laptop, sent to a teammate who has everything before it.
  const peer = { device: newId(), person: newId() };
  store.db
    .prepare('INSERT INTO sync_peers (review_id, device_id, device_name, person_id, person_name, last_sent_seq) VALUES (?, ?, ?, ?, ?, (SELECT max(seq) FROM sync_versions))')
    .run(reviewId, peer.device, 'Teammate laptop', peer.person, 'Bench Teammate');
  const paragraph = 'The discharge coordinator said hospital flow was delayed at weekends because packages of care were not ready and reablement was full. ';
  for (let s = 0; s < 10; s += 1) {
    const session = await call(context, 'createSession', { reviewId, kind: 'interview', title: `Day two interview ${s + 1}` });
    const doc: NoteNode = {
      type: 'doc',
      content: Array.from({ length: 60 }, (_, p) => ({ type: 'paragraph', attrs: { id: newId() }, content: [{ type: 'text', text: `${p + 1}. ${paragraph}${paragraph}` }] })),
    };
    await call(context, 'saveNotes', { sessionId: session.session.id, doc });
  }
  for (let e = 0; e < 50; e += 1) await call(context, 'addEvidence', { reviewId, kind: 'document', title: `Day two document ${e + 1}`, summary: `${paragraph}${paragraph}` });
  let day!: ReturnType<typeof exportBundle>;
  results.push(
    await measure(
      "team bundle: one day's changes since the last bundle for a teammate (10 sessions of ~2,400 words, 50 evidence items)",
      1,
      () => (day = exportBundle(store, reviewId, 'Bench Teammate')),
    ),
  );
  const size = day.bytes.length;
  console.log(
    `One day's bundle (10 sessions, 50 evidence items, no attachments): ${day.versions} record versions, ${(size / 1024).toFixed(0)} KB on disk (bound 1 MB: ${size < 1024 * 1024 ? 'ok' : 'MISSED'})`,
  );
  context.close();
  return results;
}
