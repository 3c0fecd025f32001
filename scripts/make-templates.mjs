// Builds the default report templates in resources/templates/ with the docx library. Run by a
// developer after changing them (node scripts/make-templates.mjs); the .docx files are committed,
// and a report writer copies one and edits it in Word or LibreOffice.
import fs from 'node:fs';
import path from 'node:path';
import { AlignmentType, Document, Footer, HeadingLevel, Packer, PageNumber, Paragraph, TextRun } from 'docx';

const out = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'resources', 'templates');
const p = (text, options = {}) => new Paragraph({ children: [new TextRun(text)], ...options });
const h1 = (text) => new Paragraph({ text, heading: HeadingLevel.HEADING_1, pageBreakBefore: true });
const h2 = (text) => new Paragraph({ text, heading: HeadingLevel.HEADING_2 });
const h3 = (text) => new Paragraph({ text, heading: HeadingLevel.HEADING_3 });
const tag = (text) => p(text); // a paragraph holding only a loop or condition tag: docxtemplater removes it
const keptWithNext = (text) => new Paragraph({ children: [new TextRun(text)], keepNext: true });
const bullet = (text) => new Paragraph({ children: [new TextRun(text)], bullet: { level: 0 } });
const image = (key) => new Paragraph({ children: [new TextRun(`{@${key}}`)], alignment: AlignmentType.CENTER });
const caption = (text) => new Paragraph({ children: [new TextRun({ text, italics: true })], alignment: AlignmentType.CENTER, spacing: { after: 240 } });

const titlePage = (kindLine) => [
  new Paragraph({ text: '{title}', heading: HeadingLevel.TITLE, spacing: { before: 2400 } }),
  p(kindLine, { spacing: { after: 240 } }),
  p('Dates of the visit: {visitDates}'),
  p('Report produced: {generated}'),
  p('This report names nobody who uses services. People are described by their role and organisation.', { spacing: { before: 2400 } }),
];

const background = [
  h1('Background to the review'),
  tag('{#hasBackground}'),
  h2('Introduction and context'),
  p('{background}'),
  tag('{/hasBackground}'),
  h2('How we carried out the review'),
  p('{teamSentence}'),
  h3('What we looked at'),
  tag('{#hasSessionsLookedAt}'),
  keptWithNext('Interviews, focus groups and other sessions:'),
  tag('{#sessionsLookedAt}'),
  bullet('{what}: {count}'),
  tag('{/sessionsLookedAt}'),
  tag('{/hasSessionsLookedAt}'),
  tag('{#hasEvidenceLookedAt}'),
  keptWithNext('Evidence logged:'),
  tag('{#evidenceLookedAt}'),
  bullet('{what}: {count}'),
  tag('{/evidenceLookedAt}'),
  tag('{/hasEvidenceLookedAt}'),
  h3('The people we spoke with'),
  p('{spokeWithSentence}'),
  tag('{#spokeWith}'),
  bullet('{group}: {count}'),
  tag('{/spokeWith}'),
  p('By organisation:'),
  tag('{#spokeWithOrganisations}'),
  bullet('{organisation}: {count}'),
  tag('{/spokeWithOrganisations}'),
];

const figures = [
  tag('{#hasFigures}'),
  h2('System performance against key indicators'),
  p('The figures compare the area with the England average and with comparator areas of similar size and population.'),
  tag('{#figures}'),
  image('image'),
  caption('{caption}'),
  tag('{/figures}'),
  tag('{/hasFigures}'),
];

const audit = [
  tag('{#hasAudit}'),
  h2('How relationships across the system are working'),
  tag('{#audit}'),
  p('{sentence}'),
  image('heatMapImage'),
  caption('How each organisation rates its relationships with the others. Cells with too few respondents to protect anonymity are not shown.'),
  image('barsImage'),
  caption('Mean score by domain (1 strongly disagree to 5 strongly agree).'),
  p('{domainsSentence}'),
  keptWithNext('Statements scoring highest:'),
  tag('{#bestItems}'),
  bullet('{line}'),
  tag('{/bestItems}'),
  keptWithNext('Statements scoring lowest:'),
  tag('{#worstItems}'),
  bullet('{line}'),
  tag('{/worstItems}'),
  tag('{/audit}'),
  tag('{/hasAudit}'),
];

/** Areas for improvement grouped by priority (strategic, operational, engagement). */
const priorities = [
  tag('{#hasPriorities}'),
  h2('Areas for improvement'),
  tag('{#priorities}'),
  h3('{group}'),
  tag('{#items}'),
  bullet('{text}'),
  tag('{/items}'),
  tag('{/priorities}'),
  tag('{/hasPriorities}'),
];
/** A theme's summary, inside {#themes}, when it has one. */
const summary = [tag('{#hasSummary}'), p('{summary}'), tag('{/hasSummary}')];

