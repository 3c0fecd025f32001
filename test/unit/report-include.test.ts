import fs from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';
import { afterEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../main/services/report/export';
import { addDraftHeader } from '../../main/services/report/draft-header';
import { DRAFT_HEADER, countsSentence } from '../../shared/report/include';
import { findingFromText, type FindingNode } from '../../shared/findings/doc';
import { cli, tempDir, testApps } from '../helpers';

/** A report holds agreed findings only unless drafts are asked for; then they are marked, and so is every page. */
const app = testApps(afterEach);
const control = { progress: () => undefined, cancelled: () => false };

const citing = (text: string, targetId: string, label: string): FindingNode => ({
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text },
        { type: 'citation', attrs: { kind: 'evidence', targetId, label } },
        { type: 'text', text: '.' },
      ],
    },
  ],
});

/** One agreed finding citing E1, one ready for review, one draft citing E2 only. */
async function reviewWithStatuses(agreeOne = true) {
  const a = app();
  const detail = await a.call('createReview', { title: 'Kent local system review', kind: 'local_system_review', area: 'Kent', organisations: [] });
  const reviewId = detail.review.id;
  const kloe = detail.framework.find((i) => i.kind === 'kloe')!;
  const plan = await a.call('addEvidence', { reviewId, kind: 'document', title: 'Winter plan agreed by partners' });
  const minutes = await a.call('addEvidence', { reviewId, kind: 'document', title: 'Board minutes only a draft cites' });
  const add = async (kind: 'strength' | 'improvement', doc: FindingNode) => {
    const items = await a.call('addFinding', { reviewId, itemId: kloe.id, kind, priority: null, doc });
    return items.find((i) => i.itemId === kloe.id)!.findings.at(-1)!.id;
  };
  const agreed = await add('strength', citing('Partners planned winter together ', plan.id, plan.code));
  const ready = await add('improvement', findingFromText('Carers were not told about respite'));
  await add('improvement', citing('Board minutes showed no discharge targets ', minutes.id, minutes.code));
  await a.call('setFindingStatus', { findingId: ready, status: 'ready' });
  if (agreeOne) {
    await a.call('setFindingStatus', { findingId: agreed, status: 'ready' });
    await a.call('setFindingStatus', { findingId: agreed, status: 'agreed' });
  }
  return { a, reviewId, plan, minutes };
}

