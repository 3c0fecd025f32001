import { describe, expect, it } from 'vitest';
import { mergeDoc, mergeSequences, mergeText } from '../../shared/exchange/text';
import { commonAncestor, headsOf, localVersion, resolveRecord, type FieldKind, type Version } from '../../shared/exchange/versions';

/**
 * The merge model case by case: which edits of two laptops both apply, which meet as a conflict,
 * and what a record shows. The property tests (merge-properties) check its laws over thousands
 * of histories; these pin down what each rule does.
 */
describe('merging words', () => {
  const base = 'the ward was busy on monday';
  it('takes the only side that changed, or either when both made the same change', () => {
    expect(mergeText(base, base, base)).toBe(base);
    expect(mergeText(base, 'the ward was quiet on monday', base)).toBe('the ward was quiet on monday');
    expect(mergeText(base, base, 'the ward was quiet on monday')).toBe('the ward was quiet on monday');
    expect(mergeText(base, 'the ward was quiet on monday', 'the ward was quiet on monday')).toBe('the ward was quiet on monday');
  });

  it('applies edits to different words, and the same edit made on both sides once', () => {
    expect(mergeText(base, 'the unit was busy on monday', 'the ward was busy on friday')).toBe('the unit was busy on friday');
    expect(mergeText(base, 'the unit was busy on friday', 'the ward was very busy on friday')).toBe('the unit was very busy on friday');
    expect(mergeText('a b c d', 'x b c d', 'a b c y')).toBe('x b c y');
  });

  it('meets edits to the same words as a conflict', () => {
    expect(mergeText(base, 'the ward was quiet on monday', 'the ward was calm on monday')).toBeNull();
    expect(mergeText('a b c d', 'a x y d', 'a b z d')).toBeNull();
    expect(mergeText('a b c d', 'a x c d', 'a b c d e')).toBe('a x c d e');
  });

  it('meets two insertions at the same point as a conflict, but not insertions at different points', () => {
    expect(mergeText('a c', 'a b c', 'a x c')).toBeNull();
    expect(mergeText('a c', 'z a c', 'a c y')).toBe('z a c y');
  });

  it('puts an insertion before a change that starts at the same point, and meets one inside a change as a conflict', () => {
    // Tokens of "a b c": a, " ", b, " ", c. One side inserts before "b", the other changes "b".
    expect(mergeText('a b c', 'a new b c', 'a x c')).toBe('a new x c');
    expect(mergeText('a b c', 'a x c', 'a new b c')).toBe('a new x c');
    // At the end of a change it does not clash.
    expect(mergeText('a b c', 'a y', 'a b c d')).toBe('a y d');
  });

  it("meets an insertion strictly inside the other side's changed stretch as a conflict (sequences of items)", () => {
    const base = ['a', 'b', 'c', 'd'];
    expect(mergeSequences(base, ['a', 'x', 'd'], ['a', 'b', 'n', 'c', 'd'])).toBeNull();
    expect(mergeSequences(base, ['a', 'b', 'n', 'c', 'd'], ['a', 'x', 'd'])).toBeNull();
    expect(mergeSequences(base, ['a', 'x', 'd'], ['n', 'a', 'b', 'c', 'd'])).toEqual(['n', 'a', 'x', 'd']);
    expect(mergeSequences(base, ['a', 'x', 'd'], ['a', 'b', 'c', 'd', 'n'])).toEqual(['a', 'x', 'd', 'n']);
    expect(mergeSequences(base, ['a', 'x', 'd'], ['a', 'n', 'b', 'c', 'd'])).toEqual(['a', 'n', 'x', 'd']);
    expect(mergeSequences(base, ['a', 'b', 'c', 'x', 'd'], ['a', 'b', 'c', 'y', 'd'])).toBeNull();
    expect(mergeSequences(base, ['a', 'c', 'd'], ['a', 'b', 'd'])).toEqual(['a', 'd']);
    expect(mergeSequences(base, ['a', 'B', 'c', 'd'], ['a', 'b', 'C', 'd'])).toEqual(['a', 'B', 'C', 'd']);
    expect(mergeSequences(base, ['a', 'B', 'C', 'd'], ['a', 'b', 'C', 'D'])).toBeNull();
  });

  it('meets changes whose stretches overlap as a conflict, and lets touching ones both apply', () => {
    expect(mergeText('a b c d e', 'a X Y d e', 'a b Z W e')).toBeNull();
    expect(mergeText('a b c d e', 'a b Z W e', 'a X Y d e')).toBeNull();
    expect(mergeText('a b c d e', 'P b c d e', 'a b c d Q')).toBe('P b c d Q');
  });
});

