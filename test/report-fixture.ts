import fs from 'node:fs';
import { findingFromText, type FindingNode } from '../shared/findings/doc';
import type { MethodName, Request, Response } from '../shared/api/contract';

/** Anything that calls the API: a TestApp, or the preview server in e2e tests. */
export interface Caller {
  call<M extends MethodName>(method: M, request: Request<M>): Promise<Response<M>>;
}

const cite = (text: string, targetId: string, label: string, after = ''): FindingNode => ({
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [{ type: 'text', text }, { type: 'citation', attrs: { kind: 'evidence', targetId, label } }, ...(after ? [{ type: 'text' as const, text: after }] : [])],
    },
  ],
});

/**
 * The demo review with what a report draws on: sessions with participants (one with a recorded
 * real name), evidence, audit answers, the seed's indicator figures, and findings citing evidence.
 * `plantName` puts a quoted name into one finding, for the names check.
 */
export async function reportFixture(a: Caller, options: { plantName?: boolean } = {}) {
  const detail = await a.call('createDemoReview', {});
  const reviewId = detail.review.id;
  const org = (short: string) => detail.organisations.find((o) => o.shortName === short)?.id ?? null;
  const theme = (title: string) => detail.framework.find((f) => f.title === title)?.id ?? '';
  for (const [title, kind, people] of [
    [
      'Discharge team interview',
      'interview',
      [
        { designation: 'Discharge coordinator', organisationId: org('OUHFT'), group: 'frontline_staff', realName: 'Margaret Thornbury' },
        { designation: 'Ward manager', organisationId: org('OUHFT'), group: 'frontline_staff' },
      ],
    ],
    [
      'Carers focus group',
      'focus_group',
      [
        { designation: 'Carer', organisationId: null, group: 'carer' },
        { designation: 'Carer', organisationId: null, group: 'carer' },
        { designation: 'Carers support worker', organisationId: org('OCC'), group: 'vcse' },
      ],
    ],
    ['System leaders', 'interview', [{ designation: 'Director of adult social services', organisationId: org('OCC'), group: 'system_leader' }]],
  ] as const) {
    const session = await a.call('createSession', { reviewId, kind, title, kloeIds: [], consentNoted: true, status: 'final' });
    await a.call('saveParticipants', { sessionId: session.session.id, participants: people.map((p) => ({ ...p })) });
  }
  const winterPlan = await a.call('addEvidence', { reviewId, kind: 'document', title: 'Winter plan 2018/19', summary: 'Signed by every partner.' });
  const dtoc = await a.call('addEvidence', { reviewId, kind: 'data', title: 'Delayed transfers of care, July 2018' });
  await a.call('addEvidence', { reviewId, kind: 'observation', title: 'Daily board round, OUHFT' });
  const csv = ['respondent,organisation,role,about,statement,score,comment'];
  for (let r = 0; r < 6; r += 1)
    for (const about of ['OUHFT', 'OHFT'])
      for (const code of ['DIR1', 'CON1', 'MUL1', 'PAR1', 'COM1']) csv.push(`R${r},OCC,${r % 2 ? 'frontline' : 'system leader'},${about},${code},${1 + ((r + code.length) % 5)},`);
  await a.call('importAuditCsv', { reviewId, text: csv.join('\n'), skipInvalid: false });
  await a.call('addFinding', {
    reviewId,
    itemId: theme('Winter planning'),
    kind: 'progress_made',
    doc: cite('Partners agreed a single winter plan ', winterPlan.id, winterPlan.code, ' and tested it in October.'),
  });
  await a.call('addFinding', {
    reviewId,
    itemId: theme('Winter planning'),
    kind: 'still_needed',
    priority: 'operational',
    doc: cite('Delayed transfers rose again in July ', dtoc.id, dtoc.code),
  });
  await a.call('addFinding', {
    reviewId,
    itemId: theme('Carers'),
    kind: 'still_needed',
    priority: 'engagement',
    doc: findingFromText(options.plantName ? 'A carer said “Mrs Hollingsworth never called me back” about the assessment.' : 'Carers were not routinely offered an assessment.'),
  });
  await a.call('addFinding', {
    reviewId,
    itemId: theme('Culture and collaboration'),
    kind: 'progress_made',
    doc: findingFromText('Leaders described a new sense of shared endeavour.'),
  });
  await a.call('saveSummary', { reviewId, itemId: theme('Winter planning'), doc: findingFromText('Winter planning had improved, but delays persisted.') });
  await a.call('saveReportText', { reviewId, section: 'reflections', doc: findingFromText('Leaders said the review had given them a shared agenda.') });
  return { reviewId, winterPlan, dtoc };
}

/** The text of a DOCX's main document, for assertions. */
export function docxText(file: string, PizZip: new (data: Buffer) => { file: (name: string) => { asText: () => string } | null }): string {
  const xml = new PizZip(fs.readFileSync(file)).file('word/document.xml')?.asText() ?? '';
  return xml
    .replace(/<w:p[ >]/g, '\n$&')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}
