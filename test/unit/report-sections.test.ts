import fs from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';
import { afterEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../main/services/report/export';
import { newId } from '../../shared/ids';
import { docxText } from '../report-fixture';
import { tempDir, testApps } from '../helpers';

/** Sections with nothing in them are left out with their headings; every appendix has a heading. */
const app = testApps(afterEach);
const control = { progress: () => undefined, cancelled: () => false };

async function reviewCitingOnlyAPassage() {
  const a = app();
  const detail = await a.call('createReview', {
    title: 'Kent local system review',
    kind: 'local_system_review',
    area: 'Kent',
    organisations: [{ name: 'Kent County Council', shortName: 'KCC' }],
  });
  const reviewId = detail.review.id;
  const kloe = detail.framework.find((i) => i.kind === 'kloe')!;
  const session = await a.call('createSession', {
    reviewId,
    kind: 'interview',
    title: 'Discharge team',
    heldAt: '2018-11-06T10:30',
    kloeIds: [kloe.id],
    participants: [{ designation: 'Social worker', organisationId: detail.organisations[0]!.id, group: 'frontline_staff' }],
  });
  const tagId = newId();
  const words = 'Discharges waited for packages of care';
  await a.call('createTag', {
    sessionId: session.session.id,
    doc: { type: 'doc', content: [{ type: 'paragraph', attrs: { id: 'b1' }, content: [{ type: 'text', text: words, marks: [{ type: 'tag', attrs: { tagId } }] }] }] },
    tag: { id: tagId, kloeIds: [kloe.id], stance: 'concern' },
  });
  await a.call('addFinding', {
    reviewId,
    itemId: kloe.id,
    kind: 'improvement',
    doc: {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'People waited to leave hospital ' },
            { type: 'citation', attrs: { kind: 'passage', targetId: tagId, label: 'x' } },
            { type: 'text', text: ' .' },
          ],
        },
      ],
    },
  });
  return { a, reviewId };
}

describe('report sections', () => {
  it('leaves out an empty background and its heading, and lists cited passages under their own heading', { timeout: 30_000 }, async () => {
    const { a, reviewId } = await reviewCitingOnlyAPassage();
    const md = await buildReport(a.context, { reviewId, format: 'md', allowNames: 'all', inlineImages: true }, control);
    if (md.blocked) throw new Error('blocked');
    const markdown = md.bytes.toString();
    expect(markdown).not.toContain('Introduction and context');
    expect(markdown).toContain('### Passages cited');
    expect(markdown).not.toContain('No evidence has been cited yet.');
    expect(markdown).toMatch(/People waited to leave hospital \\\[.+?\\\]\./);
    expect(markdown).toContain('We spoke with 1 person in 1 interview, focus group or other session.');

    const docx = await buildReport(a.context, { reviewId, format: 'docx', allowNames: 'all' }, control);
    if (docx.blocked) throw new Error('blocked');
    const file = path.join(tempDir(), 'report.docx');
    fs.writeFileSync(file, docx.bytes);
    const text = docxText(file, PizZip);
    expect(text).not.toContain('Introduction and context');
    expect(text).toContain('Passages cited');
    expect(text).not.toContain('Each finding cites the evidence behind it by reference code.');
    expect(text).toContain('We spoke with 1 person in 1 interview, focus group or other session.');
    expect(text).not.toMatch(/[{}]/);

    const html = await buildReport(a.context, { reviewId, format: 'html', allowNames: 'all' }, control);
    if (html.blocked) throw new Error('blocked');
    expect(html.bytes.toString()).not.toContain('Introduction and context');
    expect(html.bytes.toString()).toContain('<h3>Passages cited</h3>');
  });
});

describe('the evidence table in Word', () => {
  it('holds one row per cited item under a header row repeated on every page, with hostile titles kept as text', { timeout: 30_000 }, async () => {
    const { a, reviewId } = await reviewCitingOnlyAPassage();
    const kloe = (await a.call('listFindings', { reviewId }))[0]!;
    const titles = ['Board <w:p> minutes & "notes"', 'Plan\u0001 with a control character', 'Winter plan'];
    const items = [];
    for (const title of titles) items.push(await a.call('addEvidence', { reviewId, kind: 'document', title }));
    await a.call('addFinding', {
      reviewId,
      itemId: kloe.itemId,
      kind: 'strength',
      doc: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Plans were shared ' },
              ...items.map((e) => ({ type: 'citation' as const, attrs: { kind: 'evidence' as const, targetId: e.id, label: e.code } })),
            ],
          },
        ],
      },
    });
    const docx = await buildReport(a.context, { reviewId, format: 'docx', allowNames: 'all', include: 'drafts' }, control);
    if (docx.blocked) throw new Error('blocked');
    const xml = new PizZip(docx.bytes).file('word/document.xml')!.asText();
    const table = /<w:tbl>(?:(?!<\/w:tbl>)[\s\S])*?Cited in[\s\S]*?<\/w:tbl>/.exec(xml)?.[0] ?? '';
    const rows = table.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? [];
    expect(rows).toHaveLength(1 + titles.length);
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(rows.every((r) => r.includes('<w:cantSplit/>'))).toBe(true);
    expect(rows.slice(1).some((r) => r.includes('<w:tblHeader/>'))).toBe(false);
    expect(table).toContain('Board &lt;w:p&gt; minutes &amp; &quot;notes&quot;');
    expect(table).toContain('Plan with a control character');
    expect(xml).not.toContain('fieldbook-evidence-table-');
    const file = path.join(tempDir(), 'table.docx');
    fs.writeFileSync(file, docx.bytes);
    expect(docxText(file, PizZip)).toContain(`${items[0]!.code}\nBoard <w:p> minutes & "notes"`);
  });
});

describe('charts sized to the page', () => {
  it('draws a chart 16 cm wide, and a tall one narrower so that it fits the page body', async () => {
    const { pictureXml } = await import('../../main/services/report/docx');
    const extent = (heightPx: number) => {
      const xml = pictureXml({ key: 'k', caption: 'c', png: new Uint8Array(), widthPx: 1280, heightPx }, 'rId1', 1);
      const [cx, cy] = (/<wp:extent cx="(\d+)" cy="(\d+)"/.exec(xml) ?? []).slice(1).map((n) => Number(n) / 360000);
      return { width: cx!, height: cy! };
    };
    expect(extent(640)).toEqual({ width: 16, height: 8 });
    const tall = extent(2560);
    expect(tall.height).toBeCloseTo(22, 1);
    expect(tall.width).toBeCloseTo(11, 1);
  });
});
