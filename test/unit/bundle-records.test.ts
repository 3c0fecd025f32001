import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Bundle, BundleVersion } from '../../main/services/exchange/bundle-file';
import { contents, keysOf, resealed, type LaptopKeys } from '../exchange-helpers';
import { RECORD_SCHEMAS } from '../../shared/exchange/records';
import { SYNCED_TABLES } from '../../shared/exchange/tables';
import { newId } from '../../shared/ids';
import { cli, tempDir, TestApp } from '../helpers';

/**
 * Every record a teammate's bundle carries must pass the same rules as the app's own writes
 * before anything is written: one bad record refuses the bundle, naming bundle, table and record.
 */
async function laptops() {
  const dir = tempDir();
  const a = new TestApp();
  const detail = await a.call('createDemoReview', {});
  const kloe = detail.framework.find((item) => item.kind === 'theme')!;
  const session = await a.call('createSession', {
    reviewId: detail.review.id,
    kind: 'interview',
    title: 'Ward',
    participants: [{ designation: 'Ward manager', organisationId: null, group: 'frontline_staff' }],
  });
  const tagId = newId();
  await a.call('createTag', {
    sessionId: session.session.id,
    doc: { type: 'doc', content: [{ type: 'paragraph', attrs: { id: 'b1' }, content: [{ type: 'text', text: 'beds free up late', marks: [{ type: 'tag', attrs: { tagId } }] }] }] },
    tag: { id: tagId, kloeIds: [kloe.id] },
  });
  await a.call('addEvidence', { reviewId: detail.review.id, kind: 'document', title: 'Winter plan' });
  const keys = keysOf(a, detail.review.id);
  a.close();
  const lead = a.databasePath;
  const mate = path.join(dir, 'mate.sqlite');
  const file = path.join(dir, 'lead.fieldbook-bundle');
  expect((await cli('--db', lead, 'bundle', 'export', 'Oxfordshire', '--out', file)).code).toBe(0);
  /** The mate's import, with the team key typed and the lead's fingerprint accepted. */
  const importInto = async (bundleFile: string) => {
    process.env.FIELDBOOK_TEAM_KEY = keys.code;
    try {
      return await cli('--db', mate, 'bundle', 'import', bundleFile, '--trust', keys.fingerprint, '--yes');
    } finally {
      delete process.env.FIELDBOOK_TEAM_KEY;
    }
  };
  return { dir, lead, mate, keys, importInto, bundle: contents(keys, fs.readFileSync(file)) };
}

/** The same bundle with one record's fields changed, sealed and signed afresh (as a rogue teammate would). */
function altered(keys: LaptopKeys, bundle: Bundle, table: string, change: (data: BundleVersion['data']) => BundleVersion['data']): Buffer {
  let done = false;
  const versions = bundle.records.versions.map((version) => {
    if (done || version.t !== table) return version;
    done = true;
    return { ...version, data: change({ ...version.data }) };
  });
  if (!done) throw new Error(`no ${table} record in the bundle`);
  return resealed(keys, { ...bundle, records: { ...bundle.records, versions } });
}

describe('records from a bundle', () => {
  it('are refused, naming bundle, table and record, when a field breaks the API rules (an unknown evidence kind), and nothing is written', async () => {
    const { dir, mate, bundle, keys, importInto } = await laptops();
    const bad = path.join(dir, 'bad.fieldbook-bundle');
    fs.writeFileSync(
      bad,
      altered(keys, bundle, 'evidence', (data) => ({ ...data, kind: 'not_a_kind' })),
    );
    const result = await importInto(bad);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /bad\.fieldbook-bundle holds an evidence item "Winter plan" \([0-9a-f-]{36}\) that Fieldbook cannot use: kind \("not_a_kind"\): Kind is one of: .*Nothing was imported/,
    );
    // Nothing arrived, and the laptop's own data still reads.
    expect(JSON.parse((await cli('--db', mate, 'reviews', '--json')).out)).toEqual([]);
  });

  it.each([
    ['sessions', 'an unknown session kind', (d: BundleVersion['data']) => ({ ...d, kind: 'seance' })],
    ['tags', 'a stance that is not one', (d: BundleVersion['data']) => ({ ...d, stance: 'furious' })],
    ['tags', 'a KLOE list that is not a list of ids', (d: BundleVersion['data']) => ({ ...d, kloe_ids: '["x"]' })],
    ['organisations', 'a short name over 20 characters', (d: BundleVersion['data']) => ({ ...d, short_name: 'X'.repeat(21) })],
    ['evidence', 'a 60 MB summary', (d: BundleVersion['data']) => ({ ...d, summary: 'a'.repeat(60_000_000) })],
    ['evidence', 'a date that is not one', (d: BundleVersion['data']) => ({ ...d, evidence_date: 'yesterday' })],
    ['evidence', 'a field this Fieldbook does not have', (d: BundleVersion['data']) => ({ ...d, owner_email: 'x@example.org' })],
    ['framework_items', 'an empty title', (d: BundleVersion['data']) => ({ ...d, title: '   ' })],
    ['framework_items', 'rating characteristics that are not JSON', (d: BundleVersion['data']) => ({ ...d, characteristics: '{"good": ' })],
    ['framework_items', 'a rating that is not one', (d: BundleVersion['data']) => ({ ...d, characteristics: '{"excellent": "x"}' })],
    ['reviews', 'a flag that is not 0 or 1', (d: BundleVersion['data']) => ({ ...d, archived: 2 })],
  ])('refuses a %s record with %s', { timeout: 60_000 }, async (table, _what, change) => {
    const { dir, mate, bundle, keys, importInto } = await laptops();
    const bad = path.join(dir, 'bad.fieldbook-bundle');
    fs.writeFileSync(bad, altered(keys, bundle, table, change));
    const result = await importInto(bad);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/bad\.fieldbook-bundle holds an? .* that Fieldbook cannot use: .*Nothing was imported/);
    expect(JSON.parse((await cli('--db', mate, 'reviews', '--json')).out)).toEqual([]);
  });

  it('has a rule for every synced table and every column each one has', async () => {
    const { lead } = await laptops();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(lead, { readonly: true });
    try {
      for (const spec of SYNCED_TABLES) {
        const schema = RECORD_SCHEMAS[spec.table] as unknown as { shape: Record<string, unknown> };
        expect(schema, spec.table).toBeDefined();
        const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').all(spec.table) as Array<{ name: string }>)
          .map((c) => c.name)
          .filter((c) => !['hlc', 'updated_by', 'updated_device', 'ref_claimed'].includes(c));
        expect(Object.keys(schema.shape).sort(), spec.table).toEqual(columns.sort());
      }
    } finally {
      db.close();
    }
  });

  it('lets every record of a real whole review through', async () => {
    const { dir, lead, mate, importInto } = await laptops();
    const file = path.join(dir, 'again.fieldbook-bundle');
    await cli('--db', lead, 'bundle', 'export', 'Oxfordshire', '--out', file);
    expect((await importInto(file)).code).toBe(0);
    expect((await cli('--db', mate, 'evidence', 'list', 'Oxfordshire', '--json')).code).toBe(0);
  });
});