describe('merging documents paragraph by paragraph', () => {
  const p = (id: string, text: string) => ({ type: 'paragraph', attrs: { id }, content: [{ type: 'text', text }] });
  const doc = (...blocks: unknown[]) => JSON.stringify({ type: 'doc', content: blocks });
  const base = doc(p('a', 'one'), p('b', 'two'), p('c', 'three'));

  it("keeps both sides' changes to different paragraphs", () => {
    const merged = mergeDoc(base, doc(p('a', 'ONE'), p('b', 'two'), p('c', 'three')), doc(p('a', 'one'), p('b', 'two'), p('c', 'THREE')));
    expect(merged).toBe(doc(p('a', 'ONE'), p('b', 'two'), p('c', 'THREE')));
  });

  it('meets the same paragraph changed on both sides as a conflict', () => {
    expect(mergeDoc(base, doc(p('a', 'one'), p('b', 'TWO'), p('c', 'three')), doc(p('a', 'one'), p('b', 'deux'), p('c', 'three')))).toBeNull();
  });

  it('meets a paragraph moved on one side and edited on the other as a conflict (it would appear twice)', () => {
    const moved = doc(p('b', 'two'), p('c', 'three'), p('a', 'one'));
    const edited = doc(p('a', 'one, edited'), p('b', 'two'), p('c', 'three'));
    expect(mergeDoc(base, moved, edited)).toBeNull();
    // Ids inside lists count too.
    const list = (id: string, text: string) => ({ type: 'bulletList', content: [{ type: 'listItem', content: [p(id, text)] }] });
    expect(mergeDoc(doc(list('x', 'item'), p('y', 'end')), doc(list('x', 'item'), p('y', 'end'), p('x', 'again')), doc(list('x', 'ITEM'), p('y', 'end')))).toBeNull();
  });

  it("keeps the document's own fields from one side, and takes a side that alone changed", () => {
    const ours = JSON.stringify({ type: 'doc', attrs: { v: 1 }, content: [p('a', 'ONE'), p('b', 'two'), p('c', 'three')] });
    expect(JSON.parse(mergeDoc(base, ours, doc(p('a', 'one'), p('b', 'two'), p('c', 'THREE'))) ?? 'null')).toEqual({
      type: 'doc',
      attrs: { v: 1 },
      content: [p('a', 'ONE'), p('b', 'two'), p('c', 'THREE')],
    });
    expect(mergeDoc(base, base, ours)).toBe(ours);
    expect(mergeDoc(base, ours, base)).toBe(ours);
    expect(mergeDoc(base, ours, ours)).toBe(ours);
  });

  it('does not merge what is not a document', () => {
    expect(mergeDoc(base, '{"type":"doc"}', doc(p('a', 'x')))).toBeNull();
    expect(mergeDoc(base, doc(p('a', 'x')), 'not json')).toBeNull();
    expect(mergeDoc('null', doc(p('a', 'x')), doc(p('b', 'y')))).toBeNull();
    expect(mergeDoc(base, doc(p('a', 'x'), p('b', 'two'), p('c', 'three')), '[1]')).toBeNull();
  });
});

const kinds: Record<string, FieldKind> = { note: 'text', body: 'doc', words: 'derived' };
const kindOf = (field: string): FieldKind => kinds[field] ?? 'value';
const v = (vid: string, parents: string[], data: Record<string, string | number | null>, by = 'asha'): Version => ({ vid, parents, by, device: `${by}-laptop`, data });

