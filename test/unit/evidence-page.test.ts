import { afterEach, describe, expect, it } from 'vitest';
import { testApps, type TestApp } from '../helpers';

/** The evidence log's query: what the screen shows a page at a time, filtered and sorted in SQL. */
const app = testApps(afterEach);

const TITLES = ['winter plan', 'Board paper', 'appendix', 'Discharge audit', 'board minutes', 'Carers survey', 'Winter letter'];

/** A demo review with seven items: mixed case titles, kinds, sources, dates (two undated), links. */
async function logOfSeven(a: TestApp) {
  const detail = await a.call('createDemoReview', {});
  const reviewId = detail.review.id;
  const [occ, ouh] = [detail.organisations.find((o) => o.shortName === 'OCC')!, detail.organisations.find((o) => o.shortName === 'OUHFT')!];
  const [winter, market] = ['T3', 'T4'].map((code) => detail.framework.find((i) => i.code === code)!);
  const items = [];
  for (const [i, title] of TITLES.entries()) {
    items.push(
      await a.call('addEvidence', {
        reviewId,
        kind: i % 2 === 0 ? 'document' : 'data',
        title,
        summary: i === 3 ? 'Delays at the front door of the hospital' : '',
        sourceOrganisationId: i === 2 ? null : i % 3 === 0 ? occ.id : ouh.id,
        date: i === 1 || i === 5 ? null : `2018-0${9 - i}-01`,
        links: i < 3 ? [{ kloeId: winter!.id }] : i === 6 ? [{ kloeId: market!.id }] : [],
      }),
    );
  }
  return { reviewId, items, winter: winter!, market: market!, occ, ouh };
}
const codes = (page: { items: Array<{ code: string }> }) => page.items.map((i) => i.code);

