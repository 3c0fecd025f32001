/**
 * Sentences of the report built as text, so they read right whatever the numbers: singular and
 * plural ("1 person", "2 people"), thousands with commas, and a list item that joins a heading
 * ending in a question mark without doubling the punctuation.
 */
const count = (n: number, one: string, many: string): string => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** "We spoke with 2 people in 1 interview, focus group or other session." */
export function spokeWithSentence(people: number, sessions: number): string {
  if (people === 0 && sessions === 0) return 'No interviews, focus groups or other sessions have been recorded yet.';
  return `We spoke with ${count(people, 'person', 'people')} in ${count(sessions, 'interview, focus group or other session', 'interviews, focus groups and other sessions')}.`;
}

/** "20 people answered the relational audit, giving 1,900 ratings of how…" */
export function auditSentence(respondents: number, answers: number): string {
  return `${count(respondents, 'person', 'people')} answered the relational audit, giving ${count(answers, 'rating', 'ratings')} of how their organisation works with its partners on the five domains of relational proximity.`;
}

/**
 * A heading and its text as one list item: "Winter planning: beds opened late." A heading that
 * already ends in punctuation ("How well do services meet people's needs?") is followed by the
 * text with a space, not a colon.
 */
export function headedItem(heading: string, text: string): string {
  const head = heading.trim();
  const body = text.trim();
  if (!body) return head;
  return /[?!.:;]$/.test(head) ? `${head} ${body}` : `${head}: ${body}`;
}

/**
 * Audit statements as a reader needs them: code, wording and mean score, not codes alone
 * ("COM1 'We share a common purpose for older people in this area' (4.20)").
 */
export function statementList(codes: readonly string[], statements: ReadonlyMap<string, { text: string; mean: number | null }>): string {
  return statementLines(codes, statements).join('; ');
}

/** The same, one statement per list item. */
export function statementLines(codes: readonly string[], statements: ReadonlyMap<string, { text: string; mean: number | null }>): string[] {
  return codes.map((code) => {
    const statement = statements.get(code);
    if (!statement) return code;
    const score = statement.mean === null ? '' : ` (${statement.mean.toFixed(2)})`;
    return `${code} \u2018${statement.text.replace(/[.\s]+$/, '')}\u2019${score}`;
  });
}

/** "Mean scores by domain: Directness 3.14, Continuity 3.16 and Parity 3.16." */
export function domainsSentence(domains: ReadonlyArray<{ domain: string; mean: string }>): string {
  if (domains.length === 0) return '';
  const parts = domains.map((d) => `${d.domain} ${d.mean}`);
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `Mean scores by domain (1 to 5): ${list}.`;
}

/**
 * A finding's paragraph as a sentence in a list: ended with a full stop when the writer left it
 * off, after any citations that close it ("…were not ready [E076–E100]."), and left alone when
 * it already ends in punctuation before them ("…not ready. [E076]") or leads into something (":").
 */
export function asSentence(text: string): string {
  const trimmed = text.trimEnd();
  const beforeCitations = trimmed.replace(/(\s*\[[^\][]*\])+$/, '');
  if (beforeCitations.trim() === '' || /[.!?…:;][\s"'\u2019\u201d)]*$/.test(beforeCitations)) return trimmed;
  return `${trimmed.replace(/,$/, '')}.`;
}
