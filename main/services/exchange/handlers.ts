import type { ConflictView } from '../../../shared/exchange/contract';
import { invalid, notFound } from '../../../shared/errors';
import { plainText, type FindingNode } from '../../../shared/findings/doc';
import { fieldKind, SYNCED_TABLES, tableSpec } from '../../../shared/exchange/tables';
import type { FieldValue } from '../../../shared/exchange/versions';
import { stampTime, type Store } from '../../store/store';
import { commitResolution, openConflicts, versionsOf } from '../../store/versions';
import type { Handlers } from '../../platform/context';
import { emptyTouched, rebuildDerived, touch } from './merge-derived';
import { exportBundle } from './export-bundle';
import { mergeBundles } from './merge';

function deviceNames(store: Store): (id: string) => string {
  const names = new Map(
    (store.prepare('SELECT device_id, device_name FROM sync_peers').all() as Array<{ device_id: string; device_name: string }>).map((row) => [row.device_id, row.device_name]),
  );
  names.set(store.identity.deviceId, store.identity.deviceName);
  return (id) => names.get(id) ?? 'another laptop';
}

/** A field's value as a person reads it: documents as their text, deletion as words. */
function readable(field: string, kind: string, value: FieldValue): string {
  if (value === null) return '(empty)';
  if (field === 'deleted') return value === 1 ? 'Deleted' : 'Kept (and edited)';
  if (kind === 'doc' && typeof value === 'string') {
    try {
      return plainText(JSON.parse(value) as FindingNode);
    } catch {
      return value;
    }
  }
  return String(value);
}

const decoded = (files: Array<{ fileName: string; dataBase64: string }>) => files.map((file) => ({ fileName: file.fileName, bytes: Buffer.from(file.dataBase64, 'base64') }));

function syncedSpec(table: string) {
  const spec = tableSpec(table);
  if (!spec) throw invalid(`"${table}" is not a kind of record that merges.`);
  return spec;
}

function conflictViews(store: Store, reviewId: string): ConflictView[] {
  const device = deviceNames(store);
  return openConflicts(store, reviewId).map((open) => {
    const spec = syncedSpec(open.table);
    const row = store.prepare(`SELECT * FROM ${open.table} WHERE ${spec.key} = ?`).get(open.rowId) as Record<string, FieldValue> | undefined;
    const name = String(row?.[spec.name ?? spec.key] ?? open.rowId).slice(0, 120);
    return {
      table: open.table,
      rowId: open.rowId,
      type: spec.label,
      name,
      fields: open.conflicts.map((conflict) => {
        const kind = fieldKind(spec, conflict.field);
        return {
          field: conflict.field,
          kind,
          base: conflict.base,
          shown: row?.[conflict.field] ?? null,
          options: conflict.options.map((option) => ({
            value: option.value,
            text: readable(conflict.field, kind, option.value),
            vid: option.vid,
            by: store.personName(option.by),
            device: device(option.device),
            at: stampTime(option.vid),
          })),
        };
      }),
    };
  });
}

function reviewOfRow(store: Store, table: string, rowId: string): string {
  const row = store.prepare('SELECT review_id FROM sync_rows WHERE tbl = ? AND row_id = ?').get(table, rowId) as { review_id: string } | undefined;
  if (!row) throw notFound('That record has no conflict (it may have been resolved already).');
  return row.review_id;
}