describe('the evidence query', () => {
  it('pages through the log in reference order, counting every live item once', async () => {
    const a = app();
    const { reviewId } = await logOfSeven(a);
    const whole = await a.call('listEvidencePage', { reviewId });
    expect(codes(whole)).toEqual(['E001', 'E002', 'E003', 'E004', 'E005', 'E006', 'E007']);
    expect(whole.total).toBe(7);
    const pages = [];
    for (let offset = 0; offset < 7; offset += 3) pages.push(...codes(await a.call('listEvidencePage', { reviewId, offset, limit: 3 })));
    expect(pages).toEqual(codes(whole));
    const last = await a.call('listEvidencePage', { reviewId, offset: 6, limit: 3 });
    expect([last.total, last.offset, codes(last)]).toEqual([7, 6, ['E007']]);
    expect(codes(await a.call('listEvidencePage', { reviewId, descending: true, limit: 2 }))).toEqual(['E007', 'E006']);
  });

  it('leaves out removed items and other reviews, in the rows and in the count', async () => {
    const a = app();
    const { reviewId, items } = await logOfSeven(a);
    await a.call('removeEvidence', { evidenceId: items[1]!.id });
    const other = await a.call('createReview', { title: 'Another area', kind: 'progress_review', area: 'Elsewhere' });
    await a.call('addEvidence', { reviewId: other.review.id, kind: 'document', title: 'Board paper elsewhere' });
    const page = await a.call('listEvidencePage', { reviewId, text: 'board' });
    expect([page.total, codes(page)]).toEqual([1, ['E005']]);
    expect((await a.call('listEvidencePage', { reviewId, limit: 0 })).total).toBe(6);
    expect((await a.call('listEvidencePage', { reviewId: other.review.id, limit: 0 })).total).toBe(1);
  });

  it('sorts by title without regard to case, ties and all by reference number', async () => {
    const a = app();
    const { reviewId } = await logOfSeven(a);
    const ascending = await a.call('listEvidencePage', { reviewId, sort: 'title' });
    expect(ascending.items.map((i) => i.title)).toEqual(
      ['appendix', 'Board paper', 'board minutes', 'Carers survey', 'Discharge audit', 'winter plan', 'Winter letter'].sort((x, y) =>
        x.toLowerCase().localeCompare(y.toLowerCase()),
      ),
    );
    const descending = await a.call('listEvidencePage', { reviewId, sort: 'title', descending: true });
    expect(descending.items.map((i) => i.title)).toEqual([...ascending.items.map((i) => i.title)].reverse());
  });

  it('puts undated items and items with no source last, whichever way the column runs', async () => {
    const a = app();
    const { reviewId } = await logOfSeven(a);
    // Dates: E001 Sept, E003 July, E004 June, E005 May, E007 March; E002 and E006 undated.
    expect(codes(await a.call('listEvidencePage', { reviewId, sort: 'date' }))).toEqual(['E007', 'E005', 'E004', 'E003', 'E001', 'E002', 'E006']);
    expect(codes(await a.call('listEvidencePage', { reviewId, sort: 'date', descending: true }))).toEqual(['E001', 'E003', 'E004', 'E005', 'E007', 'E006', 'E002']);
    // Sources: OCC for E001, E004, E007; OUHFT for E002, E005, E006; none for E003.
    expect(codes(await a.call('listEvidencePage', { reviewId, sort: 'source' }))).toEqual(['E001', 'E004', 'E007', 'E002', 'E005', 'E006', 'E003']);
    expect(codes(await a.call('listEvidencePage', { reviewId, sort: 'source', descending: true }))).toEqual(['E006', 'E005', 'E002', 'E007', 'E004', 'E001', 'E003']);
    expect(codes(await a.call('listEvidencePage', { reviewId, sort: 'kind' }))).toEqual(['E002', 'E004', 'E006', 'E001', 'E003', 'E005', 'E007']);
  });

  it('filters by kind, source and KLOE, each alone and together', async () => {
    const a = app();
    const { reviewId, items, winter, market, occ } = await logOfSeven(a);
    expect(codes(await a.call('listEvidencePage', { reviewId, kind: 'data' }))).toEqual(['E002', 'E004', 'E006']);
    expect(codes(await a.call('listEvidencePage', { reviewId, sourceOrganisationId: occ.id }))).toEqual(['E001', 'E004', 'E007']);
    expect(codes(await a.call('listEvidencePage', { reviewId, kloeId: winter.id }))).toEqual(['E001', 'E002', 'E003']);
    expect(codes(await a.call('listEvidencePage', { reviewId, kloeId: winter.id, kind: 'document', sourceOrganisationId: occ.id }))).toEqual(['E001']);
    // A link taken away no longer counts.
    await a.call('setEvidenceLinks', { evidenceId: items[6]!.id, links: [] });
    expect((await a.call('listEvidencePage', { reviewId, kloeId: market.id })).total).toBe(0);
  });

  it('finds words in titles and summaries, a typed code, or a list of codes', async () => {
    const a = app();
    const { reviewId } = await logOfSeven(a);
    expect(codes(await a.call('listEvidencePage', { reviewId, text: 'winter' }))).toEqual(['E001', 'E007']);
    expect(codes(await a.call('listEvidencePage', { reviewId, text: 'hospit fron' }))).toEqual(['E004']);
    expect(codes(await a.call('listEvidencePage', { reviewId, text: 'e5' }))).toEqual(['E005']);
    expect(codes(await a.call('listEvidencePage', { reviewId, text: 'E005' }))).toEqual(['E005']);
    expect(codes(await a.call('listEvidencePage', { reviewId, codes: ['E006', 'e2', 'E099', 'nonsense'] }))).toEqual(['E002', 'E006']);
    // Punctuation alone, or an FTS operator typed as text, finds nothing rather than everything or an error.
    expect((await a.call('listEvidencePage', { reviewId, text: '"*"' })).total).toBe(0);
    expect((await a.call('listEvidencePage', { reviewId, text: 'winter OR' })).total).toBe(0);
  });

  it("gives an item's place in the chosen order, or null when the filters leave it out", async () => {
    const a = app();
    const { reviewId, items } = await logOfSeven(a);
    const e5 = items[4]!.id;
    expect((await a.call('listEvidencePage', { reviewId, focusId: e5, limit: 0 })).focusIndex).toBe(4);
    expect((await a.call('listEvidencePage', { reviewId, focusId: e5, sort: 'date', limit: 0 })).focusIndex).toBe(1);
    expect((await a.call('listEvidencePage', { reviewId, focusId: e5, kind: 'data', limit: 0 })).focusIndex).toBeNull();
    expect((await a.call('listEvidencePage', { reviewId, limit: 0 })).focusIndex).toBeNull();
  });

  it('refuses what the screen would never send, naming the field', async () => {
    const a = app();
    const { reviewId } = await logOfSeven(a);
    expect((await a.failure('listEvidencePage', { reviewId, limit: 501 })).message).toMatch(/500/);
    expect((await a.failure('listEvidencePage', { reviewId, sort: 'summary' })).message).toMatch(/Sort by one of/);
    expect((await a.failure('listEvidencePage', { reviewId, offset: -1 })).issues[0]?.field).toBe('offset');
    expect((await a.failure('listEvidencePage', { reviewId: '0195a1b2-0000-7000-8000-000000000000' })).message).toMatch(/does not exist/);
  });
});
