import { afterEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../main/services/report/export';
import { newId } from '../../shared/ids';
import type { FindingNode } from '../../shared/findings/doc';
import type { NoteMark, NoteNode } from '../../shared/sessions/notes-doc';
import { testApps, type TestApp } from '../helpers';

/**
 * When the tagged words of a passage are deleted from the notes, the tag is kept (with its words)
 * as an orphan, but it is no longer evidence: it counts nowhere, is listed apart, cannot be cited,
 * and a finding that already cites it is warned and stops the report until it is resolved.
 */
const app = testApps(afterEach);
const tag = (tagId: string): NoteMark => ({ type: 'tag', attrs: { tagId } });
const p = (id: string, ...runs: Array<string | { text: string; marks: NoteMark[] }>): NoteNode => ({
  type: 'paragraph',
  attrs: { id },
  content: runs.map((run) => (typeof run === 'string' ? { type: 'text' as const, text: run } : { type: 'text' as const, text: run.text, marks: run.marks })),
});
const doc = (...blocks: NoteNode[]): NoteNode => ({ type: 'doc', content: blocks });
const citing = (targetId: string, label: string): FindingNode => ({
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Discharges were delayed ' },
        { type: 'citation', attrs: { kind: 'passage', targetId, label } },
      ],
    },
  ],
});
const control = { progress: () => undefined, cancelled: () => false };

async function setup(a: TestApp) {
  const detail = await a.call('createDemoReview', {});
  const kloe = detail.framework.find((item) => item.kind === 'theme')!;
  const org = detail.organisations.find((o) => o.shortName === 'OUHFT')!;
  const session = await a.call('createSession', {
    reviewId: detail.review.id,
    kind: 'interview',
    title: 'Discharge team',
    heldAt: '2018-11-06T10:30',
    kloeIds: [kloe.id],
    participants: [{ designation: 'Discharge coordinator', organisationId: org.id, group: 'frontline_staff', realName: 'Pat Example' }],
  });
  const sessionId = session.session.id;
  const kept = newId();
  const deleted = newId();
  const kept1 = p('b1', { text: 'the ward team phones every morning', marks: [tag(kept)] });
  const gone = p('b2', 'She said ', { text: 'discharge was delayed for days', marks: [tag(deleted)] }, '.');
  await a.call('createTag', { sessionId, doc: doc(kept1), tag: { id: kept, kloeIds: [kloe.id], stance: 'strength' } });
  await a.call('createTag', { sessionId, doc: doc(kept1, gone), tag: { id: deleted, kloeIds: [kloe.id], stance: 'concern', isQuote: true } });
  await a.call('addFinding', { reviewId: detail.review.id, itemId: kloe.id, kind: 'improvement', doc: citing(deleted, 'Discharge coordinator (OUHFT), 6 Nov') });
  // The tagged words are deleted from the notes.
  const saved = await a.call('saveNotes', { sessionId, doc: doc(kept1, p('b2', 'She said.')) });
  expect(saved.tags.find((t) => t.id === deleted)?.orphaned).toBe(true);
  return { reviewId: detail.review.id, kloe, sessionId, kept, deleted };
}

describe('a passage whose words were deleted', () => {
  it('is not counted in the KLOE passages view, but listed apart', async () => {
    const a = app();
    const { reviewId, kloe, deleted, kept } = await setup(a);
    const view = await a.call('listKloePassages', { reviewId, kloeId: kloe.id });
    expect(view.counts).toMatchObject({ total: 1, strength: 1, concern: 0 });
    expect(view.passages.map((x) => x.tag.id)).toEqual([kept]);
    expect(view.orphaned.map((x) => x.tag.id)).toEqual([deleted]);
    // Nor offered for citing, searched for or not.
    expect((await a.call('searchPassages', { reviewId, text: 'delayed' })).total).toBe(0);
    expect((await a.call('searchPassages', { reviewId })).passages.map((x) => x.tag.id)).toEqual([kept]);
    // Filtered views leave it out too.
    expect((await a.call('listKloePassages', { reviewId, kloeId: kloe.id, stance: 'concern' })).counts.total).toBe(0);
  });

  it('counts nowhere in the evidence matrix: neither the totals, the cells, the stance balance nor the drill-down', async () => {
    const a = app();
    const { reviewId, kloe, deleted } = await setup(a);
    for (const columns of ['group', 'organisation', 'kind'] as const) {
      const matrix = await a.call('getEvidenceMatrix', { reviewId, columns });
      const row = matrix.rows.find((r) => r.kloeId === kloe.id)!;
      expect(row.total).toEqual({ count: 1, strength: 1, concern: 0, neutral: 0 });
      expect(Object.values(row.cells).reduce((sum, cell) => sum + cell.concern, 0)).toBe(0);
      expect(row.flags).toContain('one_stance');
      const cell = await a.call('getMatrixCell', { reviewId, kloeId: kloe.id, columns, key: null });
      expect(cell.passages.map((x) => x.tag.id)).not.toContain(deleted);
    }
  });

  it("is not in the session's tag count, which says how many lost their words", async () => {
    const a = app();
    const { reviewId } = await setup(a);
    const [session] = await a.call('listSessions', { reviewId });
    expect(session).toMatchObject({ tagCount: 1, orphanedTagCount: 1 });
  });

  it('cannot be cited, while a finding that already cites it keeps its text and is warned', async () => {
    const a = app();
    const { reviewId, kloe, deleted } = await setup(a);
    const error = await a.failure('addFinding', { reviewId, itemId: kloe.id, kind: 'strength', doc: citing(deleted, 'x') });
    expect(error.message).toMatch(/words were deleted from the notes/);
    const items = await a.call('listFindings', { reviewId });
    const finding = items.flatMap((i) => i.findings).find((f) => f.citations.some((c) => c.targetId === deleted))!;
    expect(finding.citations[0]?.source).toMatchObject({ orphaned: true });
    // Autosaving that finding again (with the citation still in it) is not refused.
    const saved = await a.call('saveFinding', {
      findingId: finding.id,
      doc: { type: 'doc', content: [...((finding.doc as FindingNode).content ?? []), { type: 'paragraph', content: [{ type: 'text', text: 'More words.' }] }] },
    });
    expect(saved.flatMap((i) => i.findings).find((f) => f.id === finding.id)?.text).toMatch(/More words/);
    // Citing it afresh in that finding is refused.
    expect((await a.failure('citeInFinding', { findingId: finding.id, citation: { kind: 'passage', targetId: deleted, label: 'x' } })).message).toMatch(/words were deleted/);
  });

  it('stops the report export, which lists it as a problem to resolve', async () => {
    const a = app();
    const { reviewId } = await setup(a);
    const result = await buildReport(a.context, { reviewId, format: 'md', allowNames: 'all' }, control);
    expect(result.blocked).toBe(true);
    expect(result.blocked && result.citations).toEqual([expect.objectContaining({ quote: 'discharge was delayed for days', reason: 'words_deleted' })]);
  });

  it('counts again once its words are back (undo in the editor puts the mark back)', async () => {
    const a = app();
    const { reviewId, kloe, sessionId, deleted, kept } = await setup(a);
    await a.call('saveNotes', {
      sessionId,
      doc: doc(
        p('b1', { text: 'the ward team phones every morning', marks: [tag(kept)] }),
        p('b2', 'She said ', { text: 'discharge was delayed for days', marks: [tag(deleted)] }, '.'),
      ),
    });
    const view = await a.call('listKloePassages', { reviewId, kloeId: kloe.id });
    expect(view.counts).toMatchObject({ total: 2, concern: 1 });
    expect(view.orphaned).toEqual([]);
  });
});
