import { mergeDoc, mergeText } from './text';

/**
 * The merge model. Every record keeps the versions of it that laptops have exchanged: a version
 * is the record's fields as one laptop had them, with the versions it was made from (parents).
 * Merging two laptops' work is the union of their versions, so importing a bundle twice, or
 * bundles in any order, ends in the same set. What a record looks like is then a pure function
 * of that set (`resolveRecord`): one newest version wins outright; several (made without seeing
 * each other) are merged field by field against their common ancestor, and a field both sides
 * changed differently becomes a conflict that keeps every side's value. Nothing is overwritten
 * without a person seeing it.
 */

export type FieldValue = string | number | null;
export type RecordData = Record<string, FieldValue>;

export interface Version {
  /** The clock stamp of the change: unique per record, and later than each of its parents. */
  vid: string;
  parents: string[];
  by: string;
  device: string;
  data: RecordData;
}

/**
 * How a field merges when both sides changed it:
 * - text: three-way merge of words; a conflict only where the edits overlap
 * - doc: a document (JSON) merged paragraph by paragraph
 * - value: judgements and everything else (stance, score, status, dates): always a conflict
 * - derived: recomputed from other fields (word counts, plain text), so the newest wins quietly
 */
export type FieldKind = 'text' | 'doc' | 'value' | 'derived';

export interface ConflictOption {
  value: FieldValue;
  vid: string;
  by: string;
  device: string;
}

export interface FieldConflict {
  field: string;
  base: FieldValue;
  /** One entry per distinct value, in version order; the shown value is the last one's. */
  options: ConflictOption[];
}

export interface ResolvedRecord {
  data: RecordData;
  /** The version whose stamp and author the record shows (the newest head). */
  shown: Version;
  heads: string[];
  conflicts: FieldConflict[];
}

