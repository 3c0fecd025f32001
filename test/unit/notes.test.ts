import { afterEach, describe, expect, it } from 'vitest';
import type { NoteMark, NoteNode } from '../../shared/sessions/notes-doc';
import { newId } from '../../shared/ids';
import { testApps, type TestApp } from '../helpers';

const app = testApps(afterEach);

type Run = string | { text: string; marks: NoteMark[] };
const tag = (tagId: string): NoteMark => ({ type: 'tag', attrs: { tagId } });
const bold: NoteMark = { type: 'bold' };
const p = (id: string, ...runs: Run[]): NoteNode => ({
  type: 'paragraph',
  attrs: { id },
  content: runs.map((run) => (typeof run === 'string' ? { type: 'text' as const, text: run } : { type: 'text' as const, text: run.text, marks: run.marks })),
});
const doc = (...blocks: NoteNode[]): NoteNode => ({ type: 'doc', content: blocks });

async function setup(a: TestApp) {
  const detail = await a.call('createDemoReview', {});
  const kloes = detail.framework.filter((item) => item.kind === 'theme');
  const session = await a.call('createSession', {
    reviewId: detail.review.id,
    kind: 'interview',
    title: 'Discharge coordinator, OUHFT',
    heldAt: '2018-11-06T10:30',
    interviewerIds: [detail.team[0]!.id],
    kloeIds: kloes.slice(0, 3).map((k) => k.id),
    participants: [
      { designation: 'Discharge coordinator', organisationId: detail.organisations.find((o) => o.shortName === 'OUHFT')!.id, group: 'frontline_staff', realName: 'Pat Example' },
    ],
  });
  return { detail, kloes, sessionId: session.session.id };
}

describe('tags anchored in the notes', () => {
  it('follow their words through edits around, inside and across formatting, and orphan (not vanish) when deleted', async () => {
    const a = app();
    const { kloes, sessionId } = await setup(a);
    const t = newId();
    let saved = await a.call('createTag', {
      sessionId,
      doc: doc(p('b1', 'Introductions.'), p('b2', 'She said ', { text: 'discharge was delayed for days', marks: [tag(t)] }, ' at times.')),
      tag: { id: t, kloeIds: [kloes[0]!.id], stance: 'concern', isQuote: true },
    });
    expect(saved.tags[0]).toMatchObject({ id: t, quote: 'discharge was delayed for days', blockId: 'b2', startOffset: 9, endOffset: 39, stance: 'concern', orphaned: false });

    // Text typed before the passage and a new paragraph above it.
    saved = await a.call('saveNotes', {
      sessionId,
      doc: doc(
        p('b0', 'Heading added later'),
        p('b1', 'Introductions.'),
        p('b2', 'Then she said clearly that ', { text: 'discharge was delayed for days', marks: [tag(t)] }, ' at times.'),
      ),
    });
    expect(saved.tags[0]).toMatchObject({ quote: 'discharge was delayed for days', blockId: 'b2', startOffset: 27, endOffset: 57 });

    // Part of the passage made bold: the mark now spans two text nodes.
    saved = await a.call('saveNotes', {
      sessionId,
      doc: doc(
        p(
          'b2',
          'Then she said clearly that ',
          { text: 'discharge was ', marks: [tag(t)] },
          { text: 'delayed', marks: [bold, tag(t)] },
          { text: ' for days', marks: [tag(t)] },
          ' at times.',
        ),
      ),
    });
    expect(saved.tags[0]).toMatchObject({ quote: 'discharge was delayed for days', startOffset: 27, endOffset: 57, orphaned: false });

    // Words typed inside the passage belong to it.
    saved = await a.call('saveNotes', { sessionId, doc: doc(p('b2', 'Then she said clearly that ', { text: 'discharge was often delayed for days', marks: [tag(t)] }, '.')) });
    expect(saved.tags[0]?.quote).toBe('discharge was often delayed for days');

    // The whole passage deleted: an orphaned quote that keeps its words.
    saved = await a.call('saveNotes', { sessionId, doc: doc(p('b2', 'Then she said clearly that.')) });
    expect(saved.tags[0]).toMatchObject({ id: t, orphaned: true, quote: 'discharge was often delayed for days' });
    expect((await a.call('getSession', { sessionId })).tags).toHaveLength(1);

    // Re-placed on other words.
    saved = await a.call('saveNotes', { sessionId, doc: doc(p('b2', 'Then she said ', { text: 'clearly', marks: [tag(t)] }, ' that.')) });
    expect(saved.tags[0]).toMatchObject({ orphaned: false, quote: 'clearly' });
  });

  it('refuses a tag with no marked words or with a KLOE of another review, changing nothing', async () => {
    const a = app();
    const { kloes, sessionId } = await setup(a);
    const other = await a.call('createReview', { title: 'Other', kind: 'progress_review', area: 'Kent' });
    const t = newId();
    const marked = doc(p('b1', { text: 'Winter was hard', marks: [tag(t)] }));
    expect((await a.failure('createTag', { sessionId, doc: doc(p('b1', 'Winter was hard')), tag: { id: t, kloeIds: [kloes[0]!.id] } })).message).toMatch(
      /Select the words to tag first/,
    );
    expect((await a.failure('createTag', { sessionId, doc: marked, tag: { id: t, kloeIds: [other.framework[0]!.id] } })).message).toMatch(/not part of this review/);
    expect((await a.failure('createTag', { sessionId, doc: marked, tag: { id: t, kloeIds: [] } })).message).toMatch(/at least one KLOE/);
    expect(a.count('tags')).toBe(0);
    expect((await a.call('getSession', { sessionId })).session.wordCount).toBe(0);
  });

  it('rejects notes that are not a document of the kinds the editor makes', async () => {
    const a = app();
    const { sessionId } = await setup(a);
    expect((await a.failure('saveNotes', { sessionId, doc: { type: 'script', content: [] } })).code).toBe('invalid_input');
    expect((await a.failure('saveNotes', { sessionId, doc: doc(p('x', 'one'), p('x', 'two')) })).message).toMatch(/same id/);
  });
});

