import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { findingFromText } from '../../shared/findings/doc';
import { SYNCED_TABLES } from '../../shared/exchange/tables';
import type { NoteNode } from '../../shared/sessions/notes-doc';
import { readBundle, writeBundle } from '../../main/services/exchange/bundle-file';
import { zipEntries } from '../../main/infra/zip-codec';
import { testApps, type TestApp } from '../helpers';
import { contents, importOf, keysOf, resealed, seal, teamBundle, unseal } from '../exchange-helpers';

const app = testApps(afterEach);

function notes(paragraphs: Array<{ id: string; content: NoteNode[] }>): NoteNode {
  return { type: 'doc', content: paragraphs.map((p) => ({ type: 'paragraph', attrs: { id: p.id }, content: p.content })) };
}
const text = (value: string, tagId?: string): NoteNode => ({ type: 'text', text: value, ...(tagId ? { marks: [{ type: 'tag', attrs: { tagId } }] } : {}) });

/** Everything of a review a person can see, in a fixed order: what "identical" means. */
function dump(a: TestApp, reviewId: string): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const spec of SYNCED_TABLES) {
    // ref_claimed is bookkeeping (see migration 010); the shown ref_number is compared.
    out[spec.table] = (
      a.store.db.prepare(`SELECT * FROM ${spec.table} t WHERE ${spec.scope} ORDER BY t.${spec.key}`).all({ review: reviewId }) as Array<Record<string, unknown>>
    ).map(({ ref_claimed: _claim, ...row }) => row);
  }
  out.note_blocks = a.store.db.prepare('SELECT session_id, block_id, position, text FROM note_blocks WHERE review_id = ? ORDER BY session_id, block_id').all(reviewId);
  out.tag_kloes = a.store.db.prepare('SELECT tag_id, kloe_id, stance FROM tag_kloes WHERE review_id = ? ORDER BY tag_id, kloe_id').all(reviewId);
  out.finding_citations = a.store.db.prepare('SELECT finding_id, target_id, position FROM finding_citations WHERE review_id = ? ORDER BY finding_id, position').all(reviewId);
  return out;
}

const bundle = teamBundle;

/** Two laptops holding the same review: the lead's, and a teammate's made from its bundle. */
async function team() {
  const lead = app();
  const mate = app();
  lead.store.setDisplayName('Asha Lead');
  mate.store.setDisplayName('Ben Advisor');
  const detail = await lead.call('createDemoReview', {});
  const reviewId = detail.review.id;
  const kloe = detail.framework.find((item) => item.title === 'Winter planning');
  if (!kloe) throw new Error('no Winter planning theme');
  const session = await lead.call('createSession', { reviewId, kind: 'interview', title: 'Discharge coordinators', status: 'draft' });
  const tagId = crypto.randomUUID();
  await lead.call('createTag', {
    sessionId: session.session.id,
    doc: notes([
      { id: 'p1', content: [text('The discharge team meets daily.')] },
      { id: 'p2', content: [text('Carers said '), text('waits for packages were long', tagId), text('.')] },
    ]),
    tag: { id: tagId, kloeIds: [kloe.id], stance: 'concern' },
  });
  const items = await lead.call('addFinding', { reviewId, itemId: kloe.id, kind: 'progress_made', priority: null, doc: findingFromText('Leaders planned winter together.') });
  const findingId = items.find((item) => item.itemId === kloe.id)?.findings[0]?.id as string;
  const first = await mate.call('mergeBundle', await bundle(lead, reviewId));
  expect(first).toMatchObject({ newReview: true, committed: true, totals: { deleted: 0, conflicts: 0 } });
  return { lead, mate, reviewId, kloe, sessionId: session.session.id, tagId, findingId };
}