export const teamHandlers: Handlers<'exportBundle' | 'previewBundle' | 'mergeBundle' | 'listConflicts' | 'resolveConflict' | 'getProvenance' | 'getExchangeSummary'> = {
  exportBundle: ({ reviewId, sincePeer }, { store }) => {
    const bundle = exportBundle(store, reviewId, sincePeer);
    return {
      fileName: bundle.fileName,
      dataBase64: bundle.bytes.toString('base64'),
      versions: bundle.versions,
      attachments: bundle.attachments,
      bytes: bundle.bytes.length,
      newTeamCode: bundle.newTeamCode,
    };
  },
  previewBundle: ({ files, teamKey, trustSigners }, { store }) => mergeBundles(store, decoded(files), { commit: false, confirmDeletions: false, teamKey, trustSigners }),
  mergeBundle: ({ files, confirmDeletions, teamKey, trustSigners, acceptUnprotected }, { store }) =>
    mergeBundles(store, decoded(files), { commit: true, confirmDeletions, teamKey, trustSigners, acceptUnprotected }),
  listConflicts: ({ reviewId }, { store }) => ({ conflicts: conflictViews(store, reviewId) }),

  resolveConflict: ({ table, rowId, choices }, { store }) => {
    const spec = syncedSpec(table);
    const reviewId = reviewOfRow(store, table, rowId);
    store.attributeToReview(reviewId);
    const open = openConflicts(store, reviewId).find((entry) => entry.table === table && entry.rowId === rowId);
    if (!open) throw notFound('That record has no conflict (it may have been resolved already).');
    const values: Record<string, FieldValue> = {};
    for (const conflict of open.conflicts) {
      const choice = choices[conflict.field];
      const option = choice === undefined ? undefined : conflict.options[choice];
      if (!option) throw invalid(`Pick a version of "${conflict.field}" first.`, [{ field: conflict.field, message: 'Pick one version' }]);
      values[conflict.field] = option.value;
    }
    store.write((stamp) => {
      const assignments = Object.keys(values).map((field) => `${field} = @${field}`);
      store
        .prepare(`UPDATE ${table} SET ${[...assignments, 'hlc = @hlc', 'updated_by = @updated_by', 'updated_device = @updated_device'].join(', ')} WHERE ${spec.key} = @key`)
        .run({ ...values, key: rowId, hlc: stamp.hlc, updated_by: stamp.updatedBy, updated_device: stamp.device });
      commitResolution(store, table, rowId, reviewId);
      const touched = emptyTouched();
      touch(touched, table, store.prepare(`SELECT * FROM ${table} WHERE ${spec.key} = ?`).get(rowId) as Record<string, unknown>);
      rebuildDerived(store, touched);
    });
    return { resolved: true as const, remaining: openConflicts(store, reviewId).length };
  },

  getProvenance: ({ table, rowId }, { store }) => {
    const spec = syncedSpec(table);
    const row = store.prepare(`SELECT hlc, updated_by, updated_device FROM ${table} WHERE ${spec.key} = ?`).get(rowId) as
      { hlc: string; updated_by: string; updated_device: string } | undefined;
    if (!row) throw notFound('That record does not exist on this laptop.');
    const device = deviceNames(store);
    const versions = versionsOf(store, table, rowId);
    const root = versions.filter((version) => version.parents.length === 0).sort((a, b) => (a.vid < b.vid ? -1 : 1))[0];
    const created = root ? { by: root.by, device: root.device, hlc: root.vid } : { by: row.updated_by, device: row.updated_device, hlc: row.hlc };
    return {
      createdBy: store.personName(created.by),
      createdDevice: device(created.device),
      createdAt: stampTime(created.hlc),
      changedBy: store.personName(row.updated_by),
      changedDevice: device(row.updated_device),
      changedAt: stampTime(row.hlc),
      // A working row whose stamp is not one of its versions holds a change not yet exchanged.
      versions: versions.length + (versions.some((version) => version.vid === row.hlc) ? 0 : 1),
    };
  },

  getExchangeSummary: ({ reviewId }, { store }) => {
    if (!store.prepare('SELECT 1 FROM reviews WHERE id = ?').get(reviewId)) throw notFound('That review does not exist on this laptop.');
    const device = deviceNames(store);
    const members = new Map<string, { created: number; edits: number; lastChanged: number; lastChangeAt: string | null; devices: Set<string> }>();
    const member = (id: string) => {
      let entry = members.get(id);
      if (!entry) members.set(id, (entry = { created: 0, edits: 0, lastChanged: 0, lastChangeAt: null, devices: new Set() }));
      return entry;
    };
    const changedAt = (entry: { lastChangeAt: string | null }, hlc: string) => {
      const at = stampTime(hlc);
      if (!entry.lastChangeAt || at > entry.lastChangeAt) entry.lastChangeAt = at;
    };
    let unsent = 0;
    for (const spec of SYNCED_TABLES) {
      const rows = store
        .prepare(
          `SELECT t.updated_by AS who, t.updated_device AS device, count(*) AS n, max(t.hlc) AS last,
             sum(NOT EXISTS (SELECT 1 FROM sync_versions v WHERE v.tbl = '${spec.table}' AND v.row_id = t.${spec.key})) AS fresh,
             sum(NOT EXISTS (SELECT 1 FROM sync_versions v WHERE v.tbl = '${spec.table}' AND v.row_id = t.${spec.key} AND v.vid = t.hlc)) AS unsent
           FROM ${spec.table} t
           WHERE ${spec.scope} GROUP BY t.updated_by, t.updated_device`,
        )
        .all({ review: reviewId }) as Array<{ who: string; device: string; n: number; last: string; fresh: number; unsent: number }>;
      for (const row of rows) {
        const entry = member(row.who);
        entry.lastChanged += row.n;
        entry.created += row.fresh;
        // A change not yet exchanged to a record that has been: an edit not yet in a version.
        entry.edits += row.unsent - row.fresh;
        entry.devices.add(device(row.device));
        changedAt(entry, row.last);
        unsent += row.unsent;
      }
    }
    // Every exchanged version is someone's work: the first of a record made it, the others edited
    // it. Edits count even when someone else changed the record later.
    const versions = store
      .prepare("SELECT author, device, sum(parents = '[]') AS made, sum(parents <> '[]') AS edits, max(vid) AS last FROM sync_versions WHERE review_id = ? GROUP BY author, device")
      .all(reviewId) as Array<{ author: string; device: string; made: number; edits: number; last: string }>;
    for (const row of versions) {
      const entry = member(row.author);
      entry.created += row.made;
      entry.edits += row.edits;
      entry.devices.add(device(row.device));
      changedAt(entry, row.last);
    }
    const peers = store.prepare('SELECT person_name, device_name, last_received_at, last_sent_at FROM sync_peers WHERE review_id = ? ORDER BY person_name').all(reviewId) as Array<{
      person_name: string;
      device_name: string;
      last_received_at: string | null;
      last_sent_at: string | null;
    }>;
    return {
      thisLaptop: { person: store.identity.displayName, device: store.identity.deviceName },
      members: [...members.entries()]
        .map(([id, entry]) => ({
          person: store.personName(id),
          created: entry.created,
          edits: entry.edits,
          lastChanged: entry.lastChanged,
          lastChangeAt: entry.lastChangeAt,
          devices: [...entry.devices].sort(),
        }))
        .sort((a, b) => b.created - a.created || a.person.localeCompare(b.person)),
      peers: peers.map((peer) => ({ person: peer.person_name, device: peer.device_name, lastReceivedAt: peer.last_received_at, lastSentAt: peer.last_sent_at })),
      conflicts: openConflicts(store, reviewId).length,
      unsent,
    };
  },
};