/** Versions nobody else in the set was made from: the current ends of the record's history. */
export function headsOf(versions: readonly Version[]): Version[] {
  const parents = new Set<string>();
  for (const version of versions) for (const parent of version.parents) parents.add(parent);
  return versions.filter((version) => !parents.has(version.vid)).sort((a, b) => compare(a.vid, b.vid));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function ancestors(start: Version, byVid: Map<string, Version>): Set<string> {
  const seen = new Set<string>([start.vid]);
  const stack = [...start.parents];
  while (stack.length > 0) {
    const vid = stack.pop() as string;
    if (seen.has(vid)) continue;
    seen.add(vid);
    const version = byVid.get(vid);
    if (version) stack.push(...version.parents);
  }
  return seen;
}

/**
 * The common ancestor the heads' changes are measured against: of the versions every head
 * descends from, the newest (a descendant is always stamped after its ancestors).
 */
export function commonAncestor(heads: readonly Version[], versions: readonly Version[]): Version | null {
  const byVid = new Map(versions.map((version) => [version.vid, version]));
  let common = null as Set<string> | null;
  for (const head of heads) {
    const mine = ancestors(head, byVid);
    common = common === null ? mine : new Set([...common].filter((vid) => mine.has(vid)));
  }
  const candidates = [...(common ?? [])].filter((vid) => byVid.has(vid)).sort(compare);
  const newest = candidates.at(-1);
  return newest === undefined ? null : (byVid.get(newest) ?? null);
}

/**
 * For each head, the versions on its side since the common ancestor (the head included). A side
 * changed a field if any of them holds another value than the base, even when its head has
 * changed it back: setting a score to 1 and then back to 2 is a decision about the score, and it
 * must meet a concurrent 3 as a conflict rather than lose to it quietly.
 */
function changesSinceBase(heads: readonly Version[], base: Version | null, versions: readonly Version[]): Version[][] {
  const byVid = new Map(versions.map((version) => [version.vid, version]));
  const before = base ? ancestors(base, byVid) : new Set<string>();
  return heads.map((head) => [...ancestors(head, byVid)].filter((vid) => !before.has(vid)).flatMap((vid) => byVid.get(vid) ?? []));
}

function mergeField(kind: FieldKind, base: FieldValue, values: FieldValue[]): FieldValue | undefined {
  if (kind !== 'text' && kind !== 'doc') return undefined;
  const merge = kind === 'text' ? mergeText : mergeDoc;
  const baseText = typeof base === 'string' ? base : '';
  let merged: string | null = null;
  for (const value of values) {
    if (typeof value !== 'string') return undefined;
    merged = merged === null ? value : merge(baseText, merged, value);
    if (merged === null) return undefined;
  }
  return merged ?? undefined;
}

/**
 * What a record is, given all its versions. Deterministic in the set: the same versions in any
 * order give the same data and the same conflicts.
 */
export function resolveRecord(versions: readonly Version[], kindOf: (field: string) => FieldKind): ResolvedRecord {
  const heads = headsOf(versions);
  const shown = heads.at(-1);
  if (!shown) throw new Error('A record with no versions');
  if (heads.length === 1) return { data: { ...shown.data }, shown, heads: [shown.vid], conflicts: [] };

  const base = commonAncestor(heads, versions);
  const sinceBase = changesSinceBase(heads, base, versions);
  const fields = new Set<string>();
  for (const head of heads) for (const field of Object.keys(head.data)) fields.add(field);
  const data: RecordData = {};
  const conflicts: FieldConflict[] = [];
  for (const field of [...fields].sort()) {
    const baseValue = base ? (base.data[field] ?? null) : null;
    const changed = heads.filter((head, i) => !base || (sinceBase[i] as Version[]).some((version) => (version.data[field] ?? null) !== baseValue));
    const distinct = [...new Set(changed.map((head) => head.data[field] ?? null))];
    if (distinct.length === 0) data[field] = baseValue;
    else if (distinct.length === 1) data[field] = distinct[0] ?? null;
    else {
      const kind = kindOf(field);
      const merged = kind === 'derived' ? (shown.data[field] ?? null) : mergeField(kind, base ? baseValue : null, distinct);
      if (merged !== undefined) data[field] = merged;
      else {
        data[field] = shown.data[field] ?? null;
        conflicts.push({ field, base: baseValue, options: optionsOf(heads, field) });
      }
    }
  }
  resolveDeletion(heads, base, data, conflicts);
  return { data, shown, heads: heads.map((head) => head.vid), conflicts };
}

function optionsOf(heads: readonly Version[], field: string): ConflictOption[] {
  const options: ConflictOption[] = [];
  for (const head of heads) {
    const value = head.data[field] ?? null;
    const existing = options.findIndex((option) => option.value === value);
    if (existing >= 0) options.splice(existing, 1);
    options.push({ value, vid: head.vid, by: head.by, device: head.device });
  }
  return options;
}

/**
 * A delete wins over a record nobody else changed, but never over one edited on another laptop
 * since their common version: that is a conflict, and the record stays visible until someone
 * picks, so the edit is not lost.
 */
function resolveDeletion(heads: readonly Version[], base: Version | null, data: RecordData, conflicts: FieldConflict[]): void {
  // Undeleting (undo) a tombstone is an ordinary change of the field.
  if (base && base.data.deleted === 1) return;
  const deleters = heads.filter((head) => head.data.deleted === 1);
  const keepers = heads.filter((head) => head.data.deleted !== 1);
  if (deleters.length === 0 || keepers.length === 0) return;
  // "Unchanged" means the other side still holds the very version the delete was made from; any
  // later version (an edit, or an undo of its own delete) was someone's decision to keep it.
  const edited = keepers.some((head) => !base || head.vid !== base.vid);
  const existing = conflicts.findIndex((conflict) => conflict.field === 'deleted');
  if (existing >= 0) conflicts.splice(existing, 1);
  if (!edited && base) {
    data.deleted = 1;
    return;
  }
  data.deleted = 0;
  conflicts.push({ field: 'deleted', base: base ? (base.data.deleted ?? 0) : null, options: optionsOf(heads, 'deleted') });
}

/**
 * The version a laptop makes of a record it changed since the last exchange. It follows every
 * head it had, which settles them; but a record with an open conflict follows only the side it
 * shows, so the other side stays a head and the conflict stays open until someone picks.
 */
export function localVersion(synced: { heads: string[]; conflicted: boolean } | null, vid: string, by: string, device: string, data: RecordData): Version {
  const heads = synced?.heads ?? [];
  return { vid, parents: synced?.conflicted ? heads.slice(-1) : [...heads], by, device, data };
}