describe('searching notes', () => {
  it('finds stemmed, prefixed and accent-insensitive words with highlighted snippets', async () => {
    const a = app();
    const { detail, sessionId } = await setup(a);
    await a.call('saveNotes', {
      sessionId,
      doc: doc(p('b1', 'Carers described the café at the community hub.'), p('b2', 'Discharges were delayed while packages of care were arranged.')),
    });
    const stemmed = await a.call('searchNotes', { reviewId: detail.review.id, query: 'delays' });
    expect(stemmed.map((h) => h.blockId)).toEqual(['b2']);
    expect(stemmed[0]?.snippet.filter((piece) => piece.hit).map((piece) => piece.text)).toEqual(['delayed']);
    expect((await a.call('searchNotes', { reviewId: detail.review.id, query: 'cafe' })).map((h) => h.blockId)).toEqual(['b1']);
    expect((await a.call('searchNotes', { reviewId: detail.review.id, query: 'discharg arrang' })).map((h) => h.blockId)).toEqual(['b2']);
    expect(await a.call('searchNotes', { reviewId: detail.review.id, query: '"OR NEAR(' })).toEqual([]);
    // Edits reach the index: the old words are gone.
    await a.call('saveNotes', { sessionId, doc: doc(p('b2', 'Now rewritten.')) });
    expect(await a.call('searchNotes', { reviewId: detail.review.id, query: 'delays' })).toEqual([]);
  });
});

