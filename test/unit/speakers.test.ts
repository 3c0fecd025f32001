import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../main/services/report/export';
import { migrate } from '../../main/store/database';
import { MIGRATIONS } from '../../main/store/migrations/index';
import { newId } from '../../shared/ids';
import type { FindingNode } from '../../shared/findings/doc';
import type { NoteMark, NoteNode } from '../../shared/sessions/notes-doc';
import { tempDir, testApps, type TestApp } from '../helpers';

/**
 * A quote belongs to the person who said it, not to the session: in a two-person interview the
 * social worker's words are never cited as the discharge coordinator's. And a label that would
 * identify the one person the review spoke with in that role is made coarser in the report.
 */
const app = testApps(afterEach);
const tag = (tagId: string): NoteMark => ({ type: 'tag', attrs: { tagId } });
const para = (id: string, text: string, tagId: string): NoteNode => ({ type: 'paragraph', attrs: { id }, content: [{ type: 'text', text, marks: [tag(tagId)] }] });
const doc = (...blocks: NoteNode[]): NoteNode => ({ type: 'doc', content: blocks });
const citing = (targetId: string, label: string): FindingNode => ({
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Staff described the delays ' },
        { type: 'citation', attrs: { kind: 'passage', targetId, label } },
        { type: 'text', text: '.' },
      ],
    },
  ],
});
const control = { progress: () => undefined, cancelled: () => false };

async function twoPersonInterview(a: TestApp) {
  const detail = await a.call('createDemoReview', {});
  const kloe = detail.framework.find((item) => item.kind === 'theme')!;
  const ouh = detail.organisations.find((o) => o.shortName === 'OUHFT')!;
  const occ = detail.organisations.find((o) => o.shortName === 'OCC')!;
  const created = await a.call('createSession', {
    reviewId: detail.review.id,
    kind: 'interview',
    title: 'Discharge and social work',
    heldAt: '2018-11-06T10:30',
    participants: [
      { designation: 'Discharge coordinator', organisationId: ouh.id, group: 'frontline_staff', realName: 'Pat Example' },
      { designation: 'Social worker', organisationId: occ.id, group: 'frontline_staff', realName: 'Sam Sample' },
    ],
  });
  const [coordinator, socialWorker] = ['Discharge coordinator', 'Social worker'].map((d) => created.session.participants.find((p) => p.designation === d)!);
  return { reviewId: detail.review.id, kloe, ouh, occ, sessionId: created.session.id, coordinator: coordinator!, socialWorker: socialWorker! };
}

