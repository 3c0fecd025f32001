import type { ReportFinding, ReportModel, ReportTheme } from './model';

/**
 * The report as one self-contained HTML page (charts inlined as data URIs): what the app prints
 * to PDF and what a reader opens in a browser. Every piece of text is escaped.
 */
const esc = (text: string) => text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);
const para = (text: string) =>
  text.trim()
    ? text
        .split(/\n+/)
        .map((line) => `<p>${esc(line)}</p>`)
        .join('')
    : '';
const list = (items: readonly string[]) => (items.length ? `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>` : '');
const findingList = (title: string, findings: ReportFinding[]) => (findings.length ? `<h4>${esc(title)}</h4>${list(findings.map((f) => f.text))}` : '');

function theme(t: ReportTheme, progress: boolean): string {
  return (
    `<h3>${esc(t.title)}</h3>${para(t.summary)}` +
    (progress ? findingList('What improvements have been made', t.progressMade) + findingList('What improvements are still needed', t.stillNeeded) : '') +
    findingList(progress ? 'Strengths' : 'What is working well', t.strengths) +
    findingList(progress ? 'Areas for improvement' : 'What needs to improve', t.improvements) +
    (progress ? '' : findingList('Progress made', t.progressMade) + findingList('Improvements still needed', t.stillNeeded))
  );
}

export function reportHtml(model: ReportModel, images: ReadonlyMap<string, string>): string {
  const figure = (key: string, caption: string) =>
    images.has(key) ? `<figure><img src="${esc(images.get(key) ?? '')}" alt="${esc(caption)}"><figcaption>${esc(caption)}</figcaption></figure>` : '';
  const progress = model.isProgressReview;
  const body = [
    model.isDraft ? `<p class="draft-banner" role="note">${esc(model.draftHeader)}</p>` : '',
    `<section class="title-page"><h1>${esc(model.title)}</h1><p class="kind">${esc(model.reviewKind)}: ${esc(model.area)}</p><p>Dates of the visit: ${esc(model.visitDates)}</p><p>Report produced: ${esc(model.generated)}</p></section>`,
    `<h2>Summary of findings</h2>`,
    model.hasPriorities ? `<h3>Areas for improvement</h3>${model.priorities.map((p) => `<h4>${esc(p.group)}</h4>${list(p.items.map((i) => i.text))}`).join('')}` : '',
    progress
      ? `<h3>Progress made</h3>${
          model.themes
            .filter((t) => t.hasProgressMade)
            .map((t) => `<h4>${esc(t.title)}</h4>${list(t.progressMade.map((f) => f.text))}`)
            .join('') || '<p>No progress has been recorded in the findings yet.</p>'
        }`
      : '',
    `<h2>Background to the review</h2>${model.hasBackground ? `<h3>Introduction and context</h3>${para(model.background)}` : ''}`,
    `<h3>How we carried out the review</h3>${para(model.teamSentence)}<h4>What we looked at</h4>${model.hasSessionsLookedAt ? `<p>Interviews, focus groups and other sessions:</p>${list(model.sessionsLookedAt.map((l) => `${l.what}: ${l.count}`))}` : ''}${model.hasEvidenceLookedAt ? `<p>Evidence logged:</p>${list(model.evidenceLookedAt.map((l) => `${l.what}: ${l.count}`))}` : ''}`,
    `<h4>The people we spoke with</h4><p>${esc(model.spokeWithSentence)}</p>${list(model.spokeWith.map((s) => `${s.group}: ${s.count}`))}<p>By organisation:</p>${list(model.spokeWithOrganisations.map((s) => `${s.organisation}: ${s.count}`))}`,
    `<h2>Detailed findings</h2>`,
    model.hasFigures ? `<h3>System performance against key indicators</h3>${model.figures.map((f) => figure(f.key, f.caption)).join('')}` : '',
    `<h3>${progress ? 'System progress against the action plan' : 'Findings'}</h3>${model.themes.map((t) => theme(t, progress)).join('') || '<p>No findings have been written yet.</p>'}`,
    model.audit
      ? `<h3>How relationships across the system are working</h3><p>${esc(model.audit.sentence)}</p>${figure(model.audit.heatMapKey, 'How each organisation rates its relationships with the others')}${figure(model.audit.barsKey, 'Mean score by domain (1–5)')}<p>${esc(model.audit.domainsSentence)}</p><p>Statements scoring highest:</p>${list(model.audit.bestItems.map((i) => i.line))}<p>Statements scoring lowest:</p>${list(model.audit.worstItems.map((i) => i.line))}`
      : '',
    model.hasReflections ? `<h3>Reflections of system leaders</h3>${para(model.reflections)}` : '',
    `<h2>${progress ? 'Direction of travel' : 'Next steps'}</h2><h3>Areas for future focus</h3>${list(model.focus.map((f) => f.line))}`,
    `<h2>Appendix: evidence cited</h2>`,
    model.hasEvidenceTable
      ? `<table><thead><tr><th>Code</th><th>Evidence</th><th>Kind</th><th>Date</th><th>Cited in</th></tr></thead><tbody>${model.evidenceIndex.map((e) => `<tr><td>${esc(e.code)}</td><td>${esc(e.title)}</td><td>${esc(e.kind)}</td><td>${esc(e.date)}</td><td>${esc(e.citedIn)}</td></tr>`).join('')}</tbody></table>`
      : model.hasPassageIndex
        ? ''
        : '<p>No evidence has been cited yet.</p>',
    model.hasPassageIndex ? `<h3>Passages cited</h3>${list(model.passageIndex.map((p) => `${p.label} (${p.session}), cited in ${p.citedIn}`))}` : '',
  ].join('\n');
  const style = `body{font-family:Arial,Helvetica,sans-serif;max-width:46rem;margin:2rem auto;line-height:1.45;color:#1d2433}h1{font-size:2rem}h2{margin-top:2.2rem;border-bottom:2px solid #00615e;padding-bottom:.2rem;page-break-before:always}h3{margin-top:1.4rem}figure{margin:1rem 0;text-align:center;page-break-inside:avoid}figure img{max-width:100%}figcaption{font-style:italic;font-size:.9rem}table{border-collapse:collapse;width:100%;font-size:.85rem}th,td{border:1px solid #c5ccd8;padding:.3rem .4rem;text-align:left;vertical-align:top}.title-page{margin-top:30vh}`;
  // On screen a banner; on paper the same words in every page's top margin (a CSS margin box).
  const draft = model.isDraft
    ? `.draft-banner{position:sticky;top:0;background:#fff;color:#b00020;font-weight:bold;text-align:center;margin:0;padding:.3rem;border-bottom:2px solid #b00020}@media print{.draft-banner{display:none}}@page{@top-center{content:"${model.draftHeader.replace(/["\\]/g, '\\$&')}";color:#b00020;font-weight:bold;font-family:Arial,Helvetica,sans-serif;font-size:10pt}}`
    : '';
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"><title>${esc(model.title)}</title><style>${style}${draft}</style></head><body>${body}</body></html>`;
}