describe('passages for a KLOE', () => {
  it('lists every tagged passage across sessions with filters and counts', async () => {
    const a = app();
    const { detail, kloes, sessionId } = await setup(a);
    const second = await a.call('createSession', {
      reviewId: detail.review.id,
      kind: 'focus_group',
      title: 'Carers group',
      heldAt: '2018-11-07T14:00',
      participants: [{ designation: 'Carer', group: 'carer' }],
    });
    const [t1, t2, t3] = [newId(), newId(), newId()];
    const winter = kloes[0]!.id;
    await a.call('createTag', { sessionId, doc: doc(p('a', { text: 'beds were short', marks: [tag(t1)] })), tag: { id: t1, kloeIds: [winter], stance: 'concern' } });
    await a.call('createTag', {
      sessionId: second.session.id,
      doc: doc(p('b', { text: 'respite helped', marks: [tag(t2)] }), p('c', { text: 'staff kind', marks: [tag(t3)] })),
      tag: { id: t2, kloeIds: [winter, kloes[1]!.id], stance: 'strength' },
    });
    await a.call('createTag', {
      sessionId: second.session.id,
      doc: doc(p('b', { text: 'respite helped', marks: [tag(t2)] }), p('c', { text: 'staff kind', marks: [tag(t3)] })),
      tag: { id: t3, kloeIds: [kloes[1]!.id] },
    });

    const all = await a.call('listKloePassages', { reviewId: detail.review.id, kloeId: winter });
    expect(all.passages.map((x) => x.tag.quote)).toEqual(['beds were short', 'respite helped']);
    expect(all.counts).toEqual({ total: 2, strength: 1, concern: 1, neutral: 0, sessions: 2 });
    expect((await a.call('listKloePassages', { reviewId: detail.review.id, kloeId: winter, group: 'carer' })).passages.map((x) => x.tag.quote)).toEqual(['respite helped']);
    expect((await a.call('listKloePassages', { reviewId: detail.review.id, kloeId: winter, stance: 'concern' })).counts.total).toBe(1);
    expect((await a.call('listKloePassages', { reviewId: detail.review.id, kloeId: winter, sessionKind: 'focus_group' })).counts.total).toBe(1);
    expect((await a.call('listKloePassages', { reviewId: detail.review.id, kloeId: winter, interviewerId: detail.team[0]!.id })).counts.total).toBe(1);
    const ouhft = detail.organisations.find((o) => o.shortName === 'OUHFT')!.id;
    expect((await a.call('listKloePassages', { reviewId: detail.review.id, kloeId: winter, organisationId: ouhft })).passages[0]?.participants[0]).toEqual({
      designation: 'Discharge coordinator',
      group: 'frontline_staff',
      organisationId: ouhft,
    });
  });
});

describe('sessions', () => {
  it('keep participants by designation, with real names apart, and list with counts', async () => {
    const a = app();
    const { detail, sessionId } = await setup(a);
    const [summary] = await a.call('listSessions', { reviewId: detail.review.id });
    expect(summary).toMatchObject({
      id: sessionId,
      kind: 'interview',
      heldAt: '2018-11-06T10:30',
      tagCount: 0,
      participants: [{ designation: 'Discharge coordinator', group: 'frontline_staff', realName: 'Pat Example' }],
    });
    const row = a.store.db.prepare('SELECT * FROM participants').get() as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain('Pat Example');
    const updated = await a.call('saveParticipants', {
      sessionId,
      participants: [{ id: summary!.participants[0]!.id, designation: 'Discharge coordinator', group: 'frontline_staff', realName: null }],
    });
    expect(updated.participants[0]?.realName).toBeNull();
    expect((await a.failure('createSession', { reviewId: detail.review.id, kind: 'interview', title: 'x', interviewerIds: [newId()] })).message).toMatch(/not part of this review/);
    expect((await a.failure('createSession', { reviewId: detail.review.id, kind: 'chat', title: 'x' })).message).toMatch(/Choose a kind of session/);
    expect((await a.failure('createSession', { reviewId: detail.review.id, kind: 'interview', title: 'x', heldAt: '6 Nov' })).message).toMatch(/date and time like/);
  });

  it('pins up to nine KLOEs per review on this laptop', async () => {
    const a = app();
    const { detail, kloes } = await setup(a);
    expect(await a.call('setPins', { reviewId: detail.review.id, kloeIds: kloes.slice(0, 3).map((k) => k.id) })).toHaveLength(3);
    expect(await a.call('getPins', { reviewId: detail.review.id })).toEqual(kloes.slice(0, 3).map((k) => k.id));
    expect((await a.failure('setPins', { reviewId: detail.review.id, kloeIds: Array.from({ length: 10 }, () => kloes[0]!.id) })).message).toMatch(/at most 9/);
  });
});
