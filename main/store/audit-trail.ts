import crypto from 'node:crypto';
import type Database from 'better-sqlite3';

/** What one entry of the trail records (the who, when and where come from the write's stamp). */
export interface Activity {
  action: TrailAction;
  method: string;
  reviewId: string | null;
  target: string | null;
}
export type TrailAction = 'create' | 'edit' | 'delete' | 'export' | 'import' | 'merge' | 'unlock' | 'restore';

export interface TrailEntry {
  seq: number;
  at: string;
  personId: string;
  personName: string;
  device: string;
  action: TrailAction;
  method: string;
  reviewId: string | null;
  target: string | null;
  prevHash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

function hashOf(entry: Omit<TrailEntry, 'hash'>): string {
  const fields = [entry.seq, entry.at, entry.personId, entry.personName, entry.device, entry.action, entry.method, entry.reviewId, entry.target, entry.prevHash];
  return crypto.createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

interface Row {
  seq: number;
  at: string;
  person_id: string;
  person_name: string;
  device: string;
  action: TrailAction;
  method: string;
  review_id: string | null;
  target: string | null;
  prev_hash: string;
  hash: string;
}
const toEntry = (r: Row): TrailEntry => ({
  seq: r.seq,
  at: r.at,
  personId: r.person_id,
  personName: r.person_name,
  device: r.device,
  action: r.action,
  method: r.method,
  reviewId: r.review_id,
  target: r.target,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** Appends one entry, chained to the last; call inside the transaction of the change it records. */
export function appendTrail(db: Database.Database, who: { personId: string; personName: string; device: string; at: string }, activity: Activity): void {
  const last = db.prepare('SELECT seq, hash FROM audit_trail ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const entry = {
    seq: (last?.seq ?? 0) + 1,
    at: who.at,
    personId: who.personId,
    personName: who.personName,
    device: who.device,
    action: activity.action,
    method: activity.method,
    reviewId: activity.reviewId,
    target: activity.target,
    prevHash: last?.hash ?? GENESIS,
  };
  db.prepare('INSERT INTO audit_trail (seq, at, person_id, person_name, device, action, method, review_id, target, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    entry.seq,
    entry.at,
    entry.personId,
    entry.personName,
    entry.device,
    entry.action,
    entry.method,
    entry.reviewId,
    entry.target,
    entry.prevHash,
    hashOf(entry),
  );
  // The head is kept apart too, so entries cut from the end of the chain are noticed.
  db.prepare("INSERT INTO local_settings (key, value) VALUES ('trail_head', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(`${entry.seq}:${hashOf(entry)}`);
}

export function trailEntries(db: Database.Database, reviewId: string | null): TrailEntry[] {
  const rows =
    reviewId === null ? db.prepare('SELECT * FROM audit_trail ORDER BY seq').all() : db.prepare('SELECT * FROM audit_trail WHERE review_id = ? ORDER BY seq').all(reviewId);
  return (rows as Row[]).map(toEntry);
}

/**
 * Checks the whole chain: each entry's hash matches its fields, each links to the one before,
 * and no sequence number is missing. Returns every problem found, by entry.
 */
export function verifyTrail(db: Database.Database): { ok: boolean; entries: number; problems: Array<{ seq: number; problem: string }> } {
  const entries = trailEntries(db, null);
  const problems: Array<{ seq: number; problem: string }> = [];
  let prev: TrailEntry | undefined;
  for (const entry of entries) {
    const expectedSeq = (prev?.seq ?? 0) + 1;
    if (entry.seq !== expectedSeq) problems.push({ seq: entry.seq, problem: `entries ${expectedSeq}–${entry.seq - 1} are missing` });
    if (entry.prevHash !== (prev?.hash ?? GENESIS)) problems.push({ seq: entry.seq, problem: 'does not follow the entry before it (an entry was removed or changed)' });
    const { hash, ...fields } = entry;
    if (hashOf(fields) !== hash) problems.push({ seq: entry.seq, problem: 'was altered after it was written' });
    prev = entry;
  }
  const head = (db.prepare("SELECT value FROM local_settings WHERE key = 'trail_head'").get() as { value: string } | undefined)?.value;
  if (head && head !== `${prev?.seq ?? 0}:${prev?.hash ?? GENESIS}`)
    problems.push({ seq: Number(head.split(':')[0]), problem: 'the newest entries were removed (the trail ends early)' });
  return { ok: problems.length === 0, entries: entries.length, problems };
}
