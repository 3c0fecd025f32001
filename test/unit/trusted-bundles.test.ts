import { afterEach, describe, expect, it } from 'vitest';
import { newSigningKey, sealBundle, sealPlaintext, readSealedHeader } from '../../main/services/exchange/sealed-bundle';
import { checkedBundles } from '../../main/services/exchange/open-bundle';
import { writeBundle } from '../../main/services/exchange/bundle-file';
import { newId } from '../../shared/ids';
import { testApps, type TestApp } from '../helpers';
import { contents, importOf, keysOf, resealed, unseal } from '../exchange-helpers';

/**
 * Team bundles are sealed with the review's team key and signed by the laptop that made them:
 * whoever finds one reads nothing, whoever alters one is refused, and a laptop the review has not
 * seen before is merged only once its fingerprint has been compared and accepted.
 */
const app = testApps(afterEach);

const SECRETS = {
  designation: 'Discharge coordinator at Riverside',
  realName: 'Edna Marsh',
  notes: 'Mrs Marsh waited nine hours for a bed on the assessment unit',
  attachment: 'Escalation protocol for the discharge lounge, version 7',
};

/** The lead's demo review with an interview (a named participant, notes) and an attachment. */
async function leadLaptop(): Promise<{ lead: TestApp; reviewId: string }> {
  const lead = app();
  await lead.call('updateIdentity', { displayName: 'Asha Lead' });
  const detail = await lead.call('createDemoReview', {});
  const reviewId = detail.review.id;
  const kloe = detail.framework.find((item) => item.kind === 'theme')!;
  const session = await lead.call('createSession', {
    reviewId,
    kind: 'interview',
    title: 'Ward visit',
    participants: [{ designation: SECRETS.designation, organisationId: null, group: 'frontline_staff', realName: SECRETS.realName }],
  });
  const tagId = newId();
  await lead.call('createTag', {
    sessionId: session.session.id,
    doc: { type: 'doc', content: [{ type: 'paragraph', attrs: { id: 'b1' }, content: [{ type: 'text', text: SECRETS.notes, marks: [{ type: 'tag', attrs: { tagId } }] }] }] },
    tag: { id: tagId, kloeIds: [kloe.id] },
  });
  await lead.call('addEvidence', {
    reviewId,
    kind: 'document',
    title: 'Discharge lounge protocol',
    attachments: [{ name: 'protocol.txt', dataBase64: Buffer.from(SECRETS.attachment).toString('base64') }],
  });
  return { lead, reviewId };
}

/** What a laptop holds of a review, to show that a refusal changed nothing. */
function snapshot(laptop: TestApp) {
  return ['reviews', 'sessions', 'evidence', 'sync_versions', 'sync_peers', 'team_keys', 'attachment_files'].map((table) => `${table}:${laptop.count(table)}`).join(' ');
}

async function exported(from: TestApp, reviewId: string): Promise<Buffer> {
  return Buffer.from((await from.call('exportBundle', { reviewId, sincePeer: null })).dataBase64, 'base64');
}

