import { describe, expect, it } from 'vitest';
import { findNames } from '../../shared/report/names';

/**
 * The names check, word by word: what it finds, what it lets be, and the words it shows around
 * each find (so the writer can see where it is). Reached through the whole export in guards.test.
 */
const none = new Set<string>();
const find = (texts: string[], real: string[] = [], known: string[] = [], allowed: ReadonlySet<string> = none) => findNames(texts, real, known, allowed);

describe('recorded real names', () => {
  it('are found in full, in any case, and by a surname of four letters or more', () => {
    expect(find(['We met pat smithers on the ward.'], ['Pat Smithers'])).toEqual([
      { name: 'Pat Smithers', kind: 'recorded', context: 'We met pat smithers on the ward.' },
      { name: 'Smithers', kind: 'recorded', context: 'We met pat smithers on the ward.' },
    ]);
    expect(find(['The Hall family were not told.'], ['Ann Hall']).map((n) => n.name)).toEqual(['Hall']);
    expect(find(['The Li family were not told.'], ['Jo Li'])).toEqual([]); // a two-letter surname alone is too common to flag
    expect(find(['Jo Li said so.'], ['Jo Li']).map((n) => n.name)).toEqual(['Jo Li']);
  });

  it('are trimmed, and names shorter than three letters are not looked for', () => {
    expect(find(['Pat Smithers was there.'], ['  Pat Smithers  ']).map((n) => n.name)).toEqual(['Pat Smithers', 'Smithers']);
    expect(find(['Al said the ward was busy; we also spoke to Al.'], ['Al'])).toEqual([]);
    expect(find(['Bea said so.'], ['Bea']).map((n) => n.name)).toEqual(['Bea']);
  });

  it('take the last word of a name with several spaces as the surname, and none from a one-word name', () => {
    expect(find(['The Brackenbury case.'], ['Ottoline   Ann   Brackenbury']).map((n) => n.name)).toEqual(['Brackenbury']);
    expect(find(['Madonna Louise was there.', 'Louise too'], ['Madonna']).map((n) => n.name)).toEqual(['Madonna']);
  });

  it('match whole words only, letters of any script included', () => {
    expect(find(['We walked down the hallway; staff shall call.'], ['Ann Hall'])).toEqual([]);
    expect(find(['Zoë Ångström said it.'], ['Zoë Ångström']).map((n) => n.name)).toEqual(['Zoë Ångström', 'Ångström']);
    expect(find(['XZoë Ångströmx said it.'], ['Zoë Ångström'])).toEqual([]);
  });

  it('treat the characters of a name literally, not as a pattern', () => {
    expect(find(['JX Smithson arrived.'], ['J. Smithson']).map((n) => n.name)).toEqual(['Smithson']);
    expect(find(['J. Smithson arrived.'], ['J. Smithson']).map((n) => n.name)).toEqual(['J. Smithson', 'Smithson']);
    expect(find(['Ann (Jnr) was there.'], ['Ann (Jnr)']).map((n) => n.name)).toEqual(['Ann (Jnr)', '(Jnr)']);
  });

  it('are listed once, and not at all when the writer allowed them', () => {
    expect(find(['Pat Smithers said.', 'Pat Smithers again.'], ['Pat Smithers']).map((n) => n.name)).toEqual(['Pat Smithers', 'Smithers']);
    expect(find(['Pat Smithers said.'], ['Pat Smithers'], [], new Set(['pat smithers', 'smithers']))).toEqual([]);
  });
});

describe('names inside quoted words', () => {
  it('finds a title and a surname, and two capitalised words, with the words around them', () => {
    expect(find(['She said “Mrs Jones was kind” to us.'])).toEqual([{ name: 'Mrs Jones', kind: 'quoted', context: 'She said “Mrs Jones was kind” to us.' }]);
    expect(find(['He said "ask John Smith about it" at the end.']).map((n) => n.name)).toEqual(['John Smith']);
  });

  it('leaves organisations, framework titles, common words and days out', () => {
    expect(find(['“Oxford Health told us”'], [], ['Oxford Health NHS Foundation Trust'])).toEqual([]);
    expect(find(['“The Ward was full”', '“On Monday Morning”'])).toEqual([]);
  });

  it('shows forty characters either side, an ellipsis where it cut, spaces made single', () => {
    const before = 'x'.repeat(45);
    const after = 'y'.repeat(45);
    const [found] = find([`${before} Pat Smithers said ${after}`], ['Pat Smithers']);
    expect(found?.context).toBe(`…${'x'.repeat(39)} Pat Smithers said ${'y'.repeat(34)}…`);
    const [start] = find([`Pat Smithers said   so\nand more ${after}`], ['Pat Smithers']);
    expect(start?.context).toBe(`Pat Smithers said so and more ${'y'.repeat(20)}…`);
    const [end] = find([`${before} told Pat Smithers`], ['Pat Smithers']);
    expect(end?.context).toBe(`…${'x'.repeat(34)} told Pat Smithers`);
  });

  it('places the context of a quoted name where it is in the text', () => {
    // Forty characters either side of where the name really is (found here by indexOf).
    const around = (text: string, name: string) => {
      const at = text.indexOf(name);
      const start = Math.max(0, at - 40);
      const end = Math.min(text.length, at + name.length + 40);
      return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
    };
    const lead = 'a'.repeat(60);
    const titled = `${lead} she said “we asked Mrs Jones twice” and then we left it there for good, all of us.`;
    expect(find([titled])).toEqual([{ name: 'Mrs Jones', kind: 'quoted', context: around(titled, 'Mrs Jones') }]);
    const pair = `${lead} she said “then Peter Parker came” and then we left it there for good, all of us.`;
    expect(find([pair])).toEqual([{ name: 'Peter Parker', kind: 'quoted', context: around(pair, 'Peter Parker') }]);
    expect(around(pair, 'Peter Parker')).toMatch(/^…a{24} she said/);
  });
});
