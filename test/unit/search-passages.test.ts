import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import type { NoteMark, NoteNode } from '../../shared/sessions/notes-doc';
import { testApps, type TestApp } from '../helpers';

/**
 * Citing from a finding searches every tagged passage of the review, not only the finding's KLOE:
 * a carer's words tagged to "Carers" may be the evidence a winter-planning finding needs.
 */
const app = testApps(afterEach);
const tag = (tagId: string): NoteMark => ({ type: 'tag', attrs: { tagId } });
const p = (id: string, text: string, tagId: string): NoteNode => ({ type: 'paragraph', attrs: { id }, content: [{ type: 'text', text, marks: [tag(tagId)] }] });
const doc = (...blocks: NoteNode[]): NoteNode => ({ type: 'doc', content: blocks });

async function twoSessions(a: TestApp) {
  const detail = await a.call('createDemoReview', {});
  const reviewId = detail.review.id;
  const [winter, carers] = ['T3', 'T8'].map((code) => detail.framework.find((i) => i.code === code)!);
  const ids: Record<string, string> = {};
  const notes: Array<[string, string, string[]]> = [
    ['early', 'Winter beds opened late; 100% of wards were full', [winter!.id]],
    ['carer', 'Carers were not told about winter discharge', [carers!.id]],
    ['both', 'The WINTER plan named carers for the first time', [winter!.id, carers!.id]],
  ];
  for (const [s, heldAt] of [
    [0, '2018-11-07T09:00'],
    [1, '2018-11-06T09:00'],
  ] as const) {
    const session = await a.call('createSession', { reviewId, kind: 'interview', title: `Session ${s}`, heldAt, kloeIds: [] });
    const blocks: NoteNode[] = [];
    for (const [key, text, kloeIds] of notes.filter((_, i) => i % 2 === s || (s === 0 && i === 2))) {
      ids[key] = newId();
      blocks.push(p(`b-${key}`, text, ids[key]!));
      await a.call('createTag', { sessionId: session.session.id, doc: doc(...blocks), tag: { id: ids[key]!, kloeIds, stance: 'neutral' } });
    }
  }
  return { reviewId, winter: winter!, carers: carers!, ids };
}

describe('searching tagged passages to cite', () => {
  it('finds passages tagged to any KLOE of the review, the given KLOE first', async () => {
    const a = app();
    const { reviewId, winter, carers, ids } = await twoSessions(a);
    const all = await a.call('searchPassages', { reviewId, text: 'winter', kloeId: carers.id });
    expect(all.total).toBe(3);
    // Carers' passages first (the earlier session first), then the rest.
    expect(all.passages.map((x) => x.tag.id)).toEqual([ids.carer, ids.both, ids.early]);
    expect(all.passages.find((x) => x.tag.id === ids.both)?.tag.kloeIds).toEqual([winter.id, carers.id]);
    const winterFirst = await a.call('searchPassages', { reviewId, text: 'winter', kloeId: winter.id });
    expect(winterFirst.passages.map((x) => x.tag.id)).toEqual([ids.early, ids.both, ids.carer]);
  });

  it('needs every word, in any case, and treats % and _ as the characters typed', async () => {
    const a = app();
    const { reviewId, ids } = await twoSessions(a);
    expect((await a.call('searchPassages', { reviewId, text: 'CARERS winter' })).passages.map((x) => x.tag.id).sort()).toEqual([ids.carer, ids.both].sort());
    expect((await a.call('searchPassages', { reviewId, text: '100%' })).passages.map((x) => x.tag.id)).toEqual([ids.early]);
    expect((await a.call('searchPassages', { reviewId, text: '%' })).total).toBe(1);
    expect((await a.call('searchPassages', { reviewId, text: 'w_nter' })).total).toBe(0);
    expect((await a.call('searchPassages', { reviewId, text: 'winter summer' })).total).toBe(0);
  });

  it('lists everything with no words, pages with a limit, and refuses what it cannot take', async () => {
    const a = app();
    const { reviewId } = await twoSessions(a);
    const some = await a.call('searchPassages', { reviewId, limit: 2 });
    expect([some.total, some.passages.length]).toEqual([3, 2]);
    expect((await a.failure('searchPassages', { reviewId, limit: 201 })).issues[0]?.field).toBe('limit');
    expect((await a.failure('searchPassages', { reviewId: newId() })).message).toMatch(/does not exist/);
  });
});
