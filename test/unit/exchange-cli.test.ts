import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BundleInspection, MergeSummary, TeamKeyView } from '../../shared/exchange/contract';
import { cli, tempDir } from '../helpers';

const evidenceTitles = async (db: string) =>
  (JSON.parse((await cli('--db', db, 'evidence', 'list', 'Oxfordshire', '--json')).out) as Array<{ code: string; title: string }>)
    .map((item) => `${item.code} ${item.title}`)
    .sort();

/** The CLI with FIELDBOOK_TEAM_KEY set, as a teammate would run it after being told the key. */
async function withKey(key: string, ...args: string[]) {
  process.env.FIELDBOOK_TEAM_KEY = key;
  try {
    return await cli(...args);
  } finally {
    delete process.env.FIELDBOOK_TEAM_KEY;
  }
}

const teamKey = async (db: string) => JSON.parse((await cli('--db', db, 'team', 'key', 'show', 'Oxfordshire', '--json')).out) as TeamKeyView;

afterEach(() => {
  delete process.env.FIELDBOOK_TEAM_KEY;
});

describe('fieldbook bundle export / bundle import / conflicts', () => {
  it("carries a review to a teammate, merges two laptops' bundles in one import, and refuses a cut bundle with exit 1 and nothing changed", { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const [lead, mate, writer] = ['lead', 'mate', 'writer'].map((name) => path.join(dir, `${name}.sqlite`)) as [string, string, string];
    const file = (name: string) => path.join(dir, `${name}.fieldbook-bundle`);
    await cli('--db', lead, 'demo');

    // The first export makes the review's team key and says it once, on stderr.
    const exported = await cli('--db', lead, 'bundle', 'export', 'Oxfordshire', '--out', file('first'));
    expect(exported.code).toBe(0);
    const code = /(FBT(?:-[A-Z2-9]{1,4})+)/.exec(exported.err)?.[1] as string;
    expect(code).toBeTruthy();
    expect((await teamKey(lead)).code).toBe(code);
    expect((await cli('--db', lead, 'bundle', 'export', 'Oxfordshire', '--out', file('again'))).err).not.toMatch(/FBT-/);
    const leadPrint = (await teamKey(lead)).thisLaptop.fingerprint;

    // Without the key nothing opens; with it, a laptop new to the review is trusted only by fingerprint.
    const noKey = await cli('--db', mate, 'bundle', 'import', file('first'), '--yes');
    expect(noKey.code).toBe(1);
    expect(noKey.err).toMatch(/first\.fieldbook-bundle is sealed with its review's team key, which this laptop does not have yet.*FIELDBOOK_TEAM_KEY/);
    const untrusted = await withKey(code, '--db', mate, 'bundle', 'import', file('first'), '--yes');
    expect(untrusted.code).toBe(1);
    expect(untrusted.err).toContain(`fingerprint ${leadPrint}`);
    expect(fs.existsSync(mate) ? (await cli('--db', mate, 'reviews', '--json')).out : '[]').toBe('[]');
    const first = await withKey(code, '--db', mate, 'bundle', 'import', file('first'), '--trust', leadPrint, '--yes');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^Merged a bundle into "Oxfordshire.*" \(new on this laptop\):/);
    expect(first.out).toContain('signed by a laptop new to this review');
    // Kept: the next bundle from the lead needs neither the key nor the fingerprint.
    expect((await teamKey(mate)).signers).toEqual([{ person: expect.any(String), device: expect.any(String), fingerprint: leadPrint }]);
    const pinned = await cli('--db', mate, 'bundle', 'import', file('again'), '--yes');
    expect(pinned.code).toBe(0);
    expect(pinned.out).toContain(`signed by their laptop's pinned key (${leadPrint})`);

    // Both laptops log the next evidence item: both take the same code until they meet.
    expect((await cli('--db', lead, 'evidence', 'add', 'Oxfordshire', '--title', 'Winter plan 2018/19', '--kind', 'document')).code).toBe(0);
    expect((await cli('--db', mate, 'evidence', 'add', 'Oxfordshire', '--title', 'Board meeting observed', '--kind', 'observation')).code).toBe(0);
    await cli('--db', lead, 'bundle', 'export', 'Oxfordshire', '--out', file('lead'));
    await cli('--db', mate, 'bundle', 'export', 'Oxfordshire', '--out', file('mate'));
    const matePrint = (await teamKey(mate)).thisLaptop.fingerprint;

    // The writer's laptop sees what a bundle is before importing it.
    const sealedOnly = JSON.parse((await cli('--db', writer, 'bundle', 'inspect', file('mate'), '--json')).out) as BundleInspection;
    expect(sealedOnly).toMatchObject({ sealed: true, formatVersion: 2, opened: false, manifest: null });
    const inspected = await withKey(code, '--db', writer, 'bundle', 'inspect', file('mate'));
    expect(inspected.code).toBe(0);
    expect(inspected.out).toMatch(/mate\.fieldbook-bundle: bundle format 2, sealed/);
    expect(inspected.out).toMatch(/record versions, \d+ people, \d+ attachment files \(records \d+ KB, attachments \d+ KB\)/);
    expect(inspected.out).toContain(`fingerprint ${matePrint}`);

    const both = await withKey(code, '--db', writer, 'bundle', 'import', file('lead'), file('mate'), '--trust', leadPrint, '--trust', matePrint, '--yes', '--json');
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
    expect(refused.err).toMatch(/cut\.fieldbook-bundle cannot be opened with this review's team key: .*changed or cut short/);
    expect(await evidenceTitles(writer)).toEqual(titles);
    expect(JSON.parse((await cli('--db', writer, 'conflicts', 'Oxfordshire', '--json')).out)).toEqual([]);
  });

  it('rotates a team key: new bundles need the new key, old ones still open, and a key is never taken from an argument', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const lead = path.join(dir, 'lead.sqlite');
    const mate = path.join(dir, 'mate.sqlite');
    const file = (name: string) => path.join(dir, `${name}.fieldbook-bundle`);
    await cli('--db', lead, 'demo');
    await cli('--db', lead, 'bundle', 'export', 'Oxfordshire', '--out', file('old'));
    const old = (await teamKey(lead)).code as string;
    const rotated = JSON.parse((await cli('--db', lead, 'team', 'key', 'rotate', 'Oxfordshire', '--json')).out) as TeamKeyView;
    expect(rotated.code).not.toBe(old);
    expect(rotated.olderKeys).toBe(1);
    await cli('--db', lead, 'bundle', 'export', 'Oxfordshire', '--out', file('new'));
    const leadPrint = rotated.thisLaptop.fingerprint;
    expect((await withKey(old, '--db', mate, 'bundle', 'import', file('old'), '--trust', leadPrint, '--yes')).code).toBe(0);
    const stale = await cli('--db', mate, 'bundle', 'import', file('new'), '--yes');
    expect(stale.code).toBe(1);
    expect(stale.err).toMatch(/new\.fieldbook-bundle cannot be opened with this review's team key/);
    expect((await withKey(rotated.code as string, '--db', mate, 'bundle', 'import', file('new'), '--yes')).code).toBe(0);
    // The lead still opens its own bundle made under the old key.
    expect((await cli('--db', lead, 'bundle', 'inspect', file('old'), '--json')).out).toContain('"opened": true');
    expect((await cli('--db', lead, 'bundle', 'import', file('old'), '--team-key', old)).err).toMatch(/Unknown option --team-key/);
    // A weak team passphrase is refused, a strong one taken and used to seal.
    const weak = await withKey('password12', '--db', lead, 'team', 'key', 'set', 'Oxfordshire');
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(/guessed/);
    expect((await withKey('lantern orchard tidal quarry', '--db', lead, 'team', 'key', 'set', 'Oxfordshire')).code).toBe(0);
    await cli('--db', lead, 'bundle', 'export', 'Oxfordshire', '--out', file('phrase'));
    expect((await withKey('lantern orchard tidal quarry', '--db', mate, 'bundle', 'import', file('phrase'), '--yes')).code).toBe(0);
  });
});
