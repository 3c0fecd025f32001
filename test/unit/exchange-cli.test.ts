import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MergeSummary } from '../../shared/exchange/contract';
import { cli, tempDir } from '../helpers';

const evidenceTitles = async (db: string) =>
  (JSON.parse((await cli('--db', db, 'evidence', 'list', 'Oxfordshire', '--json')).out) as Array<{ code: string; title: string }>)
    .map((item) => `${item.code} ${item.title}`)
    .sort();

describe('fieldbook bundle export / bundle import / conflicts', () => {
  it("carries a review to a teammate, merges two laptops' bundles in one import, and refuses a cut bundle with exit 1 and nothing changed", { timeout: 30_000 }, async () => {
    const dir = tempDir();
    const [lead, mate, writer] = ['lead', 'mate', 'writer'].map((name) => path.join(dir, `${name}.sqlite`)) as [string, string, string];
    const file = (name: string) => path.join(dir, `${name}.fieldbook-bundle`);
    await cli('--db', lead, 'demo');

    expect((await cli('--db', lead, 'bundle', 'export', 'Oxfordshire', '--out', file('first'))).code).toBe(0);
    const first = await cli('--db', mate, 'bundle', 'import', file('first'), '--yes');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^Merged a bundle into "Oxfordshire.*" \(new on this laptop\):/);

    // Both laptops log the next evidence item: both take the same code until they meet.
    expect((await cli('--db', lead, 'evidence', 'add', 'Oxfordshire', '--title', 'Winter plan 2018/19', '--kind', 'document')).code).toBe(0);
    expect((await cli('--db', mate, 'evidence', 'add', 'Oxfordshire', '--title', 'Board meeting observed', '--kind', 'observation')).code).toBe(0);
    await cli('--db', lead, 'bundle', 'export', 'Oxfordshire', '--out', file('lead'));
    await cli('--db', mate, 'bundle', 'export', 'Oxfordshire', '--out', file('mate'));

    const both = await cli('--db', writer, 'bundle', 'import', file('lead'), file('mate'), '--yes', '--json');
    expect(both.code).toBe(0);
    const summary = JSON.parse(both.out) as MergeSummary;
    expect(summary.from.map((from) => from.fileName)).toEqual(['lead.fieldbook-bundle', 'mate.fieldbook-bundle']);
    expect(summary).toMatchObject({ committed: true, newReview: true, totals: { conflicts: 0 } });
    const titles = await evidenceTitles(writer);
    expect(titles.filter((title) => /Winter plan 2018\/19|Board meeting observed/.test(title))).toHaveLength(2);
    expect(new Set(titles.map((title) => title.split(' ')[0])).size).toBe(titles.length);

    const bytes = fs.readFileSync(file('lead'));
    fs.writeFileSync(file('cut'), bytes.subarray(0, bytes.length - 300));
    const refused = await cli('--db', writer, 'bundle', 'import', file('cut'), file('mate'), '--yes');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/cut\.fieldbook-bundle is damaged or incomplete/);
    expect(await evidenceTitles(writer)).toEqual(titles);
    expect(JSON.parse((await cli('--db', writer, 'conflicts', 'Oxfordshire', '--json')).out)).toEqual([]);
  });
});
