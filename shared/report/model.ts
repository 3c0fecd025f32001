/**
 * Everything a report shows, gathered once from the review and handed to each output (DOCX
 * through its template, HTML, Markdown). Plain data: the template can only read it, and nothing
 * in it names a participant (designations and organisations only).
 */
export interface ReportFinding {
  /** Paragraphs of text; citations appear as [E012] or [Discharge coordinator, 6 Nov]. */
  paragraphs: string[];
  text: string;
  priority: string;
  status: string;
  citations: string;
}

export interface ReportTheme {
  code: string;
  title: string;
  summary: string;
  hasSummary: boolean;
  progressMade: ReportFinding[];
  stillNeeded: ReportFinding[];
  strengths: ReportFinding[];
  improvements: ReportFinding[];
  hasProgressMade: boolean;
  hasStillNeeded: boolean;
  hasStrengths: boolean;
  hasImprovements: boolean;
}

export interface ReportChart {
  /** The image placeholder's name in the template, e.g. figure_DTOC18. */
  key: string;
  caption: string;
  /** PNG, and its size in the document (centimetres wide; height follows the image). */
  png: Uint8Array;
  widthPx: number;
  heightPx: number;
}

export interface ReportModel {
  title: string;
  area: string;
  reviewKind: string;
  visitDates: string;
  generated: string;
  isProgressReview: boolean;
  /** Unagreed findings are in: each is marked, and every page says DRAFT (draftHeader). */
  isDraft: boolean;
  draftHeader: string;
  background: string;
  /** No background written: its heading is left out too. */
  hasBackground: boolean;
  team: Array<{ role: string; count: number; text: string }>;
  teamSentence: string;
  /** Sessions by kind, then evidence by kind (both lists together; and each on its own). */
  lookedAt: Array<{ what: string; count: number }>;
  sessionsLookedAt: Array<{ what: string; count: number }>;
  evidenceLookedAt: Array<{ what: string; count: number }>;
  hasSessionsLookedAt: boolean;
  hasEvidenceLookedAt: boolean;
  spokeWith: Array<{ group: string; count: number }>;
  spokeWithOrganisations: Array<{ organisation: string; count: number }>;
  sessionsCount: number;
  peopleCount: number;
  /** "We spoke with 2 people in 1 interview, …" (templates should use this, not the two counts). */
  spokeWithSentence: string;
  priorities: Array<{ group: string; items: ReportFinding[] }>;
  hasPriorities: boolean;
  themes: ReportTheme[];
  figures: Array<{ number: number; key: string; caption: string; name: string }>;
  hasFigures: boolean;
  audit: {
    respondents: number;
    answers: number;
    sentence: string;
    domains: Array<{ domain: string; mean: string }>;
    /** The domain means as one sentence (a list of five short bullets split badly across pages). */
    domainsSentence: string;
    best: string;
    worst: string;
    /** Best and worst statements one per list item: {#bestItems}{line}{/bestItems}. */
    bestItems: Array<{ line: string }>;
    worstItems: Array<{ line: string }>;
    heatMapKey: string;
    barsKey: string;
  } | null;
  hasAudit: boolean;
  reflections: string;
  hasReflections: boolean;
  /** `line` is the theme and its text as one list item ("…needs? People wait…"). */
  focus: Array<{ theme: string; text: string; line: string }>;
  hasFocus: boolean;
  evidenceIndex: Array<{ code: string; title: string; kind: string; date: string; source: string; citedIn: string }>;
  passageIndex: Array<{ label: string; session: string; citedIn: string }>;
  hasEvidenceIndex: boolean;
  /** Evidence items were cited (the table), passages were cited (their list under its own heading). */
  hasEvidenceTable: boolean;
  hasPassageIndex: boolean;
  charts: ReportChart[];
}
