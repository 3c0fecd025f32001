import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bundle } from '../../main/services/exchange/bundle-file';
import { testApps, type TestApp } from '../helpers';
import { contents, importOf, keysOf, resealed, type LaptopKeys } from '../exchange-helpers';

/**
 * What a teammate's bundle could do to the receiving laptop. The seal keeps outsiders out, but a
 * teammate holds the team key and signs with their own (trusted) laptop: each attack here opens a
 * real bundle, edits it and seals and signs it again, and the bundle must then pass the same
 * checks as the reviewer's own input.
 */
const app = testApps(afterEach);
const sha = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');

interface Editable {
  manifest: { author: { id: string }; entries: Record<string, string> };
  records: {
    people: Array<{ id: string; display_name: string; hlc: string; updated_by: string; updated_device: string }>;
    versions: Array<{ t: string; r: string; data: Record<string, string | number | null> }>;
    attachments: Array<{ sha256: string; bytes: number; mediaType: string; textContent: string }>;
  };
  files: Map<string, Buffer>;
}

/** The bundle after `edit`, sealed and signed afresh by the teammate's laptop, as they could. */
function tampered(keys: LaptopKeys, bundle: Buffer, edit: (parts: Editable) => void): Buffer {
  const read = contents(keys, bundle) as unknown as Editable;
  const parts: Editable = { manifest: structuredClone(read.manifest), records: structuredClone(read.records), files: new Map(read.files) };
  edit(parts);
  return resealed(keys, parts as unknown as Bundle);
}

/** Two laptops on the Oxfordshire demo: the lead has logged minutes as evidence with a text file. */
async function twoLaptops(): Promise<{ lead: TestApp; mate: TestApp; reviewId: string; bundle: Buffer; keys: LaptopKeys }> {
  const lead = app();
  const mate = app();
  const detail = await lead.call('createDemoReview', {});
  const reviewId = detail.review.id;
  await lead.call('addEvidence', {
    reviewId,
    kind: 'document',
    title: 'Minutes',
    attachments: [{ name: 'minutes.txt', dataBase64: Buffer.from('Minutes of the A&E delivery board').toString('base64') }],
  });
  const exported = await lead.call('exportBundle', { reviewId, sincePeer: null });
  return { lead, mate, reviewId, bundle: Buffer.from(exported.dataBase64, 'base64'), keys: keysOf(lead, reviewId) };
}

const EXECUTABLE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200, 0x41)]);

/** Swaps the minutes' file for `bytes` under `name`, labelled as whatever the attacker likes. */
function plant(parts: Editable, name: string, bytes: Buffer, mediaType: string): void {
  const link = parts.records.versions.find((v) => v.t === 'evidence_attachments')!;
  const oldSha = String(link.data.sha256);
  const newSha = sha(bytes);
  link.data.original_name = name;
  link.data.sha256 = newSha;
  parts.files.delete(oldSha);
  parts.files.set(newSha, bytes);
  parts.records.attachments = parts.records.attachments.map((fact) =>
    fact.sha256 === oldSha ? { sha256: newSha, bytes: bytes.length, mediaType, textContent: 'harmless minutes' } : fact,
  );
}

