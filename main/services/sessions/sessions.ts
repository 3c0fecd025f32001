import type { z } from 'zod';
import type { ParticipantInput, SessionDetail } from '../../../shared/sessions/contract';
import type { NoteNode } from '../../../shared/sessions/notes-doc';
import { notFound } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { findReview } from '../reviews/reviews-table';
import { setDeleted, syncValues, updateRow } from '../../store/rows';
import { findSessionSummary, insertSession, listParticipants, listSessionSummaries, sessionNotes } from './sessions-table';
import { sessionTagRows, toTag } from './tags-table';
import type { Stamp, Store } from '../../store/store';
import type { Handlers } from '../../platform/context';
import { assertInReview } from '../reviews/membership';

type ParticipantValues = z.output<typeof ParticipantInput>;

export function sessionDetail(store: Store, sessionId: string): SessionDetail {
  const session = findSessionSummary(store, sessionId);
  const notes = sessionNotes(store, sessionId);
  if (!session || !notes) throw notFound('That session does not exist (it may have been removed).');
  return { session, doc: JSON.parse(notes.doc) as NoteNode, tags: sessionTagRows(store, sessionId).map((row) => toTag(store, row)) };
}

function liveSessionReview(store: Store, sessionId: string): string {
  const notes = sessionNotes(store, sessionId);
  if (!notes) throw notFound('That session does not exist (it may have been removed).');
  return notes.reviewId;
}

/**
 * Makes the session's participants equal to `wanted`: matched by id, new ones added, missing
 * ones tombstoned. Real names go to participant_identities, never beside the designation.
 */
export function replaceParticipants(store: Store, stamp: Stamp, sessionId: string, reviewId: string, wanted: ParticipantValues[]): void {
  assertInReview(
    store,
    'organisations',
    wanted.flatMap((p) => (p.organisationId ? [p.organisationId] : [])),
    reviewId,
    'participants.organisationId',
  );
  const existing = new Map(listParticipants(store, sessionId).map((p) => [p.id, p]));
  const sync = syncValues(stamp);
  for (const participant of wanted) {
    const id = participant.id && existing.has(participant.id) ? participant.id : newId();
    const before = existing.get(id);
    existing.delete(id);
    if (!before) {
      store
        .prepare(`INSERT INTO participants (id, session_id, designation, organisation_id, participant_group, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(id, sessionId, participant.designation, participant.organisationId, participant.group, sync.hlc, sync.updated_by, sync.updated_device);
    } else if (before.designation !== participant.designation || before.organisationId !== participant.organisationId || before.group !== participant.group) {
      updateRow(store, 'participants', id, { designation: participant.designation, organisation_id: participant.organisationId, participant_group: participant.group }, stamp);
    }
    if ((before?.realName ?? null) !== participant.realName) {
      store
        .prepare(
          `INSERT INTO participant_identities (participant_id, real_name, deleted, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(participant_id) DO UPDATE SET real_name = excluded.real_name, deleted = excluded.deleted, hlc = excluded.hlc, updated_by = excluded.updated_by, updated_device = excluded.updated_device`,
        )
        .run(id, participant.realName ?? '', participant.realName ? 0 : 1, sync.hlc, sync.updated_by, sync.updated_device);
    }
  }
  for (const gone of existing.keys()) setDeleted(store, 'participants', gone, true, stamp);
}

export const sessionHandlers: Handlers<'listSessions' | 'getSession' | 'createSession' | 'updateSession' | 'saveParticipants' | 'getPins' | 'setPins'> = {
  listSessions: ({ reviewId }, { store }) => {
    if (!findReview(store, reviewId)) throw notFound('That review does not exist on this laptop.');
    return listSessionSummaries(store, reviewId);
  },

  getSession: ({ sessionId }, { store }) => sessionDetail(store, sessionId),

  createSession: ({ reviewId, participants, ...fields }, { store }) => {
    const id = newId();
    store.write((stamp) => {
      if (!findReview(store, reviewId)) throw notFound('That review does not exist on this laptop.');
      assertInReview(store, 'team_members', fields.interviewerIds, reviewId, 'interviewerIds');
      assertInReview(store, 'framework_items', fields.kloeIds, reviewId, 'kloeIds');
      insertSession(store, stamp, { id, reviewId, ...fields, notesDoc: JSON.stringify(emptyDoc()), wordCount: 0 });
      replaceParticipants(store, stamp, id, reviewId, participants);
    });
    return sessionDetail(store, id);
  },

  updateSession: ({ sessionId, ...changes }, { store }) => {
    store.write((stamp) => {
      const reviewId = liveSessionReview(store, sessionId);
      if (changes.interviewerIds) assertInReview(store, 'team_members', changes.interviewerIds, reviewId, 'interviewerIds');
      if (changes.kloeIds) assertInReview(store, 'framework_items', changes.kloeIds, reviewId, 'kloeIds');
      const columns: Record<string, string | number | null> = {};
      if (changes.kind !== undefined) columns.kind = changes.kind;
      if (changes.title !== undefined) columns.title = changes.title;
      if (changes.heldAt !== undefined) columns.held_at = changes.heldAt;
      if (changes.location !== undefined) columns.location = changes.location;
      if (changes.interviewerIds !== undefined) columns.interviewer_ids = JSON.stringify(changes.interviewerIds);
      if (changes.kloeIds !== undefined) columns.kloe_ids = JSON.stringify(changes.kloeIds);
      if (changes.consentNoted !== undefined) columns.consent_noted = changes.consentNoted ? 1 : 0;
      if (changes.status !== undefined) columns.status = changes.status;
      if (Object.keys(columns).length > 0) updateRow(store, 'sessions', sessionId, columns, stamp);
    });
    const summary = findSessionSummary(store, sessionId);
    if (!summary) throw notFound('That session does not exist.');
    return summary;
  },

  saveParticipants: ({ sessionId, participants }, { store }) => {
    store.write((stamp) => replaceParticipants(store, stamp, sessionId, liveSessionReview(store, sessionId), participants));
    const summary = findSessionSummary(store, sessionId);
    if (!summary) throw notFound('That session does not exist.');
    return summary;
  },

  getPins: ({ reviewId }, { store }) => JSON.parse(store.localPreference(`pins:${reviewId}`) ?? '[]') as string[],

  setPins: ({ reviewId, kloeIds }, { store }) => {
    assertInReview(store, 'framework_items', kloeIds, reviewId, 'kloeIds');
    store.setLocalPreference(`pins:${reviewId}`, JSON.stringify(kloeIds));
    return kloeIds;
  },
};

function emptyDoc(): NoteNode {
  return { type: 'doc', content: [{ type: 'paragraph', attrs: { id: newId() } }] };
}
