import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { findingFromText, paragraphsOf, type FindingNode } from '../../shared/findings/doc';
import { cli, testApps } from '../helpers';

const app = testApps(afterEach);

const cite = (kind: 'evidence' | 'passage', targetId: string, label: string): FindingNode => ({ type: 'citation', attrs: { kind, targetId, label } });
const withCitation = (text: string, citation: FindingNode): FindingNode => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }, citation] }] });

async function demo() {
  const a = app();
  const detail = await a.call('createDemoReview', {});
  const reviewId = detail.review.id;
  const winter = detail.framework.find((item) => item.title === 'Winter planning');
  if (!winter) throw new Error('the demo framework has no Winter planning theme');
  return { a, reviewId, winter };
}

describe('findings', () => {
  it('moves draft → ready → agreed with who and when, and drops back to ready when edited after agreement', async () => {
    const { a, reviewId, winter } = await demo();
    let items = await a.call('addFinding', {
      reviewId,
      itemId: winter.id,
      kind: 'progress_made',
      priority: null,
      doc: findingFromText('Leaders planned winter together for the first time.'),
    });
    const finding = items.find((i) => i.itemId === winter.id)?.findings[0];
    expect(finding).toMatchObject({ status: 'draft', kind: 'progress_made', text: 'Leaders planned winter together for the first time.', reopened: false });
    await a.call('setFindingStatus', { findingId: finding?.id ?? '', status: 'ready' });
    items = await a.call('setFindingStatus', { findingId: finding?.id ?? '', status: 'agreed' });
    const agreed = items.find((i) => i.itemId === winter.id)?.findings[0];
    expect(agreed).toMatchObject({ status: 'agreed', statusBy: expect.any(String) as string, reopened: false });
    expect(agreed?.history.map((h) => h.status)).toEqual(['draft', 'ready', 'agreed']);

    items = await a.call('saveFinding', { findingId: finding?.id ?? '', doc: findingFromText('Leaders planned winter together for the first time, with the VCSE sector.') });
    const edited = items.find((i) => i.itemId === winter.id)?.findings[0];
    expect(edited).toMatchObject({ status: 'ready', reopened: true });
    expect(edited?.history.at(-1)).toMatchObject({ status: 'ready', reason: 'edited after it was agreed' });
    // Saving the same words again changes nothing.
    const again = await a.call('saveFinding', { findingId: finding?.id ?? '', doc: findingFromText('Leaders planned winter together for the first time, with the VCSE sector.') });
    expect(again.find((i) => i.itemId === winter.id)?.findings[0]?.history).toHaveLength(4);
  });

  it('cites evidence and tagged passages of the review, shows their source, and refuses foreign ones', async () => {
    const { a, reviewId, winter } = await demo();
    const evidence = await a.call('addEvidence', { reviewId, kind: 'document', title: 'Winter plan 2018/19', summary: 'Signed by all partners.' });
    const items = await a.call('addFinding', {
      reviewId,
      itemId: winter.id,
      kind: 'strength',
      priority: null,
      doc: withCitation('There was one winter plan ', cite('evidence', evidence.id, evidence.code)),
    });
    const finding = items.find((i) => i.itemId === winter.id)?.findings[0];
    expect(finding?.citations).toEqual([
      {
        kind: 'evidence',
        targetId: evidence.id,
        label: evidence.code,
        source: { title: `${evidence.code} Winter plan 2018/19`, text: 'Signed by all partners.', sessionId: null, orphaned: false, label: evidence.code },
      },
    ]);
    expect(finding?.text).toBe(`There was one winter plan [${evidence.code}]`);

    const other = (await a.call('createReview', { title: 'Elsewhere', kind: 'progress_review', area: 'Kent', organisations: [] })).review.id;
    const foreign = await a.call('addEvidence', { reviewId: other, kind: 'document', title: 'Not this review' });
    const refused = await a.failure('saveFinding', { findingId: finding?.id ?? '', doc: withCitation('See ', cite('evidence', foreign.id, foreign.code)) });
    expect(refused.message).toMatch(/not in this review/);
    expect((await a.call('listFindings', { reviewId })).find((i) => i.itemId === winter.id)?.findings[0]?.citations).toHaveLength(1);
  });

  it('cites from the evidence matrix at the end of a finding, reopening it if agreed', async () => {
    const { a, reviewId, winter } = await demo();
    const evidence = await a.call('addEvidence', { reviewId, kind: 'document', title: 'Winter plan', links: [{ kloeId: winter.id, stance: 'strength' }] });
    const items = await a.call('addFinding', { reviewId, itemId: winter.id, kind: 'strength', doc: findingFromText('One plan for winter.') });
    const findingId = items.find((i) => i.itemId === winter.id)?.findings[0]?.id ?? '';
    await a.call('setFindingStatus', { findingId, status: 'agreed' });
    const cited = await a.call('citeInFinding', { findingId, citation: { kind: 'evidence', targetId: evidence.id, label: evidence.code } });
    expect(cited.find((i) => i.itemId === winter.id)?.findings[0]).toMatchObject({
      text: `One plan for winter. [${evidence.code}]`,
      status: 'ready',
      reopened: true,
      citations: [{ label: evidence.code }],
    });
  });

  it('keeps one empty finding of a kind per KLOE: adding another gives back the empty one', async () => {
    const { a, reviewId, winter } = await demo();
    const strengths = (items: Awaited<ReturnType<typeof a.call<'addFinding'>>>) => items.find((i) => i.itemId === winter.id)?.findings.filter((f) => f.kind === 'strength') ?? [];
    const first = strengths(await a.call('addFinding', { reviewId, itemId: winter.id, kind: 'strength' }));
    // A space typed on the button after clicking it, many times over: still one empty strength.
    for (let i = 0; i < 3; i += 1)
      expect(strengths(await a.call('addFinding', { reviewId, itemId: winter.id, kind: 'strength' })).map((f) => f.id)).toEqual(first.map((f) => f.id));
    expect(first).toHaveLength(1);
    // Another kind is another finding; a strength with words is kept and a new empty one follows it.
    const items = await a.call('addFinding', { reviewId, itemId: winter.id, kind: 'progress_made' });
    expect(items.find((i) => i.itemId === winter.id)?.findings).toHaveLength(2);
    await a.call('saveFinding', { findingId: first[0]?.id ?? '', doc: findingFromText('Winter was planned jointly.') });
    expect(strengths(await a.call('addFinding', { reviewId, itemId: winter.id, kind: 'strength' }))).toHaveLength(2);
    expect(strengths(await a.call('addFinding', { reviewId, itemId: winter.id, kind: 'strength' }))).toHaveLength(2);
    expect(a.count('findings')).toBe(3);
  });

  it('drops only the drafts under the KLOE left that hold no words and no citation', async () => {
    const { a, reviewId, winter } = await demo();
    const detail = await a.call('getReview', { reviewId });
    const carers = detail.framework.find((item) => item.title === 'Carers')!;
    const evidence = await a.call('addEvidence', { reviewId, kind: 'document', title: 'Winter plan' });
    const under = (items: Awaited<ReturnType<typeof a.call<'listFindings'>>>, itemId: string) => items.find((i) => i.itemId === itemId)?.findings ?? [];
    await a.call('addFinding', { reviewId, itemId: winter.id, kind: 'strength' });
    await a.call('addFinding', { reviewId, itemId: winter.id, kind: 'progress_made', doc: findingFromText('Beds opened early.') });
    await a.call('addFinding', { reviewId, itemId: winter.id, kind: 'still_needed', doc: withCitation('', cite('evidence', evidence.id, evidence.code)) });
    const ready = under(await a.call('addFinding', { reviewId, itemId: winter.id, kind: 'improvement' }), winter.id).find((f) => f.kind === 'improvement')!;
    await a.call('setFindingStatus', { findingId: ready.id, status: 'ready' });
    await a.call('addFinding', { reviewId, itemId: carers.id, kind: 'strength' });
    const left = under(await a.call('removeEmptyFindings', { reviewId, itemId: winter.id }), winter.id);
    // The empty strength went; words, a citation alone, or a status moved on keep a finding.
    expect(left.map((f) => f.kind).sort()).toEqual(['improvement', 'progress_made', 'still_needed']);
    // Another KLOE's empty draft is its own business.
    expect(under(await a.call('listFindings', { reviewId }), carers.id)).toHaveLength(1);
    expect((await a.failure('removeEmptyFindings', { reviewId: newId(), itemId: winter.id })).message).toMatch(/does not exist/);
  });

  it('keeps progress findings to progress reviews, and one summary per item', async () => {
    const { a, reviewId, winter } = await demo();
    const lsr = await a.call('createReview', { title: 'Kent', kind: 'local_system_review', area: 'Kent', organisations: [] });
    const kloe = lsr.framework.find((item) => item.kind === 'kloe');
    expect((await a.failure('addFinding', { reviewId: lsr.review.id, itemId: kloe?.id ?? '', kind: 'progress_made' })).message).toMatch(/belong to progress reviews/);
    expect((await a.failure('addFinding', { reviewId: lsr.review.id, itemId: winter.id, kind: 'strength' })).message).toMatch(/KLOE, theme or quality statement of this review/);
    await a.call('saveSummary', { reviewId, itemId: winter.id, doc: findingFromText('Winter was planned jointly.') });
    const items = await a.call('saveSummary', { reviewId, itemId: winter.id, doc: findingFromText('Winter was planned jointly, for the first time.') });
    expect(items.find((i) => i.itemId === winter.id)?.summary?.text).toBe('Winter was planned jointly, for the first time.');
    expect(a.count('item_summaries')).toBe(1);
  });

  it('lists findings on the command line with KLOE code, kind, priority, status and citations', async () => {
    const { a, reviewId, winter } = await demo();
    const evidence = await a.call('addEvidence', { reviewId, kind: 'document', title: 'Winter plan' });
    await a.call('addFinding', {
      reviewId,
      itemId: winter.id,
      kind: 'still_needed',
      priority: 'operational',
      doc: withCitation('Escalation is still untested ', cite('evidence', evidence.id, evidence.code)),
    });
    const db = a.databasePath;
    a.close();
    const result = await cli('--db', db, 'findings', 'Oxfordshire', '--json');
    expect(JSON.parse(result.out)).toEqual([
      {
        kloe: winter.code,
        kind: 'still_needed',
        priority: 'operational',
        status: 'draft',
        text: `Escalation is still untested [${evidence.code}]`,
        citations: [{ kind: 'evidence', label: evidence.code, id: evidence.id }],
      },
    ]);
  });

  it('reads lists and citations as paragraphs of text', () => {
    const doc: FindingNode = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Two things:' }] },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one ' }, cite('passage', '0195d5a0-0000-7000-8000-000000000001', 'Interview 4')] }],
            },
          ],
        },
      ],
    };
    expect(paragraphsOf(doc)).toEqual(['Two things:', '• one [Interview 4]']);
  });
});