const findingList = (loop, heading) => [
  tag(`{#has${loop[0].toUpperCase()}${loop.slice(1)}}`),
  h3(heading),
  tag(`{#${loop}}`),
  bullet('{text}'),
  tag(`{/${loop}}`),
  tag(`{/has${loop[0].toUpperCase()}${loop.slice(1)}}`),
];

/** The end of every report: the audit, leaders' reflections, areas for focus, the appendix. */
const closing = (focusHeading) => [
  ...audit,
  tag('{#hasReflections}'),
  h2('Reflections of system leaders'),
  p('{reflections}'),
  tag('{/hasReflections}'),
  h1(focusHeading),
  h2('Areas for future focus'),
  tag('{#focus}'),
  bullet('{line}'),
  tag('{/focus}'),
  ...appendix,
];

const appendix = [
  h1('Appendix: evidence cited'),
  tag('{#hasEvidenceIndex}'),
  tag('{#hasEvidenceTable}'),
  p('Each finding cites the evidence behind it by reference code.'),
  // The table is written by Fieldbook (header row repeated on every page, rows never split): a
  // loop over {#evidenceIndex} with {code} {title} {kind} {date} {citedIn} works too, slower.
  image('evidenceTable'),
  p(''),
  tag('{/hasEvidenceTable}'),
  tag('{#hasPassageIndex}'),
  h2('Passages cited'),
  p('What people told us, cited by who said it and when, and where each passage is cited.'),
  tag('{#passageIndex}'),
  bullet('{label} ({session}), cited in {citedIn}'),
  tag('{/passageIndex}'),
  tag('{/hasPassageIndex}'),
  tag('{/hasEvidenceIndex}'),
  tag('{^hasEvidenceIndex}'),
  p('No evidence has been cited yet.'),
  tag('{/hasEvidenceIndex}'),
];

const footer = {
  default: new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun('{area}: {reviewKind} · page '), new TextRun({ children: [PageNumber.CURRENT] })] })],
  }),
};
// Styles a report writer can change in Word (Home > Styles): the template's look lives here.
const heading = (id, name, size, colour, before) => ({
  id,
  name,
  basedOn: 'Normal',
  next: 'Normal',
  quickFormat: true,
  run: { size, bold: true, color: colour, font: 'Arial' },
  paragraph: { spacing: { before, after: 120 }, keepNext: true },
});
const styles = {
  default: { document: { run: { font: 'Arial', size: 22 }, paragraph: { spacing: { after: 120 } } } },
  paragraphStyles: [
    heading('Title', 'Title', 56, '00615E', 0),
    heading('Heading1', 'Heading 1', 36, '00615E', 0),
    heading('Heading2', 'Heading 2', 28, '1D2433', 360),
    heading('Heading3', 'Heading 3', 24, '00615E', 240),
  ],
};

const progress = new Document({
  creator: 'Fieldbook',
  title: 'Progress review report',
  styles,
  numbering: { config: [] },
  sections: [
    { children: titlePage('Local system review: progress review of {area}') },
    {
      footers: footer,
      children: [
        h1('Summary of findings'),
        ...priorities,
        h2('Progress made'),
        tag('{#themes}'),
        tag('{#hasProgressMade}'),
        h3('{title}'),
        tag('{#progressMade}'),
        bullet('{text}'),
        tag('{/progressMade}'),
        tag('{/hasProgressMade}'),
        tag('{/themes}'),
        ...background,
        h1('Detailed findings'),
        ...figures,
        h2('System progress against the action plan'),
        tag('{#themes}'),
        h3('{title}'),
        ...summary,
        ...findingList('progressMade', 'What improvements have been made'),
        ...findingList('stillNeeded', 'What improvements are still needed'),
        ...findingList('strengths', 'Strengths'),
        ...findingList('improvements', 'Areas for improvement'),
        tag('{/themes}'),
        ...closing('Direction of travel'),
      ],
    },
  ],
});

const lsr = new Document({
  creator: 'Fieldbook',
  title: 'Local system review report',
  styles,
  sections: [
    { children: titlePage('{reviewKind} of {area}') },
    {
      footers: footer,
      children: [
        h1('Summary of findings'),
        tag('{#themes}'),
        tag('{#hasSummary}'),
        h3('{title}'),
        p('{summary}'),
        tag('{/hasSummary}'),
        tag('{/themes}'),
        ...priorities,
        ...background,
        h1('Detailed findings'),
        ...figures,
        tag('{#themes}'),
        h2('{code} {title}'),
        ...summary,
        ...findingList('strengths', 'What is working well'),
        ...findingList('improvements', 'What needs to improve'),
        ...findingList('progressMade', 'Progress made'),
        ...findingList('stillNeeded', 'Improvements still needed'),
        tag('{/themes}'),
        ...closing('Next steps'),
      ],
    },
  ],
});

fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'progress-review.docx'), await Packer.toBuffer(progress));
fs.writeFileSync(path.join(out, 'local-system-review.docx'), await Packer.toBuffer(lsr));
console.log(`Templates written to ${out}`);
