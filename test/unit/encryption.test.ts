import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppContext } from '../../main/platform/context';
import { invoke } from '../../main/platform/dispatch';
import { LockedStart } from '../../main/services/protection/locked-start';
import { attachmentsDir } from '../../main/store/attachments';
import { unlockWithPassphrase, type OsKeyStore } from '../../main/store/keys';
import { Store } from '../../main/store/store';
import { cli, testApps } from '../helpers';

const app = testApps(afterEach);
const PLANTED = 'Ottoline Brackenbury said the night team never came';
const PASSPHRASE = 'correct horse battery staple';

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}
const holding = (dir: string, text: string) => filesUnder(dir).filter((file) => fs.readFileSync(file).includes(Buffer.from(text)));
const digest = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Runs the CLI with passphrases in the environment (never on the command line). */
async function withEnv<T>(env: Record<string, string | undefined>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  try {
    return await run();
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
}

async function plantedDatabase() {
  const a = app();
  const reviewId = (await a.call('createDemoReview', {})).review.id;
  const session = await a.call('createSession', { reviewId, kind: 'interview', title: 'Night team', kloeIds: [], consentNoted: true, status: 'final' });
  await a.call('saveNotes', {
    sessionId: session.session.id,
    doc: { type: 'doc', content: [{ type: 'paragraph', attrs: { id: 'b1' }, content: [{ type: 'text', text: PLANTED }] }] },
  });
  await a.call('addEvidence', {
    reviewId,
    kind: 'document',
    title: 'Rota',
    attachments: [{ name: 'rota.txt', dataBase64: Buffer.from(`Rota notes: ${PLANTED}`).toString('base64') }],
  });
  a.store.backup('manual');
  const db = a.databasePath;
  a.close();
  return { db, dir: path.dirname(db) };
}

describe('encryption at rest', () => {
  it('encrypts the database, its backups and attachments so none holds a planted sentence in plain text', { timeout: 30_000 }, async () => {
    const { db, dir } = await plantedDatabase();
    expect(holding(dir, PLANTED).length).toBeGreaterThanOrEqual(3); // database, backup, attachment
    const result = await withEnv({ FIELDBOOK_NEW_PASSPHRASE: PASSPHRASE }, () => cli('--db', db, 'encrypt'));
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Recovery key \(shown once.*\): [A-Z2-9]{4}(-[A-Z2-9]{4}){7}/);
    expect(holding(dir, PLANTED)).toEqual([]);
    expect(fs.readFileSync(db).subarray(0, 15).toString()).not.toBe('SQLite format 3');
    // With the passphrase everything reads as before, attachments included.
    const listed = await withEnv({ FIELDBOOK_PASSPHRASE: PASSPHRASE }, () => cli('--db', db, 'search', 'Oxfordshire', 'Brackenbury', '--json'));
    expect(listed.out).toContain('Brackenbury');
    const evidence = await withEnv({ FIELDBOOK_PASSPHRASE: PASSPHRASE }, () => cli('--db', db, 'evidence', 'list', 'Oxfordshire', '--json'));
    expect(evidence.code).toBe(0);
    const backups = await withEnv({ FIELDBOOK_PASSPHRASE: PASSPHRASE }, () => cli('--db', db, 'backups', '--json'));
    expect(JSON.parse(backups.out).map((b: { reason: string }) => b.reason)).toContain('pre-encryption');
    // New writes and new backups are encrypted too.
    await withEnv({ FIELDBOOK_PASSPHRASE: PASSPHRASE }, () => cli('--db', db, 'backups', 'create'));
    expect(holding(dir, PLANTED)).toEqual([]);
  });

  it('refuses a wrong passphrase and changes nothing; the recovery key opens it; rekey changes the passphrase', { timeout: 48_000 }, async () => {
    const { db } = await plantedDatabase();
    const encrypted = await withEnv({ FIELDBOOK_NEW_PASSPHRASE: PASSPHRASE }, () => cli('--db', db, 'encrypt'));
    const recovery = /Recovery key[^:]*: (\S+)/.exec(encrypted.out)?.[1] ?? '';
    const before = [digest(db), digest(`${db}.key.json`)];
    const wrong = await withEnv({ FIELDBOOK_PASSPHRASE: 'not the passphrase at all' }, () => cli('--db', db, 'reviews'));
    expect(wrong).toMatchObject({ code: 1, err: expect.stringMatching(/passphrase is not right\. Nothing was opened or changed/) });
    expect([digest(db), digest(`${db}.key.json`)]).toEqual(before);
    const none = await withEnv({ FIELDBOOK_PASSPHRASE: undefined }, () => cli('--db', db, 'reviews'));
    expect(none.err).toMatch(/encrypted: set FIELDBOOK_PASSPHRASE/);
    expect((await withEnv({ FIELDBOOK_PASSPHRASE: recovery }, () => cli('--db', db, 'reviews'))).code).toBe(0);
    const rekeyed = await withEnv({ FIELDBOOK_PASSPHRASE: PASSPHRASE, FIELDBOOK_NEW_PASSPHRASE: 'a brand new passphrase' }, () => cli('--db', db, 'rekey'));
    expect(rekeyed.out).toContain('Passphrase changed');
    expect((await withEnv({ FIELDBOOK_PASSPHRASE: PASSPHRASE }, () => cli('--db', db, 'reviews'))).code).toBe(1);
    expect((await withEnv({ FIELDBOOK_PASSPHRASE: 'a brand new passphrase' }, () => cli('--db', db, 'reviews', '--json'))).out).toContain('Oxfordshire');
  });

  it('starts locked: nothing is read until the passphrase opens the database, and a wrong one changes nothing', { timeout: 30_000 }, async () => {
    const { db } = await plantedDatabase();
    await withEnv({ FIELDBOOK_NEW_PASSPHRASE: PASSPHRASE }, () => cli('--db', db, 'encrypt'));
    const before = digest(db);
    const gate = new LockedStart(db, (key) => new AppContext(Store.open(db, { key })));
    expect(await gate.dispatch('getProtection', {})).toMatchObject({ ok: true, value: { encrypted: true, lockedAtStart: true } });
    expect(await gate.dispatch('listReviews', {})).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Fieldbook is locked/) } });
    expect(await gate.dispatch('unlock', { passphrase: 'not the passphrase at all' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/passphrase is not right/) },
    });
    expect(gate.current).toBeNull();
    expect(digest(db)).toBe(before);
    expect(await gate.dispatch('unlock', { passphrase: PASSPHRASE })).toEqual({ ok: true, value: { unlocked: true } });
    const listed = await gate.dispatch('listReviews', {});
    expect(JSON.stringify(listed)).toContain('Oxfordshire');
    expect(await gate.dispatch('getProtection', {})).toMatchObject({ ok: true, value: { lockedAtStart: false } });
    gate.close();
  });

  it('opens at start with the system key store only where it is a real one, and only while the person wants it', { timeout: 30_000 }, async () => {
    const { db } = await plantedDatabase();
    // A stand-in for Electron's safeStorage: AES-GCM under a secret only this "login" holds.
    const keyStore = (backend: string, secret = crypto.randomBytes(32)): OsKeyStore => ({
      backend,
      encrypt: (plain) => {
        const iv = crypto.randomBytes(12);
        const cipher = crypto.createCipheriv('aes-256-gcm', secret, iv);
        return Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      },
      decrypt: (wrapped) => {
        const decipher = crypto.createDecipheriv('aes-256-gcm', secret, wrapped.subarray(0, 12));
        decipher.setAuthTag(wrapped.subarray(-16));
        return Buffer.concat([decipher.update(wrapped.subarray(12, -16)), decipher.final()]);
      },
    });
    const login = keyStore('gnome_libsecret');
    const gateWith = (os: OsKeyStore) => new LockedStart(db, (key) => Object.assign(new AppContext(Store.open(db, { key })), { osKeyStore: os }), os);
    const opened = new AppContext(Store.open(db, {}));
    opened.osKeyStore = login;
    await invoke(opened, 'encryptNow', { passphrase: PASSPHRASE });
    expect(await invoke(opened, 'getProtection', {})).toMatchObject({ protection: 'os_key_store', osKeyStore: 'available' });
    opened.close();

    const atStart = gateWith(login);
    expect(atStart.openWithOsKeyStore()).toBe(true);
    expect(JSON.stringify(await atStart.dispatch('listReviews', {}))).toContain('Oxfordshire');
    // Another login's key store, or Linux's plain-text fallback, opens nothing.
    expect(gateWith(keyStore('gnome_libsecret')).openWithOsKeyStore()).toBe(false);
    const weak = gateWith(keyStore('basic_text'));
    expect(weak.openWithOsKeyStore()).toBe(false);
    expect(await weak.dispatch('getProtection', {})).toMatchObject({ ok: true, value: { lockedAtStart: true, osKeyStore: 'weak' } });
    // On request, the passphrase at every start instead.
    expect(await atStart.dispatch('setStartUnlock', { withOsKeyStore: false })).toMatchObject({ ok: true, value: { protection: 'passphrase' } });
    atStart.close();
    expect(gateWith(login).openWithOsKeyStore()).toBe(false);
  });

  it('detects an altered attachment file', { timeout: 30_000 }, async () => {
    const { db } = await plantedDatabase();
    await withEnv({ FIELDBOOK_NEW_PASSPHRASE: PASSPHRASE }, () => cli('--db', db, 'encrypt'));
    const sealed = filesUnder(attachmentsDir(db)).find((f) => !f.endsWith('.partial')) ?? '';
    fs.chmodSync(sealed, 0o600);
    const bytes = fs.readFileSync(sealed);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    fs.writeFileSync(sealed, bytes);
    const store = Store.open(db, { key: unlockWithPassphrase(db, PASSPHRASE) });
    const context = new AppContext(store);
    try {
      const reviewId = (store.db.prepare('SELECT id FROM reviews').get() as { id: string }).id;
      expect(await invoke(context, 'checkAttachments', { reviewId })).toEqual([expect.objectContaining({ state: 'altered' })]);
    } finally {
      context.close();
    }
  });
});