/** Every header a page of this document can show, as text. */
function pageHeaders(bytes: Buffer): { sections: number; headers: string[][] } {
  const zip = new PizZip(bytes);
  const document = zip.file('word/document.xml')!.asText();
  const rels = zip.file('word/_rels/document.xml.rels')!.asText();
  const target = (rId: string) => `word/${new RegExp(`Id="${rId}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rId}"`).exec(rels)?.[1]}`;
  const sections = [...document.matchAll(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
  const headers = sections.map((section) => {
    const types = ['default', ...(/<w:titlePg\/>/.test(section) ? ['first'] : [])];
    return types.map((type) => {
      const rId = new RegExp(`<w:headerReference w:type="${type}" r:id="([^"]+)"`).exec(section)?.[1];
      if (!rId) return '';
      return (zip.file(target(rId))?.asText() ?? '').replace(/<[^>]+>/g, '');
    });
  });
  return { sections: sections.length, headers };
}

describe('agreed findings only, or drafts marked', () => {
  it('holds only agreed findings by default once any is agreed, and says what it left out', { timeout: 30_000 }, async () => {
    const { a, reviewId, plan, minutes } = await reviewWithStatuses();
    expect(await a.call('getReportChoices', { reviewId })).toEqual({ findings: { draft: 1, ready: 1, agreed: 1 }, include: 'agreed' });
    const report = await buildReport(a.context, { reviewId, format: 'md', allowNames: 'all', inlineImages: true }, control);
    if (report.blocked) throw new Error('blocked');
    const md = report.bytes.toString();
    expect(md).toContain('Partners planned winter together');
    expect(md).not.toContain('Carers were not told');
    expect(md).not.toContain('Board minutes showed');
    // Evidence cited only by a left-out draft is not in the index either.
    expect(md).toContain(plan.code);
    expect(md).not.toContain(minutes.code);
    expect(md).not.toContain('DRAFT');
    expect(md).not.toContain('[Draft]');
    expect(report.include).toBe('agreed');
    expect(report.included).toEqual({ draft: 0, ready: 0, agreed: 1 });

    const docx = await buildReport(a.context, { reviewId, format: 'docx', allowNames: 'all' }, control);
    if (docx.blocked) throw new Error('blocked');
    expect(pageHeaders(docx.bytes).headers.flat().join(' ')).not.toContain('DRAFT');
  });

  it('with drafts, marks each unagreed finding in the text and puts DRAFT at the top of every page', { timeout: 30_000 }, async () => {
    const { a, reviewId, minutes } = await reviewWithStatuses();
    const md = await buildReport(a.context, { reviewId, format: 'md', allowNames: 'all', inlineImages: true, include: 'drafts' }, control);
    if (md.blocked) throw new Error('blocked');
    const text = md.bytes.toString();
    expect(text.split('\n')[0]).toContain(DRAFT_HEADER);
    expect(text).toContain('\\[Ready for review\\] Carers were not told');
    expect(text).toContain('\\[Draft\\] Board minutes showed');
    expect(text).not.toContain('\\[Draft\\] Partners planned');
    // In areas for future focus the mark leads the item, before the KLOE's title.
    expect(text).toMatch(/\n- \\\[Draft\\\] [^\n]+[:?] Board minutes showed/);
    expect(text).not.toMatch(/[:?] \\\[Draft\\\] Board minutes showed/);
    expect(text).toContain(minutes.code);
    expect(md.included).toEqual({ draft: 1, ready: 1, agreed: 1 });

    const docx = await buildReport(a.context, { reviewId, format: 'docx', allowNames: 'all', include: 'drafts' }, control);
    if (docx.blocked) throw new Error('blocked');
    const { sections, headers } = pageHeaders(docx.bytes);
    expect(sections).toBeGreaterThan(1);
    // Every page of every section, the title page included (a first-page header where there is one).
    expect(headers.flat()).toHaveLength(headers.length);
    for (const header of headers.flat()) expect(header).toContain(DRAFT_HEADER);

    const html = await buildReport(a.context, { reviewId, format: 'html', allowNames: 'all', include: 'drafts' }, control);
    if (html.blocked) throw new Error('blocked');
    expect(html.bytes.toString()).toContain(`@top-center{content:"${DRAFT_HEADER}"`);
    expect(html.bytes.toString()).toContain(`<p class="draft-banner" role="note">${DRAFT_HEADER}</p>`);
  });

  it('holds every finding, marked, when nothing is agreed yet', { timeout: 30_000 }, async () => {
    const { a, reviewId } = await reviewWithStatuses(false);
    expect((await a.call('getReportChoices', { reviewId })).include).toBe('drafts');
    const md = await buildReport(a.context, { reviewId, format: 'md', allowNames: 'all', inlineImages: true }, control);
    if (md.blocked) throw new Error('blocked');
    expect(md.include).toBe('drafts');
    expect(md.bytes.toString()).toContain('\\[Draft\\] Partners planned');
  });

  it('a report of agreed findings only carries no DRAFT line even when asked for drafts', { timeout: 30_000 }, async () => {
    const { a, reviewId } = await reviewWithStatuses();
    const items = await a.call('listFindings', { reviewId });
    for (const f of items.flatMap((i) => i.findings).filter((f) => f.status !== 'agreed')) {
      if (f.status === 'draft') await a.call('setFindingStatus', { findingId: f.id, status: 'ready' });
      await a.call('setFindingStatus', { findingId: f.id, status: 'agreed' });
    }
    const md = await buildReport(a.context, { reviewId, format: 'md', allowNames: 'all', inlineImages: true, include: 'drafts' }, control);
    if (md.blocked) throw new Error('blocked');
    expect(md.bytes.toString()).not.toContain('DRAFT');
  });

  it('the CLI takes --include, says what went in and what was left out, and refuses a bad choice', { timeout: 60_000 }, async () => {
    const { a, reviewId } = await reviewWithStatuses();
    const db = a.databasePath;
    a.close();
    const out = path.join(tempDir(), 'r.md');
    const agreed = await cli('--db', db, 'export', reviewId, '--out', out);
    expect(agreed.code, agreed.err).toBe(0);
    expect(agreed.out).toContain('With 1 agreed finding.');
    expect(agreed.out).toContain('Left out: 1 finding ready for review and 1 draft finding (--include drafts puts them in, marked).');
    const drafts = await cli('--db', db, 'export', reviewId, '--out', out, '--include', 'drafts', '--json');
    expect(drafts.code, drafts.err).toBe(0);
    expect(JSON.parse(drafts.out)).toMatchObject({ include: 'drafts', findings: { draft: 1, ready: 1, agreed: 1 } });
    fs.rmSync(out);
    const bad = await cli('--db', db, 'export', reviewId, '--out', out, '--include', 'everything');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--include must be agreed or drafts (not "everything")');
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('the DRAFT line in any template', () => {
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const docx = (body: string, extra: Record<string, string> = {}, rels = '') => {
    const zip = new PizZip();
    zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>');
    zip.file('word/document.xml', `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
    zip.file('word/_rels/document.xml.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`);
    for (const [name, xml] of Object.entries(extra)) zip.file(name, xml);
    return zip;
  };

  it('adds a header to sections that have none, first pages and even pages included', () => {
    const zip = docx('<w:p/><w:sectPr><w:titlePg/></w:sectPr>', { 'word/settings.xml': `<w:settings ${W}><w:evenAndOddHeaders/></w:settings>` });
    addDraftHeader(zip, DRAFT_HEADER);
    const document = zip.file('word/document.xml')!.asText();
    for (const type of ['default', 'first', 'even']) expect(document).toContain(`<w:headerReference w:type="${type}" r:id="rIdFieldbookDraftHeader"`);
    expect(zip.file('word/fieldbook-draft-header.xml')!.asText()).toContain(DRAFT_HEADER);
    expect(zip.file('[Content_Types].xml')!.asText()).toContain('PartName="/word/fieldbook-draft-header.xml"');
    expect(zip.file('word/_rels/document.xml.rels')!.asText()).toContain('Target="fieldbook-draft-header.xml"');
  });

  it("writes into a template's own headers, once each, and leaves a switched-off title page alone", () => {
    const zip = docx(
      '<w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="rH1"/></w:sectPr></w:pPr></w:p><w:sectPr><w:headerReference w:type="default" r:id="rH1"/><w:titlePg w:val="0"/></w:sectPr>',
      { 'word/header1.xml': `<w:hdr ${W}><w:p><w:r><w:t>Kent</w:t></w:r></w:p></w:hdr>` },
      '<Relationship Id="rH1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>',
    );
    addDraftHeader(zip, DRAFT_HEADER);
    const header = zip.file('word/header1.xml')!.asText();
    expect(header.split(DRAFT_HEADER)).toHaveLength(2);
    expect(header).toContain('Kent');
    expect(zip.file('word/fieldbook-draft-header.xml')).toBeNull();
    expect(zip.file('word/document.xml')!.asText()).not.toContain('w:type="first"');
  });

  it('fills an empty self-closed header and a self-closed section', () => {
    const zip = docx('<w:p/><w:sectPr/>', {}, '');
    addDraftHeader(zip, 'DRAFT <&>');
    expect(zip.file('word/document.xml')!.asText()).toMatch(/<w:sectPr><w:headerReference w:type="default" r:id="rIdFieldbookDraftHeader"[^>]*\/><\/w:sectPr>/);
    expect(zip.file('word/fieldbook-draft-header.xml')!.asText()).toContain('DRAFT &lt;&amp;&gt;');
    const empty = docx(
      '<w:sectPr><w:headerReference w:type="default" r:id="rH1"/></w:sectPr>',
      { 'word/header1.xml': `<w:hdr ${W}/>` },
      '<Relationship Id="rH1" Type="x" Target="header1.xml"/>',
    );
    addDraftHeader(empty, DRAFT_HEADER);
    expect(empty.file('word/header1.xml')!.asText()).toMatch(new RegExp(`<w:hdr [^>]*>.*${DRAFT_HEADER}.*</w:hdr>$`));
  });
});

describe('what goes in, in words', () => {
  it('counts each status with its own noun and plural', () => {
    expect(countsSentence({ draft: 0, ready: 0, agreed: 0 })).toBe('no findings');
    expect(countsSentence({ draft: 0, ready: 0, agreed: 1 })).toBe('1 agreed finding');
    expect(countsSentence({ draft: 3, ready: 1, agreed: 1200 })).toBe('1,200 agreed findings, 1 finding ready for review and 3 draft findings');
    expect(countsSentence({ draft: 1, ready: 2, agreed: 0 })).toBe('2 findings ready for review and 1 draft finding');
  });
});
