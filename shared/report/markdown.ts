import type { ReportFinding, ReportModel } from './model';

/** The report as Markdown; charts are linked as image files written beside it. */
const md = (text: string) => text.replace(/([\\`*_[\]#<>|])/g, '\\$1');
const bullets = (items: readonly string[]) => items.map((i) => `- ${md(i)}`).join('\n');
const findings = (title: string, list: ReportFinding[]) => (list.length ? `#### ${title}\n\n${bullets(list.map((f) => f.text.replace(/\n/g, ' ')))}\n` : '');

export function reportMarkdown(model: ReportModel, imageFiles: ReadonlyMap<string, string>): string {
  const progress = model.isProgressReview;
  const image = (key: string, caption: string) => (imageFiles.has(key) ? `![${md(caption)}](${imageFiles.get(key) ?? ''})\n\n*${md(caption)}*\n` : '');
  const out: string[] = [
    ...(model.isDraft ? [`> **${md(model.draftHeader)}**`] : []),
    `# ${md(model.title)}`,
    `${md(model.reviewKind)}: ${md(model.area)}. Dates of the visit: ${md(model.visitDates)}. Report produced: ${md(model.generated)}.`,
    '## Summary of findings',
    ...(model.hasPriorities ? ['### Areas for improvement', ...model.priorities.map((p) => `#### ${md(p.group)}\n\n${bullets(p.items.map((i) => i.text))}`)] : []),
    ...(progress ? ['### Progress made', ...model.themes.filter((t) => t.hasProgressMade).map((t) => `#### ${md(t.title)}\n\n${bullets(t.progressMade.map((f) => f.text))}`)] : []),
    '## Background to the review',
    ...(model.hasBackground ? ['### Introduction and context', md(model.background)] : []),
    '### How we carried out the review',
    md(model.teamSentence),
    '#### What we looked at',
    ...(model.hasSessionsLookedAt ? ['Interviews, focus groups and other sessions:', bullets(model.sessionsLookedAt.map((l) => `${l.what}: ${l.count}`))] : []),
    ...(model.hasEvidenceLookedAt ? ['Evidence logged:', bullets(model.evidenceLookedAt.map((l) => `${l.what}: ${l.count}`))] : []),
    '#### The people we spoke with',
    model.spokeWithSentence,
    bullets(model.spokeWith.map((s) => `${s.group}: ${s.count}`)),
    '## Detailed findings',
    ...(model.hasFigures ? ['### System performance against key indicators', ...model.figures.map((f) => image(f.key, f.caption))] : []),
    `### ${progress ? 'System progress against the action plan' : 'Findings'}`,
    ...model.themes.map((t) =>
      [
        `### ${md(t.title)}`,
        md(t.summary),
        findings('What improvements have been made', t.progressMade),
        findings('What improvements are still needed', t.stillNeeded),
        findings('Strengths', t.strengths),
        findings('Areas for improvement', t.improvements),
      ]
        .filter(Boolean)
        .join('\n\n'),
    ),
    ...(model.audit
      ? [
          '### How relationships across the system are working',
          model.audit.sentence,
          image(model.audit.heatMapKey, 'How each organisation rates its relationships with the others'),
          image(model.audit.barsKey, 'Mean score by domain (1–5)'),
          md(model.audit.domainsSentence),
          `Statements scoring highest:\n\n${bullets(model.audit.bestItems.map((i) => i.line))}`,
          `Statements scoring lowest:\n\n${bullets(model.audit.worstItems.map((i) => i.line))}`,
        ]
      : []),
    ...(model.hasReflections ? ['### Reflections of system leaders', md(model.reflections)] : []),
    `## ${progress ? 'Direction of travel' : 'Next steps'}`,
    '### Areas for future focus',
    bullets(model.focus.map((f) => f.line)),
    '## Appendix: evidence cited',
    model.hasEvidenceTable
      ? [
          '| Code | Evidence | Kind | Date | Cited in |',
          '| --- | --- | --- | --- | --- |',
          ...model.evidenceIndex.map((e) => `| ${md(e.code)} | ${md(e.title)} | ${md(e.kind)} | ${md(e.date)} | ${md(e.citedIn)} |`),
        ].join('\n')
      : model.hasPassageIndex
        ? ''
        : 'No evidence has been cited yet.',
    ...(model.hasPassageIndex ? ['### Passages cited', bullets(model.passageIndex.map((p) => `${p.label} (${p.session}), cited in ${p.citedIn}`))] : []),
  ];
  return `${out.filter((block) => block.trim() !== '').join('\n\n')}\n`;
}