describe('who said a tagged passage', () => {
  it('defaults to the only participant, and is "not recorded" (never the first) when there are several', async () => {
    const a = app();
    const { reviewId, kloe, ouh } = await twoPersonInterview(a);
    const solo = await a.call('createSession', {
      reviewId,
      kind: 'interview',
      title: 'Solo',
      participants: [{ designation: 'Ward manager', organisationId: ouh.id, group: 'frontline_staff' }],
    });
    const t1 = newId();
    const saved = await a.call('createTag', { sessionId: solo.session.id, doc: doc(para('b1', 'we plan discharge from day one', t1)), tag: { id: t1, kloeIds: [kloe.id] } });
    expect(saved.tags[0]?.speakerId).toBe(solo.session.participants[0]?.id);
    const second = await twoPersonInterview(a);
    const t2 = newId();
    const pair = await a.call('createTag', { sessionId: second.sessionId, doc: doc(para('b1', 'packages of care take weeks', t2)), tag: { id: t2, kloeIds: [second.kloe.id] } });
    expect(pair.tags[0]?.speakerId).toBeNull();
  });

  it("attributes the social worker's quote to the social worker: passages, labels, the matrix and the report", async () => {
    const a = app();
    const { reviewId, kloe, occ, sessionId, socialWorker, coordinator } = await twoPersonInterview(a);
    const t = newId();
    await a.call('createTag', {
      sessionId,
      doc: doc(para('b1', 'assessments wait for a bed to free', t)),
      tag: { id: t, kloeIds: [kloe.id], stance: 'concern', isQuote: true, speakerId: socialWorker.id },
    });
    const view = await a.call('listKloePassages', { reviewId, kloeId: kloe.id });
    expect(view.passages[0]?.speaker).toMatchObject({ designation: 'Social worker', organisationId: occ.id });
    expect(view.passages[0]?.label).toBe('Social worker (OCC), 6 Nov');
    // Filtering by organisation follows the speaker, not everyone in the room.
    expect((await a.call('listKloePassages', { reviewId, kloeId: kloe.id, organisationId: occ.id })).counts.total).toBe(1);
    expect((await a.call('listKloePassages', { reviewId, kloeId: kloe.id, organisationId: coordinator.organisationId! })).counts.total).toBe(0);
    const byOrg = await a.call('getEvidenceMatrix', { reviewId, columns: 'organisation' });
    const row = byOrg.rows.find((r) => r.kloeId === kloe.id)!;
    expect(row.cells[occ.id]?.count).toBe(1);
    expect(row.cells[coordinator.organisationId!]).toBeUndefined();
    // The finding cites it with the label frozen when it was cited by the old code (wrong speaker):
    // the report works the label out from the speaker now.
    await a.call('addFinding', { reviewId, itemId: kloe.id, kind: 'improvement', doc: citing(t, 'Discharge coordinator (OUHFT), 6 Nov') });
    const report = await buildReport(a.context, { reviewId, format: 'md', allowNames: [], allowLabels: 'all' }, control);
    expect(report.blocked).toBe(false);
    const text = report.blocked ? '' : report.bytes.toString('utf8');
    expect(text).toContain('Social worker (OCC), 6 Nov 2018');
    expect(text).not.toContain('Discharge coordinator (OUHFT), 6 Nov');
  });

  it('counts a passage whose speaker was not recorded under "speaker not recorded", not under everyone present', async () => {
    const a = app();
    const { reviewId, kloe, sessionId } = await twoPersonInterview(a);
    const t = newId();
    await a.call('createTag', { sessionId, doc: doc(para('b1', 'nobody owns the discharge plan', t)), tag: { id: t, kloeIds: [kloe.id] } });
    const byGroup = await a.call('getEvidenceMatrix', { reviewId, columns: 'group' });
    const row = byGroup.rows.find((r) => r.kloeId === kloe.id)!;
    expect(row.cells.frontline_staff).toBeUndefined();
    expect(row.cells.speaker_not_recorded?.count).toBe(1);
    expect(row.total.count).toBe(1);
    const view = await a.call('listKloePassages', { reviewId, kloeId: kloe.id });
    expect(view.passages[0]?.label).toBe('Interview (speaker not recorded), 6 Nov');
  });

  it('can be chosen or changed afterwards, only among the session’s own participants', async () => {
    const a = app();
    const { reviewId, kloe, sessionId, coordinator } = await twoPersonInterview(a);
    const t = newId();
    await a.call('createTag', { sessionId, doc: doc(para('b1', 'the board round is at nine', t)), tag: { id: t, kloeIds: [kloe.id] } });
    expect((await a.call('updateTag', { tagId: t, speakerId: coordinator.id })).speakerId).toBe(coordinator.id);
    const other = await a.call('createSession', {
      reviewId,
      kind: 'interview',
      title: 'Elsewhere',
      participants: [{ designation: 'GP', organisationId: null, group: 'frontline_staff' }],
    });
    const error = await a.failure('updateTag', { tagId: t, speakerId: other.session.participants[0]!.id });
    expect(error.message).toMatch(/not one of this session's participants/);
    expect((await a.call('updateTag', { tagId: t, speakerId: null })).speakerId).toBeNull();
  });

  it('existing tags of sessions with several participants become "speaker not recorded"; of one participant, that participant', () => {
    // A database from before speakers (schema 12), written as that version would have.
    const db = new Database(path.join(tempDir(), 'v12.sqlite'));
    migrate(db, 0, MIGRATIONS.slice(0, 12));
    const sync = "'h', 'u', 'd'";
    db.exec(`
      INSERT INTO reviews (id, title, kind, area, framework_id, framework_name, hlc, updated_by, updated_device) VALUES ('r', 'R', 'progress_review', 'A', 'f', 'F', ${sync});
      INSERT INTO framework_items (id, review_id, kind, code, title, position, hlc, updated_by, updated_device) VALUES ('k', 'r', 'theme', 'T1', 'Theme', 1, ${sync});
      INSERT INTO sessions (id, review_id, kind, title, notes_doc, hlc, updated_by, updated_device) VALUES ('pair', 'r', 'interview', 'Pair', '{}', ${sync}), ('solo', 'r', 'interview', 'Solo', '{}', ${sync});
      INSERT INTO participants (id, session_id, designation, participant_group, hlc, updated_by, updated_device) VALUES
        ('p1', 'pair', 'Discharge coordinator', 'frontline_staff', ${sync}), ('p2', 'pair', 'Social worker', 'frontline_staff', ${sync}),
        ('p3', 'solo', 'Ward manager', 'frontline_staff', ${sync});
      INSERT INTO tags (id, review_id, session_id, stance, kloe_ids, quote, hlc, updated_by, updated_device) VALUES
        ('t-pair', 'r', 'pair', 'neutral', '["k"]', 'in a pair', ${sync}), ('t-solo', 'r', 'solo', 'neutral', '["k"]', 'alone', ${sync});
      INSERT INTO tag_kloes (tag_id, kloe_id, review_id, session_id, stance) VALUES ('t-pair', 'k', 'r', 'pair', 'neutral'), ('t-solo', 'k', 'r', 'solo', 'neutral');
    `);
    migrate(db, 12, MIGRATIONS);
    const speaker = (table: string, column: string, id: string) => db.prepare(`SELECT speaker_id FROM ${table} WHERE ${column} = ?`).pluck().get(id);
    expect([speaker('tags', 'id', 't-pair'), speaker('tags', 'id', 't-solo')]).toEqual([null, 'p3']);
    expect([speaker('tag_kloes', 'tag_id', 't-pair'), speaker('tag_kloes', 'tag_id', 't-solo')]).toEqual([null, 'p3']);
    db.close();
  });
});

describe('a label that would identify a person', () => {
  it('is made coarser in the report when the review spoke with only one person of that role and organisation, unless allowed', async () => {
    const a = app();
    const { reviewId, kloe, sessionId, coordinator } = await twoPersonInterview(a);
    const t = newId();
    await a.call('createTag', { sessionId, doc: doc(para('b1', 'we chase beds every morning', t)), tag: { id: t, kloeIds: [kloe.id], speakerId: coordinator.id } });
    await a.call('addFinding', { reviewId, itemId: kloe.id, kind: 'improvement', doc: citing(t, 'x') });
    const coarse = await buildReport(a.context, { reviewId, format: 'md', allowNames: [], allowLabels: [] }, control);
    const text = coarse.blocked ? '' : coarse.bytes.toString('utf8');
    expect(text).toContain('A member of staff, 6 Nov 2018');
    expect(text).not.toContain('Discharge coordinator (OUHFT)');
    expect(coarse.blocked ? [] : coarse.labels).toEqual([{ exact: 'Discharge coordinator (OUHFT)', coarse: 'A member of staff' }]);
    // The writer allows the exact label.
    const exact = await buildReport(a.context, { reviewId, format: 'md', allowNames: [], allowLabels: ['discharge coordinator (ouhft)'] }, control);
    expect(exact.blocked ? '' : exact.bytes.toString('utf8')).toContain('Discharge coordinator (OUHFT), 6 Nov');
  });

  it('keeps the organisation when several members of staff there were spoken with, and the exact label when several share it', async () => {
    const a = app();
    const { reviewId, kloe, sessionId, coordinator, ouh } = await twoPersonInterview(a);
    await a.call('createSession', {
      reviewId,
      kind: 'interview',
      title: 'Ward',
      participants: [{ designation: 'Ward manager', organisationId: ouh.id, group: 'frontline_staff', realName: 'Lee Morrow' }],
    });
    const t = newId();
    await a.call('createTag', { sessionId, doc: doc(para('b1', 'we chase beds every morning', t)), tag: { id: t, kloeIds: [kloe.id], speakerId: coordinator.id } });
    await a.call('addFinding', { reviewId, itemId: kloe.id, kind: 'improvement', doc: citing(t, 'x') });
    let report = await buildReport(a.context, { reviewId, format: 'md', allowNames: [], allowLabels: [] }, control);
    expect(report.blocked ? '' : report.bytes.toString('utf8')).toContain('A member of staff at OUHFT, 6 Nov');
    // A second discharge coordinator at OUHFT (another person): the exact label no longer singles anyone out.
    await a.call('createSession', {
      reviewId,
      kind: 'focus_group',
      title: 'Coordinators',
      participants: [{ designation: 'Discharge Coordinator', organisationId: ouh.id, group: 'frontline_staff', realName: 'Jo Tennant' }],
    });
    report = await buildReport(a.context, { reviewId, format: 'md', allowNames: [], allowLabels: [] }, control);
    expect(report.blocked ? '' : report.bytes.toString('utf8')).toContain('Discharge coordinator (OUHFT), 6 Nov');
  });

  it('is not made coarser for the same person seen twice', async () => {
    const a = app();
    const { reviewId, kloe, sessionId, coordinator, ouh } = await twoPersonInterview(a);
    // The same discharge coordinator (same recorded name) interviewed again.
    await a.call('createSession', {
      reviewId,
      kind: 'interview',
      title: 'Follow-up',
      participants: [{ designation: 'Discharge coordinator', organisationId: ouh.id, group: 'frontline_staff', realName: 'Pat Example' }],
    });
    const t = newId();
    await a.call('createTag', { sessionId, doc: doc(para('b1', 'we chase beds every morning', t)), tag: { id: t, kloeIds: [kloe.id], speakerId: coordinator.id } });
    await a.call('addFinding', { reviewId, itemId: kloe.id, kind: 'improvement', doc: citing(t, 'x') });
    const report = await buildReport(a.context, { reviewId, format: 'md', allowNames: [], allowLabels: [] }, control);
    expect(report.blocked ? '' : report.bytes.toString('utf8')).not.toContain('Discharge coordinator (OUHFT)');
  });
});
