import { describe, expect, it } from 'vitest';
import { groupCodes, paragraphsOf, type FindingNode } from '../../shared/findings/doc';
import { asSentence, auditSentence, headedItem, spokeWithSentence, statementList } from '../../shared/report/sentences';

/** The report's own sentences read right whatever the numbers (issue: "2 people in 1 interviews"). */
describe("the report's sentences", () => {
  it('counts people and sessions in the singular and the plural', () => {
    expect(spokeWithSentence(2, 1)).toBe('We spoke with 2 people in 1 interview, focus group or other session.');
    expect(spokeWithSentence(1, 1)).toBe('We spoke with 1 person in 1 interview, focus group or other session.');
    expect(spokeWithSentence(182, 45)).toBe('We spoke with 182 people in 45 interviews, focus groups and other sessions.');
    expect(spokeWithSentence(0, 0)).toBe('No interviews, focus groups or other sessions have been recorded yet.');
  });

  it('writes thousands with a comma and one respondent as a person', () => {
    expect(auditSentence(20, 1900)).toMatch(/^20 people answered the relational audit, giving 1,900 ratings of how/);
    expect(auditSentence(1, 1)).toMatch(/^1 person answered the relational audit, giving 1 rating of how/);
  });

  it("joins a heading and its text without doubling a heading's own punctuation", () => {
    expect(headedItem('Winter planning', 'Beds opened late.')).toBe('Winter planning: Beds opened late.');
    expect(headedItem("How well do services meet people's needs?", 'People wait.')).toBe("How well do services meet people's needs? People wait.");
    expect(headedItem('Carers', '  ')).toBe('Carers');
  });

  it('puts punctuation typed after a citation against it, as a writer would', () => {
    const cite = (label: string): FindingNode => ({ type: 'citation', attrs: { kind: 'evidence', targetId: '0195a1b2-0000-7000-8000-000000000001', label } });
    const text = (t: string): FindingNode => ({ type: 'text', text: t });
    const doc: FindingNode = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            text('Beds opened late '),
            cite('E012'),
            text(' . Partners agreed '),
            cite('E013'),
            text(' , then '),
            cite('E014'),
            text(' (twice '),
            cite('E015'),
            text(' ).'),
          ],
        },
        { type: 'paragraph', content: [text('See '), cite('E016'), text(' and '), cite('E017'), text(' for more [sic] .')] },
      ],
    };
    expect(paragraphsOf(doc)).toEqual(['Beds opened late [E012]. Partners agreed [E013], then [E014] (twice [E015]).', 'See [E016] and [E017] for more [sic].']);
  });

  it('ends each finding as a sentence, after the citations that close it', () => {
    expect(asSentence('Delays persisted where packages of care were not ready, as shown in [E076\u2013E100]')).toBe(
      'Delays persisted where packages of care were not ready, as shown in [E076\u2013E100].',
    );
    expect(asSentence('Beds opened late')).toBe('Beds opened late.');
    expect(asSentence('Beds opened late, ')).toBe('Beds opened late.');
    expect(asSentence('Beds opened late. [E012] [Carer, 6 Nov 2018]')).toBe('Beds opened late. [E012] [Carer, 6 Nov 2018]');
    expect(asSentence('Did partners plan together?')).toBe('Did partners plan together?');
    expect(asSentence('A carer said \u201cnobody called me back.\u201d')).toBe('A carer said \u201cnobody called me back.\u201d');
    expect(asSentence('Three things stood out:')).toBe('Three things stood out:');
    expect(asSentence('[E012]')).toBe('[E012]');
    expect(asSentence('')).toBe('');
  });

  it('names audit statements by their wording and score, not by code alone', () => {
    const statements = new Map([
      ['COM1', { text: 'We share a common purpose for older people in this area.', mean: 4.2 }],
      ['PAR2', { text: 'Decisions affecting both of us are made jointly', mean: 1.8 }],
      ['DIR9', { text: 'Never answered', mean: null }],
    ]);
    expect(statementList(['COM1', 'PAR2'], statements)).toBe(
      'COM1 \u2018We share a common purpose for older people in this area\u2019 (4.20); PAR2 \u2018Decisions affecting both of us are made jointly\u2019 (1.80)',
    );
    expect(statementList(['DIR9', 'XYZ'], statements)).toBe('DIR9 \u2018Never answered\u2019; XYZ');
  });

  it('prints a run of evidence codes cited together as one citation, ranges where they are consecutive', () => {
    expect(groupCodes('Waits grew [E4726] [E4727] [E4728] [E4729].')).toBe('Waits grew [E4726\u2013E4729].');
    expect(groupCodes('See [E012][E015] [E016] [E017] [E013].')).toBe('See [E012, E013, E015\u2013E017].');
    expect(groupCodes('Two [E012] [E013] and one [E020] alone.')).toBe('Two [E012, E013] and one [E020] alone.');
    expect(groupCodes('A passage [Carer, 6 Nov] [E012] stays apart.')).toBe('A passage [Carer, 6 Nov] [E012] stays apart.');
    expect(groupCodes('Repeated [E012] [E012].')).toBe('Repeated [E012].');
  });
});

describe('lists a reader takes in at once', () => {
  it('names the domain means in one sentence', async () => {
    const { domainsSentence } = await import('../../shared/report/sentences');
    expect(domainsSentence([{ domain: 'Directness', mean: '3.14' }])).toBe('Mean scores by domain (1 to 5): Directness 3.14.');
    expect(
      domainsSentence([
        { domain: 'Directness', mean: '3.14' },
        { domain: 'Parity', mean: '—' },
        { domain: 'Commonality', mean: '2.50' },
      ]),
    ).toBe('Mean scores by domain (1 to 5): Directness 3.14, Parity — and Commonality 2.50.');
    expect(domainsSentence([])).toBe('');
  });
});
