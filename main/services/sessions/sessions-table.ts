import type { Participant, ParticipantGroup, SessionKind, SessionStatus, SessionSummary } from '../../../shared/sessions/domain';
import type { Stamp, Store } from '../../store/store';
import { stampOf, syncValues, type SyncColumns } from '../../store/rows';

interface SessionRow extends SyncColumns {
  id: string;
  review_id: string;
  kind: SessionKind;
  title: string;
  held_at: string | null;
  location: string;
  interviewer_ids: string;
  kloe_ids: string;
  consent_noted: number;
  status: SessionStatus;
  word_count: number;
  tag_count: number;
  orphaned_tag_count: number;
}

export interface NewSession {
  id: string;
  reviewId: string;
  kind: SessionKind;
  title: string;
  heldAt: string | null;
  location: string;
  interviewerIds: string[];
  kloeIds: string[];
  consentNoted: boolean;
  status: SessionStatus;
  notesDoc: string;
  wordCount: number;
}

export function insertSession(store: Store, stamp: Stamp, session: NewSession): void {
  store
    .prepare(
      `INSERT INTO sessions (id, review_id, kind, title, held_at, location, interviewer_ids, kloe_ids, consent_noted, status, notes_doc, word_count, hlc, updated_by, updated_device)
       VALUES (@id, @review_id, @kind, @title, @held_at, @location, @interviewer_ids, @kloe_ids, @consent_noted, @status, @notes_doc, @word_count, @hlc, @updated_by, @updated_device)`,
    )
    .run({
      id: session.id,
      review_id: session.reviewId,
      kind: session.kind,
      title: session.title,
      held_at: session.heldAt,
      location: session.location,
      interviewer_ids: JSON.stringify(session.interviewerIds),
      kloe_ids: JSON.stringify(session.kloeIds),
      consent_noted: session.consentNoted ? 1 : 0,
      status: session.status,
      notes_doc: session.notesDoc,
      word_count: session.wordCount,
      ...syncValues(stamp),
    });
}

const SUMMARY_SELECT = `SELECT s.id, s.review_id, s.kind, s.title, s.held_at, s.location, s.interviewer_ids, s.kloe_ids,
    s.consent_noted, s.status, s.word_count, s.hlc, s.updated_by, s.updated_device, s.deleted,
    (SELECT count(*) FROM tags t WHERE t.session_id = s.id AND t.deleted = 0 AND t.orphaned = 0) AS tag_count,
    (SELECT count(*) FROM tags t WHERE t.session_id = s.id AND t.deleted = 0 AND t.orphaned = 1) AS orphaned_tag_count
  FROM sessions s`;

export function listSessionSummaries(store: Store, reviewId: string): SessionSummary[] {
  const rows = store.prepare(`${SUMMARY_SELECT} WHERE s.review_id = ? AND s.deleted = 0 ORDER BY s.held_at IS NULL, s.held_at, s.id`).all(reviewId) as SessionRow[];
  const participants = participantsByReview(store, reviewId);
  return rows.map((row) => toSummary(store, row, participants.get(row.id) ?? []));
}

export function findSessionSummary(store: Store, sessionId: string): SessionSummary | null {
  const row = store.prepare(`${SUMMARY_SELECT} WHERE s.id = ? AND s.deleted = 0`).get(sessionId) as SessionRow | undefined;
  return row ? toSummary(store, row, listParticipants(store, sessionId)) : null;
}

export function sessionNotes(store: Store, sessionId: string): { reviewId: string; doc: string } | null {
  const row = store.prepare('SELECT review_id, notes_doc FROM sessions WHERE id = ? AND deleted = 0').get(sessionId) as { review_id: string; notes_doc: string } | undefined;
  return row ? { reviewId: row.review_id, doc: row.notes_doc } : null;
}

interface ParticipantRow {
  id: string;
  session_id: string;
  designation: string;
  organisation_id: string | null;
  participant_group: ParticipantGroup;
  real_name: string | null;
}

const PARTICIPANT_SELECT = `SELECT p.id, p.session_id, p.designation, p.organisation_id, p.participant_group, i.real_name
  FROM participants p LEFT JOIN participant_identities i ON i.participant_id = p.id AND i.deleted = 0`;

export function listParticipants(store: Store, sessionId: string): Participant[] {
  return (store.prepare(`${PARTICIPANT_SELECT} WHERE p.session_id = ? AND p.deleted = 0 ORDER BY p.id`).all(sessionId) as ParticipantRow[]).map(toParticipant);
}

function participantsByReview(store: Store, reviewId: string): Map<string, Participant[]> {
  const rows = store
    .prepare(`${PARTICIPANT_SELECT} JOIN sessions s ON s.id = p.session_id WHERE s.review_id = ? AND p.deleted = 0 ORDER BY p.id`)
    .all(reviewId) as ParticipantRow[];
  const bySession = new Map<string, Participant[]>();
  for (const row of rows) {
    const list = bySession.get(row.session_id) ?? [];
    list.push(toParticipant(row));
    bySession.set(row.session_id, list);
  }
  return bySession;
}

function toParticipant(row: ParticipantRow): Participant {
  return { id: row.id, designation: row.designation, organisationId: row.organisation_id, group: row.participant_group, realName: row.real_name };
}

function toSummary(store: Store, row: SessionRow, participants: Participant[]): SessionSummary {
  return {
    id: row.id,
    reviewId: row.review_id,
    kind: row.kind,
    title: row.title,
    heldAt: row.held_at,
    location: row.location,
    interviewerIds: JSON.parse(row.interviewer_ids) as string[],
    kloeIds: JSON.parse(row.kloe_ids) as string[],
    consentNoted: row.consent_noted === 1,
    status: row.status,
    participants,
    wordCount: row.word_count,
    tagCount: row.tag_count,
    orphanedTagCount: row.orphaned_tag_count,
    ...stampOf(store, row),
  };
}