describe('a teammate’s bundle passes the same checks as local input', () => {
  it('refuses an attachment named minutes.bat with executable bytes labelled application/pdf, changing nothing', async () => {
    const { mate, bundle, keys } = await twoLaptops();
    const attack = tampered(keys, bundle, (parts) => plant(parts, 'minutes.bat', EXECUTABLE, 'application/pdf'));
    const error = await mate.failure('mergeBundle', importOf(keys, 'evening.fieldbook-bundle', attack));
    expect(error.message).toMatch(/evening\.fieldbook-bundle holds an attachment Fieldbook does not accept: "minutes\.bat": \.bat files are not accepted/);
    expect(mate.count('evidence')).toBe(0);
    expect(mate.count('attachment_files')).toBe(0);
  });

  it('refuses the planted attachment on merge even after the bundle was inspected and previewed', async () => {
    const { mate, bundle, keys } = await twoLaptops();
    const attack = tampered(keys, bundle, (parts) => plant(parts, 'minutes.bat', EXECUTABLE, 'application/pdf'));
    const request = importOf(keys, 'evening.fieldbook-bundle', attack);
    // Inspecting reads the bundle without the import's checks: that must not pass for having checked it.
    expect((await mate.call('inspectBundle', { file: request.files[0]!, teamKey: keys.code })).opened).toBe(true);
    expect((await mate.failure('previewBundle', request)).message).toMatch(/minutes\.bat/);
    expect((await mate.failure('mergeBundle', request)).message).toMatch(/evening\.fieldbook-bundle holds an attachment Fieldbook does not accept: "minutes\.bat"/);
    expect(mate.count('evidence')).toBe(0);
  });

  it('refuses executable bytes under a .pdf name, changing nothing', async () => {
    const { mate, bundle, keys } = await twoLaptops();
    const attack = tampered(keys, bundle, (parts) => plant(parts, 'minutes.pdf', EXECUTABLE, 'application/pdf'));
    const error = await mate.failure('mergeBundle', importOf(keys, 'evening.fieldbook-bundle', attack));
    expect(error.message).toMatch(/evening\.fieldbook-bundle holds an attachment Fieldbook does not accept: "minutes\.pdf" is not a PDF/);
    expect(mate.count('evidence')).toBe(0);
  });

  it('takes an attachment’s media type and search text from its content, never from the bundle', async () => {
    const { mate, bundle, keys } = await twoLaptops();
    const attack = tampered(keys, bundle, (parts) => {
      for (const fact of parts.records.attachments) Object.assign(fact, { mediaType: 'application/x-msdownload', textContent: 'words that are not in the file' });
    });
    await mate.call('mergeBundle', importOf(keys, 'evening.fieldbook-bundle', attack));
    const stored = mate.store.prepare('SELECT media_type, text_content FROM attachment_files').get() as { media_type: string; text_content: string };
    expect(stored).toEqual({ media_type: 'text/plain', text_content: 'Minutes of the A&E delivery board' });
  });

  it('never renames the person using the receiving laptop, nor anyone who made none of the bundle’s records', async () => {
    const { lead, mate, reviewId, keys } = await twoLaptops();
    await mate.call('updateIdentity', { displayName: 'Ben Advisor' });
    const bystander = { id: 'someone-of-another-review', display_name: 'Dr Jane Other', hlc: '9999999999999-0000-x', updated_by: 'x', updated_device: 'x' };
    mate.store.prepare('INSERT INTO people (id, display_name, hlc, updated_by, updated_device) VALUES (@id, @display_name, @hlc, @updated_by, @updated_device)').run(bystander);
    const leadBundle = Buffer.from((await lead.call('exportBundle', { reviewId, sincePeer: null })).dataBase64, 'base64');
    const attack = tampered(keys, leadBundle, (parts) => {
      const stamp = { hlc: '9999999999999-ffff-attacker', updated_by: 'attacker', updated_device: 'attacker' };
      parts.records.people.push({ id: mate.store.identity.userId, display_name: 'Renamed by a bundle', ...stamp });
      parts.records.people.push({ id: bystander.id, display_name: 'Also renamed', ...stamp });
    });
    await mate.call('mergeBundle', importOf(keys, 'evening.fieldbook-bundle', attack));
    expect((await mate.call('getIdentity', {})).displayName).toBe('Ben Advisor');
    const names = mate.store.prepare('SELECT id, display_name FROM people WHERE id IN (?, ?)').all(mate.store.identity.userId, bystander.id);
    expect(names).toEqual(
      expect.arrayContaining([
        { id: mate.store.identity.userId, display_name: 'Ben Advisor' },
        { id: bystander.id, display_name: 'Dr Jane Other' },
      ]),
    );
  });

  it('refuses a 60 MB text field, and 60 MB of search text for an attachment, before writing anything', { timeout: 60_000 }, async () => {
    const { mate, bundle, keys } = await twoLaptops();
    const huge = 'x'.repeat(60_000_000);
    const longSummary = tampered(keys, bundle, (parts) => {
      const item = parts.records.versions.find((v) => v.t === 'evidence')!;
      item.data.summary = huge;
    });
    const error = await mate.failure('mergeBundle', importOf(keys, 'long.fieldbook-bundle', longSummary));
    expect(error.message).toMatch(/long\.fieldbook-bundle.*summary.*longer than/);
    const longText = tampered(keys, bundle, (parts) => {
      for (const fact of parts.records.attachments) fact.textContent = huge;
    });
    const refused = await mate.failure('mergeBundle', importOf(keys, 'text.fieldbook-bundle', longText));
    expect(refused.message).toMatch(/text\.fieldbook-bundle \(records\.json\): attachments\.0\.textContent/);
    expect(mate.count('evidence')).toBe(0);
  });

  it('never hands the system a stored file whose name or content the rules refuse (one planted before these checks)', async () => {
    const { lead, reviewId } = await twoLaptops();
    const opened: string[] = [];
    lead.context.openFile = (_content, name) => opened.push(name);
    const [evidence] = await lead.call('listEvidence', { reviewId });
    const attachment = evidence!.attachments[0]!;
    expect(await lead.call('openAttachment', { attachmentId: attachment.id })).toEqual({ opened: true, refused: null });
    expect(opened).toEqual(['minutes.txt']);
    // As today's bundles could leave it: an executable under a .bat name.
    lead.store.prepare('UPDATE evidence_attachments SET original_name = ? WHERE id = ?').run('minutes.bat', attachment.id);
    const answer = await lead.call('openAttachment', { attachmentId: attachment.id });
    expect(answer.opened).toBe(false);
    expect(answer.refused).toMatch(/Fieldbook will not open this file: "minutes\.bat": \.bat files are not accepted.*Save a copy/);
    expect(opened).toEqual(['minutes.txt']);
  });
});