describe('team merge through bundles', () => {
  it('merges edits to the same note and finding made on two laptops, both ways, into identical reviews with the conflict shown', { timeout: 30_000 }, async () => {
    const { lead, mate, reviewId, sessionId, tagId, findingId } = await team();
    expect(dump(mate, reviewId)).toEqual(dump(lead, reviewId));

    // Lead changes the first paragraph; the teammate adds to the tagged one. Both reword the finding.
    await lead.call('saveNotes', {
      sessionId,
      doc: notes([
        { id: 'p1', content: [text('The discharge team meets twice daily.')] },
        { id: 'p2', content: [text('Carers said '), text('waits for packages were long', tagId), text('.')] },
      ]),
    });
    await mate.call('saveNotes', {
      sessionId,
      doc: notes([
        { id: 'p1', content: [text('The discharge team meets daily.')] },
        { id: 'p2', content: [text('Carers said '), text('waits for packages were long', tagId), text('. Two waited a month.')] },
      ]),
    });
    await lead.call('saveFinding', { findingId, doc: findingFromText('Leaders planned winter together for the first time.') });
    await mate.call('saveFinding', { findingId, doc: findingFromText('Leaders and the VCSE sector planned winter together.') });

    const intoMate = await mate.call('mergeBundle', await bundle(lead, reviewId));
    // Different paragraphs of the note merge; the same sentence of the finding cannot.
    expect(intoMate.byType.filter((type) => type.conflicts > 0).map((type) => type.type)).toEqual(['finding']);
    expect(intoMate.byType.find((type) => type.type === 'finding')).toMatchObject({ conflicts: 1 });
    expect(intoMate.backup).toMatch(/pre-merge/);
    await lead.call('mergeBundle', await bundle(mate, reviewId, 'Asha Lead'));
    expect(dump(lead, reviewId)).toEqual(dump(mate, reviewId));

    // The merged words are found by search on both laptops.
    for (const laptop of [lead, mate]) {
      const hits = await laptop.call('searchAll', { reviewId, query: 'twice daily' });
      expect(hits.map((hit) => [hit.kind, hit.targetId])).toEqual([['note', sessionId]]);
      expect((await laptop.call('searchAll', { reviewId, query: 'month' })).map((hit) => hit.kind)).toEqual(['note']);
    }

    // The note kept both edits, and the tag still sits on its words.
    const merged = await lead.call('getSession', { sessionId });
    const paragraphs = JSON.stringify(merged.doc);
    expect(paragraphs).toContain('meets twice daily');
    expect(paragraphs).toContain('Two waited a month');
    expect(merged.tags).toEqual([expect.objectContaining({ id: tagId, quote: 'waits for packages were long', orphaned: false })]);

    // Sync rows are kept only for the note (two heads, merged) and the conflicted finding; every
    // other record's state is its versions.
    expect(lead.store.db.prepare('SELECT tbl, row_id, conflicts IS NOT NULL AS conflicted FROM sync_rows ORDER BY tbl').all()).toEqual([
      { tbl: 'findings', row_id: findingId, conflicted: 1 },
      { tbl: 'sessions', row_id: sessionId, conflicted: 0 },
    ]);
    expect((await lead.call('getExchangeSummary', { reviewId })).unsent).toBe(0);

    // The finding shows both wordings side by side, by whom.
    const { conflicts } = await lead.call('listConflicts', { reviewId });
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ type: 'finding', rowId: findingId });
    const body = conflicts[0]?.fields.find((field) => field.field === 'body');
    expect(body?.options.map((option) => [option.text, option.by])).toEqual(
      expect.arrayContaining([
        ['Leaders planned winter together for the first time.', 'Asha Lead'],
        ['Leaders and the VCSE sector planned winter together.', 'Ben Advisor'],
      ]),
    );
    expect((await mate.call('listConflicts', { reviewId })).conflicts).toEqual(conflicts);

    // The lead picks the teammate's wording; the next exchange settles it on both laptops.
    const pick = body?.options.findIndex((option) => option.by === 'Ben Advisor') ?? -1;
    expect(await lead.call('resolveConflict', { table: 'findings', rowId: findingId, choices: { body: pick } })).toEqual({ resolved: true, remaining: 0 });
    expect(lead.store.db.prepare('SELECT tbl FROM sync_rows').pluck().all()).toEqual(['sessions']);
    // The pick is a version at once (nothing unsent); a later edit is unsent until exchanged.
    expect((await lead.call('getExchangeSummary', { reviewId })).unsent).toBe(0);
    await mate.call('mergeBundle', await bundle(lead, reviewId, 'Ben Advisor'));
    expect((await mate.call('listConflicts', { reviewId })).conflicts).toEqual([]);
    const findings = await mate.call('listFindings', { reviewId });
    expect(JSON.stringify(findings)).toContain('Leaders and the VCSE sector planned winter together.');
    await lead.call('mergeBundle', await bundle(mate, reviewId, 'Asha Lead'));
    expect(dump(lead, reviewId)).toEqual(dump(mate, reviewId));

    // Provenance: made by the lead, last changed by the lead (who picked), with the laptops named.
    const provenance = await mate.call('getProvenance', { table: 'findings', rowId: findingId });
    expect(provenance).toMatchObject({ createdBy: 'Asha Lead', changedBy: 'Asha Lead' });
    const view = await mate.call('getExchangeSummary', { reviewId });
    expect(view.peers.map((peer) => peer.person)).toEqual(['Asha Lead']);
    expect(view.members.map((member) => member.person)).toEqual(expect.arrayContaining(['Asha Lead', 'Ben Advisor']));

    await lead.call('saveNotes', {
      sessionId,
      doc: notes([
        { id: 'p1', content: [text('The discharge team meets twice daily, at 9 and 3.')] },
        { id: 'p2', content: [text('Carers said '), text('waits for packages were long', tagId), text('. Two waited a month.')] },
      ]),
    });
    const leadView = await lead.call('getExchangeSummary', { reviewId });
    expect(leadView.unsent).toBe(1);
    // The teammate made nothing here, and the lead changed both records after him: his two edits
    // (the note, the finding) still count as his work.
    expect(leadView.members.find((entry) => entry.person === 'Ben Advisor')).toMatchObject({ created: 0, edits: 2, lastChanged: 0 });
    expect(leadView.members.find((entry) => entry.person === 'Asha Lead')?.edits).toBeGreaterThanOrEqual(3);
    expect((await lead.call('getProvenance', { table: 'sessions', rowId: sessionId })).versions).toBe(4);
  });

  it("keeps the KLOE index in step with a teammate's deleted, cut and re-filed tags", async () => {
    const { lead, mate, reviewId, sessionId, tagId, kloe } = await team();
    const other = (await lead.call('getReview', { reviewId })).framework.find((item) => item.kind !== 'theme' && item.id !== kloe.id) ?? kloe;
    const cut = crypto.randomUUID();
    const gone = crypto.randomUUID();
    const doc = (withCut: boolean) =>
      notes([
        { id: 'p1', content: [text('The discharge team meets daily.'), ...(withCut ? [text(' Beds were full.', cut)] : [])] },
        { id: 'p2', content: [text('Carers said '), text('waits for packages were long', tagId), text('. '), text('Nobody called back.', gone)] },
      ]);
    for (const id of [cut, gone]) await lead.call('createTag', { sessionId, doc: doc(true), tag: { id, kloeIds: [kloe.id], stance: 'neutral' } });
    await mate.call('mergeBundle', await bundle(lead, reviewId));
    const index = (a: TestApp) => a.store.db.prepare('SELECT tag_id, kloe_id, stance FROM tag_kloes WHERE review_id = ? ORDER BY tag_id, kloe_id').all(reviewId);
    expect(index(mate)).toHaveLength(3);

    // The lead re-files one tag, deletes another and cuts the third's words from the notes.
    await lead.call('updateTag', { tagId, kloeIds: [other.id], stance: 'strength' });
    await lead.call('deleteTag', { tagId: gone });
    await lead.call('saveNotes', { sessionId, doc: doc(false) });
    await mate.call('mergeBundle', await bundle(lead, reviewId));
    expect(index(mate)).toEqual([{ tag_id: tagId, kloe_id: other.id, stance: 'strength' }]);
    expect(index(mate)).toEqual(index(lead));
  });

  it('refuses a truncated bundle, one with a changed byte and one from a newer Fieldbook, changing nothing', async () => {
    const { lead, mate, reviewId, findingId } = await team();
    await lead.call('saveFinding', { findingId, doc: findingFromText('Changed on the lead laptop.') });
    const good = Buffer.from((await bundle(lead, reviewId)).files[0]?.dataBase64 ?? '', 'base64');
    const keys = keysOf(lead, reviewId);
    const before = dump(mate, reviewId);
    const versionsBefore = mate.count('sync_versions');

    const truncated = good.subarray(0, good.length - 700);
    const flipped = Buffer.from(good);
    const middle = Math.floor(flipped.length / 2);
    flipped.writeUInt8(flipped.readUInt8(middle) ^ 0x01, middle);
    for (const bad of [truncated, flipped]) {
      const refused = await mate.failure('mergeBundle', importOf(keys, 'from-asha.fieldbook-bundle', bad));
      expect(refused.message).toMatch(/from-asha\.fieldbook-bundle cannot be opened with this review's team key.*changed or cut short.*Nothing was imported/);
    }
    // A later format inside the seal, correctly checksummed, is refused for what it is.
    const zip = unseal(keys, good);
    const entries = unzipSync(new Uint8Array(zip.subarray(0, zip.length - 64)));
    const manifest = JSON.parse(strFromU8(entries['manifest.json'] as Uint8Array)) as { formatVersion: number };
    manifest.formatVersion = 3;
    const body = Buffer.from(zipSync({ ...entries, 'manifest.json': strToU8(JSON.stringify(manifest)) }));
    body.writeUInt16LE(64, body.length - 2);
    const newer = seal(keys, Buffer.concat([body, Buffer.from(crypto.createHash('sha256').update(body).digest('hex'))]));
    expect((await mate.failure('mergeBundle', importOf(keys, 'next.fieldbook-bundle', newer))).message).toMatch(/made by a newer Fieldbook \(bundle format 3/);

    expect(dump(mate, reviewId)).toEqual(before);
    expect(mate.count('sync_versions')).toBe(versionsBefore);
    // The good bundle still goes in afterwards.
    expect((await mate.call('mergeBundle', importOf(keys, 'ok.fieldbook-bundle', good))).totals.updated).toBeGreaterThan(0);
  });

  it("merges several laptops' bundles in one import, after one backup, to the same review as importing them one by one", async () => {
    const { lead, mate, reviewId, sessionId, tagId, findingId } = await team();
    await lead.call('saveFinding', { findingId, doc: findingFromText('Leaders planned winter together for the first time.') });
    await mate.call('saveFinding', { findingId, doc: findingFromText('Leaders and the VCSE sector planned winter together.') });
    await mate.call('saveNotes', {
      sessionId,
      doc: notes([
        { id: 'p1', content: [text('The discharge team meets daily.')] },
        { id: 'p2', content: [text('Carers said '), text('waits for packages were long', tagId), text('. Two waited a month.')] },
      ]),
    });
    await mate.call('addEvidence', { reviewId, kind: 'observation', title: 'Board meeting observed' });
    const fromLead = await bundle(lead, reviewId);
    const fromMate = await bundle(mate, reviewId);

    const together = app();
    const backupsBefore = (await together.call('listBackups', {})).length;
    const summary = await together.call('mergeBundle', {
      files: [...fromLead.files, ...fromMate.files],
      teamKey: fromLead.teamKey,
      trustSigners: [...fromLead.trustSigners, ...fromMate.trustSigners],
    });
    expect(summary.from.map((from) => from.person)).toEqual(['Asha Lead', 'Ben Advisor']);
    expect(Object.keys(summary.byTeammate).sort()).toEqual(['Asha Lead', 'Ben Advisor']);
    expect(summary.totals.conflicts).toBe(1);
    expect((await together.call('listBackups', {})).length).toBe(backupsBefore + 1);

    const oneByOne = app();
    await oneByOne.call('mergeBundle', fromMate);
    await oneByOne.call('mergeBundle', fromLead);
    expect(dump(together, reviewId)).toEqual(dump(oneByOne, reviewId));
    expect((await together.call('listConflicts', { reviewId })).conflicts.map((open) => open.type)).toEqual(['finding']);
  });

  it('refuses bundles of two different reviews given together, and a record with a malformed field, changing nothing', async () => {
    const { lead, reviewId } = await team();
    const other = app();
    const otherReview = (await other.call('createDemoReview', {})).review.id;
    const third = app();
    const mixed = await third.failure('mergeBundle', { files: [...(await bundle(lead, reviewId)).files, ...(await bundle(other, otherReview)).files] });
    expect(mixed.message).toMatch(/\.fieldbook-bundle and .*\.fieldbook-bundle are bundles of different reviews: import bundles of different reviews one review at a time/);
    expect(third.count('reviews')).toBe(0);

    const keys = keysOf(lead, reviewId);
    const full = contents(keys, Buffer.from((await bundle(lead, reviewId)).files[0]?.dataBase64 ?? '', 'base64'));
    const [first, ...rest] = full.records.versions;
    const odd = resealed(keys, { ...full, records: { ...full.records, versions: [{ ...(first as (typeof rest)[number]), data: { ...first?.data, 'Bad-Name': 1 } }, ...rest] } });
    const refused = await third.failure('mergeBundle', importOf(keys, 'odd.fieldbook-bundle', odd));
    expect(refused.message).toMatch(/odd\.fieldbook-bundle \(records\.json\): versions\.0\.data: "Bad-Name" is not a field name/);

    // A session whose notes are not a notes document, and a finding whose text is not one either.
    for (const [table, field] of [
      ['sessions', 'notes_doc'],
      ['findings', 'body'],
    ] as const) {
      const broken = resealed(keys, {
        ...full,
        records: {
          ...full.records,
          versions: full.records.versions.map((version) => (version.t === table ? { ...version, data: { ...version.data, [field]: '{"type": "doc", "content": [' } } : version)),
        },
      });
      const notDoc = await third.failure('mergeBundle', importOf(keys, 'broken.fieldbook-bundle', broken));
      expect(notDoc.message).toMatch(
        new RegExp(
          `^broken\\.fieldbook-bundle is inconsistent: the ${table === 'sessions' ? 'session "Discharge coordinators" has notes' : 'finding ".*" has text'} that Fieldbook cannot read \\(not JSON\\)\\. Nothing was imported\\.$`,
        ),
      );
      expect(third.count('reviews')).toBe(0);
    }
    expect(third.count('sync_versions')).toBe(0);
  });

  it('reads back a bundle whose attachment is itself a zip with entry markers inside (a Word file written by a streaming tool)', async () => {
    // Streaming zip writers end each entry with a marker (PK 07 08); fflate's own writer does too.
    const word = Buffer.from(zipEntries([{ name: 'word/document.xml', bytes: strToU8('<w:document>Minutes of the A&E delivery board</w:document>'), deflate: true }]));
    expect(word.includes(Buffer.from([0x50, 0x4b, 0x07, 0x08]))).toBe(true);
    const sha = crypto.createHash('sha256').update(word).digest('hex');
    const manifest = {
      review: { id: crypto.randomUUID(), title: 'Review' },
      author: { id: 'p1', name: 'Asha Lead' },
      device: { id: 'd1', name: 'Laptop' },
      createdAt: new Date().toISOString(),
      sincePeer: null,
      counts: { versions: 0, people: 0, attachments: 1 },
    };
    const written = writeBundle(
      manifest,
      {
        people: [],
        versions: [],
        attachments: [{ sha256: sha, bytes: word.length, mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', textContent: '' }],
      },
      new Map([[sha, word]]),
    );
    expect(readBundle(written, 'minutes.fieldbook-bundle', true).files.get(sha)?.equals(word)).toBe(true);
  });

  it('refuses a bundle whose records point at one it lacks, checked once before commit, changing nothing', async () => {
    const { lead, reviewId } = await team();
    const keys = keysOf(lead, reviewId);
    const full = contents(keys, Buffer.from((await bundle(lead, reviewId)).files[0]?.dataBase64 ?? '', 'base64'));
    // A hand-made bundle with the tags but not the session they sit in.
    const records = { ...full.records, versions: full.records.versions.filter((version) => version.t !== 'sessions') };
    const lacking = resealed(keys, { ...full, records });
    const third = app();
    const refused = await third.failure('mergeBundle', importOf(keys, 'lacking.fieldbook-bundle', lacking));
    expect(refused.message).toMatch(/refers to \d+ records? this laptop does not have.*Nothing was imported/);
    expect(third.count('reviews')).toBe(0);
    expect(third.count('sync_versions')).toBe(0);
    // Row-by-row checks are back on for everything else.
    expect(third.store.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('refuses, by name and changing nothing, a new record whose short name another record here already has', async () => {
    const { lead, mate, reviewId } = await team();
    await lead.call('addOrganisation', { reviewId, name: 'Riverside Hospice', shortName: 'RH', sector: 'vcse' });
    await mate.call('addOrganisation', { reviewId, name: 'Royal Hospital', shortName: 'rh', sector: 'nhs_trust' });
    await lead.call('addEvidence', { reviewId, kind: 'document', title: 'Hospice discharge policy' });
    const before = dump(mate, reviewId);
    const versionsBefore = mate.count('sync_versions');
    const refused = await mate.failure('mergeBundle', await bundle(lead, reviewId));
    expect(refused.message).toMatch(
      /^The organisation "Riverside Hospice" in the bundle clashes with a different organisation on this laptop that has the same name or code .*Nothing was imported\.$/,
    );
    expect(dump(mate, reviewId)).toEqual(before);
    expect(mate.count('sync_versions')).toBe(versionsBefore);
  });

  it('is idempotent, asks before deleting over 20 % of a review, and renumbers evidence codes taken on both laptops', { timeout: 30_000 }, async () => {
    const { lead, mate, reviewId } = await team();
    const added = [];
    for (let i = 0; i < 40; i += 1) added.push(await lead.call('addEvidence', { reviewId, kind: 'document', title: `Document ${i}` }));
    await mate.call('mergeBundle', await bundle(lead, reviewId));
    // Merged evidence is in the search index, once each.
    const found = await mate.call('searchAll', { reviewId, query: 'document', kinds: ['evidence'] });
    expect(found).toHaveLength(added.length);
    expect(new Set(found.map((hit) => hit.targetId))).toEqual(new Set(added.map((item) => item.id)));
    const again = await mate.call('previewBundle', await bundle(lead, reviewId));
    expect(again.totals).toMatchObject({ added: 0, updated: 0, deleted: 0, conflicts: 0 });

    for (const item of added.slice(0, 30)) await lead.call('removeEvidence', { evidenceId: item.id });
    const deleting = await bundle(lead, reviewId);
    const preview = await mate.call('previewBundle', deleting);
    expect(preview).toMatchObject({ needsConfirmation: true, committed: false, totals: { deleted: 30 } });
    const refused = await mate.failure('mergeBundle', deleting);
    expect(refused.message).toMatch(/would delete 30 of the review's \d+ records .*confirm/);
    expect((await mate.call('listEvidence', { reviewId })).length).toBe(40);
    expect(await mate.call('mergeBundle', { ...deleting, confirmDeletions: true })).toMatchObject({ committed: true, totals: { deleted: 30 } });
    expect((await mate.call('listEvidence', { reviewId })).length).toBe(10);

    // Both laptops add the next item: each takes E041; after the exchange the codes differ and agree.
    const mine = await lead.call('addEvidence', { reviewId, kind: 'document', title: 'Lead’s note' });
    const theirs = await mate.call('addEvidence', { reviewId, kind: 'observation', title: 'Mate’s observation' });
    expect(mine.code).toBe(theirs.code);
    await mate.call('mergeBundle', await bundle(lead, reviewId));
    await lead.call('mergeBundle', await bundle(mate, reviewId, 'Asha Lead'));
    const codes = (await lead.call('listEvidence', { reviewId })).map((item) => item.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual((await mate.call('listEvidence', { reviewId })).map((item) => item.code));
    expect(dump(lead, reviewId)).toEqual(dump(mate, reviewId));

    // Deleting the review for real takes its exchanged versions with it.
    const title = (await mate.call('getReview', { reviewId })).review.title;
    await mate.call('deleteReview', { reviewId, confirmTitle: title });
    expect(mate.count('sync_versions')).toBe(0);
    expect(mate.count('team_keys')).toBe(0);
  });
  it('gives the same evidence codes on laptops that import the same bundles in different orders', { timeout: 60_000 }, async () => {
    const { lead, mate, reviewId } = await team();
    const others = [app(), app()];
    for (const other of others) await other.call('mergeBundle', await bundle(lead, reviewId));
    const [second, third] = others as [TestApp, TestApp];
    // Each laptop takes the same next codes for its own new evidence.
    await mate.call('addEvidence', { reviewId, kind: 'document', title: 'Mate’s document' });
    await second.call('addEvidence', { reviewId, kind: 'document', title: 'Second’s document' });
    for (const title of ['Third’s first', 'Third’s second']) await third.call('addEvidence', { reviewId, kind: 'observation', title });
    const bundles = [await bundle(mate, reviewId, 'Asha Lead'), await bundle(second, reviewId, 'Asha Lead'), await bundle(third, reviewId, 'Asha Lead')];
    const fresh = app();
    await fresh.call('mergeBundle', await bundle(lead, reviewId));
    for (const incoming of bundles) await lead.call('mergeBundle', incoming);
    for (const incoming of [...bundles].reverse()) await fresh.call('mergeBundle', incoming);
    const codes = async (a: TestApp) => (await a.call('listEvidence', { reviewId })).map((item) => `${item.code} ${item.title}`).sort();
    expect(await codes(fresh)).toEqual(await codes(lead));
    expect(new Set((await codes(lead)).map((code) => code.split(' ')[0])).size).toBe(4);
  });
  it('meets two first scores for the same quality statement as one score in conflict, not a refused import', async () => {
    const lead = app();
    const mate = app();
    lead.store.setDisplayName('Asha Lead');
    mate.store.setDisplayName('Ben Advisor');
    const created = await lead.call('createReview', { title: 'Scored area', kind: 'saf_local_authority', area: 'Kent' });
    const reviewId = created.review.id;
    const statement = created.framework.find((item) => item.kind === 'quality_statement');
    if (!statement) throw new Error('no quality statement');
    await mate.call('mergeBundle', await bundle(lead, reviewId));
    await lead.call('setScore', { statementId: statement.id, score: 2, rationale: 'Waits were long.', citedEvidenceIds: [] });
    await mate.call('setScore', { statementId: statement.id, score: 3, rationale: 'Waits were long.', citedEvidenceIds: [] });

    const merged = await mate.call('mergeBundle', await bundle(lead, reviewId));
    expect(merged.byType.find((type) => type.type === 'score')).toMatchObject({ added: 0, updated: 1, conflicts: 1 });
    await lead.call('mergeBundle', await bundle(mate, reviewId));
    expect(dump(lead, reviewId)).toEqual(dump(mate, reviewId));
    expect(dump(lead, reviewId).saf_scores).toHaveLength(1);
    const { conflicts } = await lead.call('listConflicts', { reviewId });
    expect(conflicts.flatMap((record) => record.fields.map((field) => [field.field, field.options.map((option) => option.value).sort()]))).toEqual([['score', [2, 3]]]);
    expect(conflicts[0]?.fields[0]?.options.map((option) => option.by).sort()).toEqual(['Asha Lead', 'Ben Advisor']);
  });
});
