import type { KloePassages, Passage } from '../../../shared/sessions/contract';
import type { ParticipantGroup, SessionKind } from '../../../shared/sessions/domain';
import { notFound } from '../../../shared/errors';
import { passageLabel, speakerName } from '../../../shared/report/labels';
import { findFrameworkItem } from '../frameworks/framework-table';
import { findReview } from '../reviews/reviews-table';
import { toTag, type TagRow } from './tags-table';
import type { Store } from '../../store/store';
import type { Handlers } from '../../platform/context';

interface PassageRow extends TagRow {
  s_title: string;
  s_kind: SessionKind;
  s_held_at: string | null;
  s_interviewers: string;
}

/** Passages from tag rows joined with their session: adds the sessions' participants and each speaker. */
function passagesFor(store: Store, rows: PassageRow[]): Passage[] {
  const sessionIds = [...new Set(rows.map((row) => row.session_id))];
  const participants = new Map<string, Array<Passage['participants'][number] & { id: string }>>();
  if (sessionIds.length > 0) {
    const found = store
      .prepare(
        `SELECT id, session_id, designation, participant_group, organisation_id FROM participants WHERE deleted = 0 AND session_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
      )
      .all(JSON.stringify(sessionIds)) as Array<{ id: string; session_id: string; designation: string; participant_group: ParticipantGroup; organisation_id: string | null }>;
    for (const p of found) {
      const list = participants.get(p.session_id) ?? [];
      list.push({ id: p.id, designation: p.designation, group: p.participant_group, organisationId: p.organisation_id });
      participants.set(p.session_id, list);
    }
  }
  const reviewId = rows[0]?.review_id;
  const organisations = new Map(
    reviewId
      ? (store.prepare('SELECT id, short_name FROM organisations WHERE review_id = ?').all(reviewId) as Array<{ id: string; short_name: string }>).map((o) => [o.id, o.short_name])
      : [],
  );
  return rows.map((row) => {
    const people = participants.get(row.session_id) ?? [];
    const found = row.speaker_id ? people.find((p) => p.id === row.speaker_id) : undefined;
    const speaker = found ? { designation: found.designation, group: found.group, organisationId: found.organisationId } : null;
    const who = speakerName(speaker, { kind: row.s_kind, participants: people.length }, organisations);
    return {
      tag: toTag(store, row),
      session: { id: row.session_id, title: row.s_title, kind: row.s_kind, heldAt: row.s_held_at, interviewerIds: JSON.parse(row.s_interviewers) as string[] },
      participants: people.map((p) => ({ designation: p.designation, group: p.group, organisationId: p.organisationId })),
      speaker,
      label: passageLabel(who, row.s_held_at),
    };
  });
}

/** The passages of the given tags, in the order of the sessions and the notes. */
export function passagesForTags(store: Store, tagIds: readonly string[]): Passage[] {
  if (tagIds.length === 0) return [];
  const rows = store
    .prepare(
      `SELECT t.*, s.title AS s_title, s.kind AS s_kind, s.held_at AS s_held_at, s.interviewer_ids AS s_interviewers
       FROM tags t JOIN sessions s ON s.id = t.session_id
       WHERE t.deleted = 0 AND t.id IN (SELECT value FROM json_each(?))
       ORDER BY s.held_at IS NULL, s.held_at, s.id, t.orphaned, t.doc_order`,
    )
    .all(JSON.stringify(tagIds)) as PassageRow[];
  return passagesFor(store, rows);
}

/** LIKE's wildcards typed as text stay text. */
const likeWord = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Tagged passages anywhere in the review whose words or comment hold every word typed (case does
 * not matter), for citing in a finding: those tagged to the finding's KLOE first, then the rest,
 * each in the order of the sessions and the notes. Only passages still in the notes count.
 */
function searchPassages(store: Store, reviewId: string, text: string, kloeId: string | null, limit: number): { passages: Passage[]; total: number } {
  if (!findReview(store, reviewId)) throw notFound('That review does not exist on this laptop.');
  const words = text.split(/\s+/).filter(Boolean).slice(0, 10);
  const where = ['t.review_id = @review', 't.deleted = 0', 't.orphaned = 0', 'EXISTS (SELECT 1 FROM tag_kloes k WHERE k.tag_id = t.id)'];
  const params: Record<string, unknown> = { review: reviewId, kloe: kloeId, limit };
  words.forEach((word, i) => {
    where.push(`(t.quote LIKE @w${i} ESCAPE '\\' OR t.comment LIKE @w${i} ESCAPE '\\')`);
    params[`w${i}`] = likeWord(word);
  });
  const from = `FROM tags t JOIN sessions s ON s.id = t.session_id AND s.deleted = 0 WHERE ${where.join(' AND ')}`;
  const total = store.prepare(`SELECT count(*) ${from}`).pluck().get(params) as number;
  const rows = store
    .prepare(
      `SELECT t.*, s.title AS s_title, s.kind AS s_kind, s.held_at AS s_held_at, s.interviewer_ids AS s_interviewers ${from}
       ORDER BY NOT EXISTS (SELECT 1 FROM tag_kloes k WHERE k.tag_id = t.id AND k.kloe_id = @kloe), s.held_at IS NULL, s.held_at, s.id, t.doc_order
       LIMIT @limit`,
    )
    .all(params) as PassageRow[];
  return { passages: passagesFor(store, rows), total };
}

/**
 * Every passage tagged to one KLOE across the review's sessions, oldest session first, narrowed
 * by stance, session kind, interviewer, and the participants' group or organisation.
 */
export const passageHandlers: Handlers<'listKloePassages' | 'searchPassages'> = {
  searchPassages: ({ reviewId, text, kloeId, limit }, { store }) => searchPassages(store, reviewId, text, kloeId, limit),
  listKloePassages: ({ reviewId, kloeId, stance, group, organisationId, sessionKind, interviewerId, limit, offset }, { store }) => {
    const kloe = findFrameworkItem(store, kloeId);
    if (!kloe || kloe.reviewId !== reviewId) throw notFound('That KLOE is not part of this review.');
    // Only the filters in use become SQL: an unused filter must cost nothing per row.
    const where = ['k.kloe_id = @kloe', 's.review_id = @review'];
    if (stance) where.push('t.stance = @stance');
    if (sessionKind) where.push('s.kind = @kind');
    if (interviewerId) where.push('EXISTS (SELECT 1 FROM json_each(s.interviewer_ids) WHERE value = @interviewer)');
    // Who said it, not who else was in the room.
    if (group) where.push('EXISTS (SELECT 1 FROM participants p WHERE p.id = k.speaker_id AND p.deleted = 0 AND p.participant_group = @grp)');
    if (organisationId) where.push('EXISTS (SELECT 1 FROM participants p WHERE p.id = k.speaker_id AND p.deleted = 0 AND p.organisation_id = @org)');
    const from = `FROM tag_kloes k
         JOIN tags t ON t.id = k.tag_id AND t.deleted = 0
         JOIN sessions s ON s.id = t.session_id AND s.deleted = 0
         WHERE ${where.join(' AND ')}`;
    const params = {
      kloe: kloeId,
      review: reviewId,
      stance: stance ?? null,
      kind: sessionKind ?? null,
      interviewer: interviewerId ?? null,
      grp: group ?? null,
      org: organisationId ?? null,
    };
    const totals = store
      .prepare(
        `SELECT count(*) AS total, sum(t.stance = 'strength') AS strength, sum(t.stance = 'concern') AS concern, sum(t.stance = 'neutral') AS neutral, count(DISTINCT t.session_id) AS sessions ${from}`,
      )
      .get(params) as { total: number; strength: number | null; concern: number | null; neutral: number | null; sessions: number };
    const rows = store
      .prepare(
        `SELECT t.*, s.title AS s_title, s.kind AS s_kind, s.held_at AS s_held_at, s.interviewer_ids AS s_interviewers ${from}
         ORDER BY s.held_at IS NULL, s.held_at, s.id, t.orphaned, t.doc_order
         LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit, offset }) as PassageRow[];

    const passages = passagesFor(store, rows);
    // Tags whose words were deleted: not evidence, listed apart so they can be re-placed or removed.
    const orphanRows = store
      .prepare(
        `SELECT t.*, s.title AS s_title, s.kind AS s_kind, s.held_at AS s_held_at, s.interviewer_ids AS s_interviewers
         FROM tags t JOIN sessions s ON s.id = t.session_id AND s.deleted = 0
         WHERE t.review_id = ? AND t.orphaned = 1 AND t.deleted = 0 AND EXISTS (SELECT 1 FROM json_each(t.kloe_ids) WHERE value = ?)
         ORDER BY s.held_at IS NULL, s.held_at, s.id, t.doc_order`,
      )
      .all(reviewId, kloeId) as PassageRow[];
    const result: KloePassages = {
      passages,
      orphaned: passagesFor(store, orphanRows),
      counts: { total: totals.total, strength: totals.strength ?? 0, concern: totals.concern ?? 0, neutral: totals.neutral ?? 0, sessions: totals.sessions },
    };
    return result;
  },
};