describe('sealed, signed team bundles', () => {
  it('hold no participant name, note text, attachment byte, person or laptop name readable in the file', async () => {
    const { lead, reviewId } = await leadLaptop();
    const bytes = await exported(lead, reviewId);
    const keys = keysOf(lead, reviewId);
    // The bundle does carry them inside (the real name too, so a teammate's names check knows it),
    // so their absence outside is the seal's doing.
    const inside = contents(keys, bytes);
    expect(JSON.stringify(inside.records)).toContain(SECRETS.realName);
    expect(JSON.stringify(inside.records)).toContain(SECRETS.notes.slice(0, 30));
    expect(JSON.stringify(inside.records)).toContain(SECRETS.designation);
    expect([...inside.files.values()].some((file) => file.toString() === SECRETS.attachment)).toBe(true);
    // Each at least 6 bytes: a shorter one (a laptop called "vm") turns up in random ciphertext by chance.
    const needles = [
      SECRETS.designation,
      'Riverside',
      SECRETS.notes,
      'nine hours',
      SECRETS.attachment,
      'Escalation',
      'Asha Lead',
      lead.store.identity.deviceName,
      'Oxfordshire',
      SECRETS.realName,
    ].filter((needle) => needle.length >= 6);
    expect(needles.length).toBeGreaterThanOrEqual(9);
    for (const needle of needles) {
      for (const encoding of ['utf8', 'utf16le'] as const) expect(bytes.includes(Buffer.from(needle, encoding)), `${needle} (${encoding})`).toBe(false);
      expect(bytes.includes(Buffer.from(Buffer.from(needle).toString('base64').slice(0, 16), 'latin1')), `${needle} (base64)`).toBe(false);
    }
  });

  it('refuses a bundle with one bit changed anywhere, by name, and changes nothing', { timeout: 60_000 }, async () => {
    const { lead, reviewId } = await leadLaptop();
    const bytes = await exported(lead, reviewId);
    const keys = keysOf(lead, reviewId);
    const mate = app();
    const before = snapshot(mate);
    // Every region: magic, header, the start, middle and end of the ciphertext, the tag.
    const positions = [0, 30, 40, 60, 90, 120, Math.floor(bytes.length / 3), Math.floor(bytes.length / 2), bytes.length - 40, bytes.length - 17, bytes.length - 1];
    for (const at of positions) {
      const flipped = Buffer.from(bytes);
      flipped[at] = (flipped[at] ?? 0) ^ 0x01;
      const refused = await mate.failure('mergeBundle', importOf(keys, 'flipped.fieldbook-bundle', flipped));
      expect(refused.message, `bit at ${at}`).toMatch(/flipped\.fieldbook-bundle/);
      expect(snapshot(mate), `bit at ${at}`).toBe(before);
    }
    expect((await mate.call('mergeBundle', importOf(keys, 'good.fieldbook-bundle', bytes))).committed).toBe(true);
  });

  it('asks before merging a laptop new to the review, then pins it: the key is typed once and the next bundle needs nothing', async () => {
    const { lead, reviewId } = await leadLaptop();
    const keys = keysOf(lead, reviewId);
    const mate = app();
    const first = await exported(lead, reviewId);
    const file = [{ fileName: 'first.fieldbook-bundle', dataBase64: first.toString('base64') }];

    const noKey = await mate.failure('previewBundle', { files: file });
    expect(noKey.message).toMatch(/^first\.fieldbook-bundle is sealed with its review's team key, which this laptop does not have yet/);
    expect(noKey.issues.map((issue) => issue.field)).toEqual(['teamKey']);
    const typo = keys.code.slice(0, 8) + (keys.code[8] === 'A' ? 'B' : 'A') + keys.code.slice(9);
    expect((await mate.failure('previewBundle', { files: file, teamKey: typo })).message).toMatch(/typing mistake/);

    const preview = await mate.call('previewBundle', { files: file, teamKey: keys.code });
    expect(preview.from[0]).toMatchObject({ person: 'Asha Lead', signer: 'new', fingerprint: keys.fingerprint });
    expect(preview.committed).toBe(false);
    const asked = await mate.failure('mergeBundle', { files: file, teamKey: keys.code });
    expect(asked.code).toBe('conflict');
    expect(asked.message).toContain(`fingerprint ${keys.fingerprint}`);
    expect(asked.issues.map((issue) => issue.field)).toEqual(['trustSigners']);
    expect(mate.count('reviews')).toBe(0);
    expect(mate.count('team_keys')).toBe(0);
    // Fingerprints compare without regard to spaces and case, as read out by phone.
    const merged = await mate.call('mergeBundle', { files: file, teamKey: keys.code, trustSigners: [keys.fingerprint.toLowerCase().replace(/ /g, '')] });
    expect(merged.committed).toBe(true);
    expect((await mate.call('getTeamKey', { reviewId })).signers).toEqual([{ person: 'Asha Lead', device: lead.store.identity.deviceName, fingerprint: keys.fingerprint }]);

    await lead.call('addEvidence', { reviewId, kind: 'observation', title: 'Board round observed' });
    const next = await mate.call('mergeBundle', { files: [{ fileName: 'next.fieldbook-bundle', dataBase64: (await exported(lead, reviewId)).toString('base64') }] });
    expect(next.from[0]?.signer).toBe('pinned');
    expect(next.totals.added).toBe(1);
    // The teammate's own export is sealed with the same key, and the lead asks about their laptop once.
    const back = await lead.call('previewBundle', { files: [{ fileName: 'back.fieldbook-bundle', dataBase64: (await exported(mate, reviewId)).toString('base64') }] });
    expect(back.from[0]).toMatchObject({ signer: 'new', fingerprint: keysOf(mate, reviewId).fingerprint });
    // And the lead's own bundle, brought back, is its own.
    expect((await lead.call('previewBundle', { files: [{ fileName: 'own.fieldbook-bundle', dataBase64: first.toString('base64') }] })).from[0]?.signer).toBe('this laptop');
  });

  it('refuses a bundle signed by another key in a pinned teammate’s name unless that is confirmed, and a wrong team key', async () => {
    const { lead, reviewId } = await leadLaptop();
    const keys = keysOf(lead, reviewId);
    const mate = app();
    await mate.call('mergeBundle', importOf(keys, 'first.fieldbook-bundle', await exported(lead, reviewId)));
    // Someone with the team key (a former teammate) signs a bundle as the lead's laptop.
    const intruder = newSigningKey();
    const inside = contents(keys, await exported(lead, reviewId));
    const forged = resealed({ ...keys, signingKey: intruder.privateKey, fingerprint: intruder.signer.fingerprint }, inside);
    const request = { files: [{ fileName: 'forged.fieldbook-bundle', dataBase64: forged.toString('base64') }] };
    expect((await mate.call('previewBundle', request)).from[0]).toMatchObject({ signer: 'changed', fingerprint: intruder.signer.fingerprint });
    const before = snapshot(mate);
    const refused = await mate.failure('mergeBundle', request);
    expect(refused.message).toMatch(/^forged\.fieldbook-bundle claims to come from Asha Lead on .*, but is signed with a different key than the one pinned for that laptop/);
    // Trusting the pinned fingerprint is not trusting the new one.
    expect((await mate.failure('mergeBundle', { ...request, trustSigners: [keys.fingerprint] })).code).toBe('conflict');
    expect(snapshot(mate)).toBe(before);

    // A team key from another review (or a guess) opens nothing, is not kept, and changes nothing.
    const third = app();
    const other = app();
    const otherReview = (await other.call('createDemoReview', {})).review.id;
    await exported(other, otherReview);
    const wrong = await third.failure('mergeBundle', { ...importOf(keys, 'first.fieldbook-bundle', await exported(lead, reviewId)), teamKey: keysOf(other, otherReview).code });
    expect(wrong.message).toMatch(/^first\.fieldbook-bundle cannot be opened with this review's team key/);
    expect(wrong.issues.map((issue) => issue.field)).toEqual(['teamKey']);
    expect(snapshot(third)).toBe('reviews:0 sessions:0 evidence:0 sync_versions:0 sync_peers:0 team_keys:0 attachment_files:0');
  });

  it('opens with the passphrase a team agreed, refuses a weak one, and reads an old unprotected bundle with a warning', { timeout: 30_000 }, async () => {
    const { lead, reviewId } = await leadLaptop();
    expect((await lead.failure('setTeamKey', { reviewId, teamKey: 'password12' })).message).toMatch(/guessed/);
    const set = await lead.call('setTeamKey', { reviewId, teamKey: 'lantern orchard tidal quarry' });
    expect(set.code).toMatch(/^FBT-/);
    const mate = app();
    const bytes = await exported(lead, reviewId);
    const fingerprint = keysOf(lead, reviewId).fingerprint;
    const merged = await mate.call('mergeBundle', {
      files: [{ fileName: 'phrase.fieldbook-bundle', dataBase64: bytes.toString('base64') }],
      teamKey: 'lantern orchard tidal quarry',
      trustSigners: [fingerprint],
    });
    expect(merged.committed).toBe(true);
    // The passphrase and the code it comes to are one key.
    expect((await mate.call('getTeamKey', { reviewId })).code).toBe(set.code);

    // A format-1 bundle (from a laptop not yet updated) is read, and said to be unprotected.
    const inside = contents(keysOf(lead, reviewId), bytes);
    const { entries: _e, format: _f, formatVersion: _v, sizes: _s, ...manifest } = inside.manifest;
    const old = writeBundle(manifest, inside.records, inside.files, 1);
    const third = app();
    const preview = await third.call('previewBundle', { files: [{ fileName: 'old.fieldbook-bundle', dataBase64: old.toString('base64') }] });
    expect(preview.from[0]).toMatchObject({ signer: 'unprotected', fingerprint: null });
    const inspected = await third.call('inspectBundle', { file: { fileName: 'old.fieldbook-bundle', dataBase64: old.toString('base64') } });
    expect(inspected).toMatchObject({ sealed: false, formatVersion: 1, opened: true, signer: { status: 'unprotected' } });
    // Anyone could have written it: it is merged only when the person says it came straight from the teammate.
    const oldFile = { files: [{ fileName: 'old.fieldbook-bundle', dataBase64: old.toString('base64') }] };
    const asked = await third.failure('mergeBundle', oldFile);
    expect(asked.message).toMatch(/^old\.fieldbook-bundle is an old-format bundle: it was neither encrypted nor signed/);
    expect(asked.issues.map((issue) => issue.field)).toEqual(['acceptUnprotected']);
    expect(third.count('reviews')).toBe(0);
    expect((await third.call('mergeBundle', { ...oldFile, acceptUnprotected: true })).committed).toBe(true);
  });

  it('shows what a sealed bundle is without importing it: its review in the clear, the rest with the key', async () => {
    const { lead, reviewId } = await leadLaptop();
    const bytes = await exported(lead, reviewId);
    const keys = keysOf(lead, reviewId);
    const mate = app();
    const file = { fileName: 'evening.fieldbook-bundle', dataBase64: bytes.toString('base64') };
    const closed = await mate.call('inspectBundle', { file });
    expect(closed).toMatchObject({ sealed: true, formatVersion: 2, reviewId, opened: false, manifest: null, signer: null });
    expect(closed.problem).toMatch(/does not have yet/);
    const open = await mate.call('inspectBundle', { file, teamKey: keys.code });
    expect(open).toMatchObject({ opened: true, manifest: { person: 'Asha Lead', counts: { attachments: 1 } }, signer: { status: 'new', fingerprint: keys.fingerprint } });
    expect(open.manifest?.sizes?.attachments).toBe(Buffer.byteLength(SECRETS.attachment));
    expect(snapshot(mate)).toBe('reviews:0 sessions:0 evidence:0 sync_versions:0 sync_peers:0 team_keys:0 attachment_files:0');
  });

  it('keeps the key that opens, not a wrong one typed beside it; takes spaces around a code; and asks about a pinned laptop in another name', async () => {
    const { lead, reviewId } = await leadLaptop();
    const keys = keysOf(lead, reviewId);
    const mate = app();
    const first = await exported(lead, reviewId);
    // Spaces around a pasted code do not matter; a blank key is no key.
    await mate.call('mergeBundle', { ...importOf(keys, 'first.fieldbook-bundle', first), teamKey: `  ${keys.code}  ` });
    const stored = (await mate.call('getTeamKey', { reviewId })).code;
    expect(stored).toBe(keys.code);
    const again = await exported(lead, reviewId);
    const file = [{ fileName: 'again.fieldbook-bundle', dataBase64: again.toString('base64') }];
    expect((await mate.call('mergeBundle', { files: file, teamKey: '   ' })).committed).toBe(true);
    // A wrong passphrase typed beside a stored key that opens the bundle is not kept (it would seal the next export).
    expect((await mate.call('mergeBundle', { files: file, teamKey: 'some other words entirely' })).committed).toBe(true);
    expect((await mate.call('getTeamKey', { reviewId })).code).toBe(stored);
    expect(mate.count('team_keys')).toBe(1);

    // The lead's laptop and key, but the bundle says another person made it.
    const inside = contents(keys, again);
    const renamed = resealed(keys, { ...inside, manifest: { ...inside.manifest, author: { id: 'someone-else', name: 'Asha Lead' } } });
    const preview = await mate.call('previewBundle', { files: [{ fileName: 'renamed.fieldbook-bundle', dataBase64: renamed.toString('base64') }] });
    expect(preview.from[0]?.signer).toBe('changed');
  });

  it('refuses a bundle whose seal names one review and whose contents another, and a weak or mistyped key by its field', async () => {
    const { lead, reviewId } = await leadLaptop();
    const keys = keysOf(lead, reviewId);
    const other = app();
    const otherReview = (await other.call('createDemoReview', {})).review.id;
    const otherKeys = keysOf(other, otherReview);
    const otherZip = contents(otherKeys, await exported(other, otherReview));
    // The other review's contents under this review's seal and team key.
    const { entries: _e, format: _f, formatVersion: _v, sizes: _s, ...manifest } = otherZip.manifest;
    const swapped = sealBundle(writeBundle(manifest, otherZip.records, otherZip.files), reviewId, keys.teamKey, keys.signingKey);
    const mate = app();
    const refused = await mate.failure('mergeBundle', importOf(keys, 'swapped.fieldbook-bundle', swapped));
    expect(refused.message).toMatch(/^swapped\.fieldbook-bundle is inconsistent: its seal and its contents name different reviews/);
    expect(mate.count('reviews')).toBe(0);

    const weak = await lead.failure('setTeamKey', { reviewId, teamKey: 'password12' });
    expect(weak.issues.map((issue) => issue.field)).toEqual(['teamKey']);
    const typo = keys.code.slice(0, 8) + (keys.code[8] === 'A' ? 'B' : 'A') + keys.code.slice(9);
    const mistyped = await lead.failure('setTeamKey', { reviewId, teamKey: typo });
    expect(mistyped.message).toMatch(/typing mistake/);
    expect(mistyped.issues).toEqual([{ field: 'teamKey', message: 'Check the team key' }]);
    expect((await lead.call('setTeamKey', { reviewId, teamKey: ` ${otherKeys.code.toLowerCase()} ` })).code).toBe(otherKeys.code);
  });

  it('keeps what a preview checked for the merge of the same files only, and nothing once merged', async () => {
    const { lead, reviewId } = await leadLaptop();
    const keys = keysOf(lead, reviewId);
    const mate = app();
    const first = importOf(keys, 'first.fieldbook-bundle', await exported(lead, reviewId));
    await lead.call('addEvidence', { reviewId, kind: 'observation', title: 'Board round observed' });
    const second = importOf(keys, 'second.fieldbook-bundle', await exported(lead, reviewId));
    await mate.call('previewBundle', first);
    expect(checkedBundles(mate.store)).toBe(1);
    await mate.call('previewBundle', { ...first, files: [...first.files, ...second.files] });
    expect(checkedBundles(mate.store)).toBe(2);
    // Another import forgets what it does not hold.
    await mate.call('previewBundle', second);
    expect(checkedBundles(mate.store)).toBe(1);
    expect((await mate.call('mergeBundle', second)).totals.added).toBeGreaterThan(0);
    expect(checkedBundles(mate.store)).toBe(0);
    // A failed import keeps nothing it refused.
    const cut = { ...first, files: [{ fileName: 'cut.fieldbook-bundle', dataBase64: Buffer.from(first.files[0]!.dataBase64, 'base64').subarray(0, 900).toString('base64') }] };
    await mate.failure('previewBundle', cut);
    expect(checkedBundles(mate.store)).toBe(0);
  });

  it('asks for the key, not a wrong one, when only spaces were typed; and keeps a damaged bundle’s own reason', async () => {
    const { lead, reviewId } = await leadLaptop();
    const keys = keysOf(lead, reviewId);
    const bytes = await exported(lead, reviewId);
    const mate = app();
    const blank = await mate.failure('previewBundle', { files: [{ fileName: 'b.fieldbook-bundle', dataBase64: bytes.toString('base64') }], teamKey: '   ' });
    expect(blank.message).toMatch(/does not have yet/);
    expect(blank.issues).toEqual([{ field: 'teamKey', message: 'Type the team key' }]);
    // Opened with the right key, but the signature does not match: a damaged bundle, not a key problem.
    const { headerBytes } = readSealedHeader(bytes, 'x');
    const header = JSON.parse(headerBytes.toString('utf8')) as { salt: string; nonce: string };
    const block = Buffer.from(JSON.stringify({ publicKey: newSigningKey().signer.publicKey, signature: Buffer.alloc(64).toString('base64') }));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(block.length);
    const forged = sealPlaintext(
      headerBytes,
      Buffer.concat([length, block, Buffer.from('zip')]),
      keys.teamKey,
      Buffer.from(header.salt, 'base64'),
      Buffer.from(header.nonce, 'base64'),
    );
    const refused = await mate.failure('previewBundle', importOf(keys, 'forged.fieldbook-bundle', forged));
    expect(refused.message).toMatch(/^forged\.fieldbook-bundle is not signed by the key it names/);
    expect(refused.issues).toEqual([]);
    // A sealed bundle's contents, taken out of the seal and passed as an old bundle, are refused.
    const bare = await mate.failure('previewBundle', { files: [{ fileName: 'bare.fieldbook-bundle', dataBase64: unseal(keys, bytes).toString('base64') }] });
    expect(bare.message).toMatch(/^bare\.fieldbook-bundle holds the contents of a sealed bundle without its seal/);
  });

  it('names, in each question, what to confirm', async () => {
    const { lead, reviewId } = await leadLaptop();
    const keys = keysOf(lead, reviewId);
    const mate = app();
    const asked = await mate.failure('mergeBundle', { ...importOf(keys, 'first.fieldbook-bundle', await exported(lead, reviewId)), trustSigners: [] });
    expect(asked.issues).toEqual([{ field: 'trustSigners', message: `Compare ${keys.fingerprint} with Asha Lead` }]);
    const inside = contents(keys, await exported(lead, reviewId));
    const { entries: _e, format: _f, formatVersion: _v, sizes: _s, ...manifest } = inside.manifest;
    const old = writeBundle(manifest, inside.records, inside.files, 1);
    const unprotected = await mate.failure('mergeBundle', { files: [{ fileName: 'old.fieldbook-bundle', dataBase64: old.toString('base64') }] });
    expect(unprotected.issues).toEqual([{ field: 'acceptUnprotected', message: 'Confirm it came straight from the teammate' }]);
  });
});
