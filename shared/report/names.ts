/**
 * The names check run before a report leaves the machine. It looks for (1) the real names
 * recorded in the review's sessions, in full or by surname, and (2) what looks like a person's
 * name inside quoted words: a title and a surname ("Mrs Jones") or two capitalised words ("John
 * Smith") that are not an organisation or another known phrase. It lists what it finds, with the
 * words around it; export waits until each is changed or explicitly allowed.
 */
export interface NameFound {
  name: string;
  kind: 'recorded' | 'quoted';
  context: string;
}

const TITLES = /\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Nurse|Sister|Councillor|Cllr|Professor|Prof)\.? [A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+)?/g;
const TWO_CAPITALS = /\b[A-Z][a-z'’-]{1,}(?: [A-Z][a-z'’-]{1,})+\b/g;
const QUOTED = /[“"‘]([^”"’]{3,600})[”"’]/g;
const COMMON = new Set([
  'The',
  'This',
  'That',
  'These',
  'Those',
  'We',
  'They',
  'It',
  'He',
  'She',
  'Our',
  'Their',
  'In',
  'On',
  'At',
  'For',
  'And',
  'But',
  'If',
  'When',
  'There',
  'A',
  'An',
  'As',
  'After',
  'Before',
  'Since',
  'Some',
  'Many',
  'All',
  'Every',
  'Most',
  'One',
  'Two',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
  'Christmas',
  'Easter',
  'England',
  'London',
  'NHS',
]);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function around(text: string, index: number, length: number): string {
  const start = Math.max(0, index - 40);
  const end = Math.min(text.length, index + length + 40);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ')}${end < text.length ? '…' : ''}`;
}

/**
 * Checks texts for names. `known` holds phrases that are not people (organisation names,
 * framework titles, the area) and `allowed` names the user has explicitly let through.
 */
export function findNames(texts: readonly string[], realNames: readonly string[], known: readonly string[], allowed: ReadonlySet<string>): NameFound[] {
  const found = new Map<string, NameFound>();
  const knownText = known.map((k) => k.toLowerCase());
  const isKnown = (candidate: string) => knownText.some((k) => k.includes(candidate.toLowerCase()));
  const add = (name: string, kind: NameFound['kind'], text: string, index: number) => {
    const key = name.toLowerCase();
    if (allowed.has(key) || found.has(key)) return;
    found.set(key, { name, kind, context: around(text, index, name.length) });
  };
  const recorded = realNames
    .map((n) => n.trim())
    .filter((n) => n.length >= 3)
    .flatMap((full) => {
      const parts = full.split(/\s+/);
      const surname = parts.length > 1 ? parts[parts.length - 1] : undefined;
      return surname && surname.length >= 4 ? [full, surname] : [full];
    });
  for (const text of texts) {
    for (const name of recorded) {
      const match = new RegExp(`(?<![\\p{L}])${escapeRegExp(name)}(?![\\p{L}])`, 'iu').exec(text);
      if (match) add(name, 'recorded', text, match.index);
    }
    for (const quote of text.matchAll(QUOTED)) {
      const inner = quote[1] ?? '';
      const offset = (quote.index ?? 0) + 1;
      for (const m of inner.matchAll(TITLES)) add(m[0], 'quoted', text, offset + (m.index ?? 0));
      for (const m of inner.matchAll(TWO_CAPITALS)) {
        const words = m[0].split(' ');
        if (words.some((w) => COMMON.has(w)) || isKnown(m[0])) continue;
        add(m[0], 'quoted', text, offset + (m.index ?? 0));
      }
    }
  }
  return [...found.values()];
}