describe('what a record shows', () => {
  it('shows its one newest version when the history is a line', () => {
    const versions = [v('1', [], { score: 2 }), v('2', ['1'], { score: 3 }), v('3', ['2'], { score: 4 })];
    expect(headsOf(versions).map((x) => x.vid)).toEqual(['3']);
    expect(resolveRecord(versions, kindOf)).toEqual({ data: { score: 4 }, shown: versions[2], heads: ['3'], conflicts: [] });
    expect(() => resolveRecord([], kindOf)).toThrow(/no versions/);
  });

  it('takes each field from the side that changed it, and shows the newest head', () => {
    const versions = [
      v('1', [], { title: 'A', score: 2, note: 'x' }),
      v('2', ['1'], { title: 'B', score: 2, note: 'x' }, 'asha'),
      v('3', ['1'], { title: 'A', score: 3, note: 'x' }, 'ben'),
    ];
    const resolved = resolveRecord(versions, kindOf);
    expect(resolved.data).toEqual({ note: 'x', score: 3, title: 'B' });
    expect(resolved.heads).toEqual(['2', '3']);
    expect(resolved.shown.vid).toBe('3');
    expect(resolved.conflicts).toEqual([]);
  });

  it('meets a judgement changed on both sides as a conflict keeping every side, and merges text and documents', () => {
    const versions = [
      v('1', [], { score: 2, note: 'the ward was busy', words: 4 }),
      v('2', ['1'], { score: 1, note: 'the unit was busy', words: 5 }, 'asha'),
      v('3', ['1'], { score: 3, note: 'the ward was quiet', words: 6 }, 'ben'),
    ];
    const resolved = resolveRecord(versions, kindOf);
    expect(resolved.data).toEqual({ score: 3, note: 'the unit was quiet', words: 6 });
    expect(resolved.conflicts).toEqual([
      {
        field: 'score',
        base: 2,
        options: [
          { value: 1, vid: '2', by: 'asha', device: 'asha-laptop' },
          { value: 3, vid: '3', by: 'ben', device: 'ben-laptop' },
        ],
      },
    ]);
  });

  it('keeps text both sides changed in the same words as a conflict, showing the newest', () => {
    const versions = [v('1', [], { note: 'busy' }), v('2', ['1'], { note: 'quiet' }), v('3', ['1'], { note: 'calm' }, 'ben')];
    const resolved = resolveRecord(versions, kindOf);
    expect(resolved.data.note).toBe('calm');
    expect(resolved.conflicts.map((c) => [c.field, c.base, c.options.map((o) => o.value)])).toEqual([['note', 'busy', ['quiet', 'calm']]]);
  });

  it("counts a field changed and changed back on one side as that side's decision", () => {
    const versions = [v('1', [], { score: 2 }), v('2', ['1'], { score: 1 }), v('3', ['2'], { score: 2 }), v('4', ['1'], { score: 3 }, 'ben')];
    const resolved = resolveRecord(versions, kindOf);
    expect(resolved.conflicts.map((c) => c.options.map((o) => o.value))).toEqual([[2, 3]]);
  });

  it('treats a missing field as empty, and fields only one side has', () => {
    const versions = [v('1', [], { a: 'x' }), v('2', ['1'], { a: 'x', b: 'new' }), v('3', ['1'], { a: 'y' }, 'ben')];
    expect(resolveRecord(versions, kindOf).data).toEqual({ a: 'y', b: 'new' });
  });

  it('merges two first versions with no common ancestor field by field against nothing', () => {
    const versions = [v('1', [], { score: 2, note: 'a' }), v('2', [], { score: 2, note: 'b' }, 'ben')];
    const resolved = resolveRecord(versions, kindOf);
    expect(resolved.data.score).toBe(2);
    expect(resolved.conflicts.map((c) => [c.field, c.base])).toEqual([['note', null]]);
    expect(commonAncestor(headsOf(versions), versions)).toBeNull();
  });

  it('lets a delete win over a record nobody else changed, and never over one edited elsewhere', () => {
    const kept = [v('1', [], { deleted: 0, title: 'A' }), v('2', ['1'], { deleted: 1, title: 'A' }), v('3', ['1'], { deleted: 0, title: 'B' }, 'ben')];
    const conflict = resolveRecord(kept, kindOf);
    expect(conflict.data).toEqual({ deleted: 0, title: 'B' });
    expect(conflict.conflicts).toEqual([
      {
        field: 'deleted',
        base: 0,
        options: [
          { value: 1, vid: '2', by: 'asha', device: 'asha-laptop' },
          { value: 0, vid: '3', by: 'ben', device: 'ben-laptop' },
        ],
      },
    ]);
    // The other side still holds the very version the delete was made from: the delete wins.
    const unchanged = [v('1', [], { deleted: 0, title: 'A' }), v('2', ['1'], { deleted: 1, title: 'A' }), v('0', [], { deleted: 0, title: 'A' }, 'ben')];
    expect(resolveRecord([unchanged[0]!, unchanged[1]!], kindOf).data.deleted).toBe(1);
    // Undoing a delete on one side while the other edits is an ordinary change.
    const undone = [v('1', [], { deleted: 1, title: 'A' }), v('2', ['1'], { deleted: 0, title: 'A' }), v('3', ['1'], { deleted: 1, title: 'B' }, 'ben')];
    expect(resolveRecord(undone, kindOf)).toMatchObject({ data: { deleted: 0, title: 'B' }, conflicts: [] });
  });

  it('lets a delete win when the other side is the version it was made from, even as a head', () => {
    const versions = [v('1', [], { deleted: 0, title: 'A' }), v('2', ['1'], { deleted: 1, title: 'A' })];
    expect(resolveRecord(versions, kindOf)).toMatchObject({ data: { deleted: 1 }, conflicts: [] });
    const twoHeads = [v('1', [], { deleted: 0, title: 'A' }), v('2', ['1'], { deleted: 1, title: 'A' }), v('3', ['1'], { deleted: 1, title: 'A' }, 'ben')];
    expect(resolveRecord(twoHeads, kindOf)).toMatchObject({ data: { deleted: 1 }, conflicts: [] });
  });

  it('finds the newest version every head descends from', () => {
    const versions = [v('1', [], {}), v('2', ['1'], {}), v('3', ['2'], {}), v('4', ['2'], {}), v('5', ['3'], {})];
    expect(commonAncestor(headsOf(versions), versions)?.vid).toBe('2');
    expect(headsOf(versions).map((x) => x.vid)).toEqual(['4', '5']);
    // A parent the set does not hold is skipped.
    const partial = [v('3', ['2'], {}), v('4', ['2'], {})];
    expect(commonAncestor(headsOf(partial), partial)).toBeNull();
  });

  it("lists a conflict's options once per value, in head order, with the last holder of each value", () => {
    const versions = [v('1', [], { score: 1 }), v('2', ['1'], { score: 2 }, 'asha'), v('3', ['1'], { score: 3 }, 'ben'), v('4', ['1'], { score: 2 }, 'cara')];
    expect(resolveRecord(versions, kindOf).conflicts[0]?.options).toEqual([
      { value: 3, vid: '3', by: 'ben', device: 'ben-laptop' },
      { value: 2, vid: '4', by: 'cara', device: 'cara-laptop' },
    ]);
  });
});

describe('a version made on this laptop', () => {
  it('follows every head it had, or only the shown side of an open conflict', () => {
    expect(localVersion(null, 'v9', 'asha', 'd1', { a: 1 })).toEqual({ vid: 'v9', parents: [], by: 'asha', device: 'd1', data: { a: 1 } });
    expect(localVersion({ heads: ['v1', 'v2'], conflicted: false }, 'v9', 'asha', 'd1', {}).parents).toEqual(['v1', 'v2']);
    expect(localVersion({ heads: ['v1', 'v2'], conflicted: true }, 'v9', 'asha', 'd1', {}).parents).toEqual(['v2']);
  });
});
