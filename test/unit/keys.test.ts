import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeyFile, keyFilePath, readKeyFile, SCRYPT, unlockWithPassphrase } from '../../main/store/keys';
import { passphraseVerdict } from '../../shared/protection/passphrase';
import { tempDir } from '../helpers';

const PASSPHRASE = 'kettle umbrella galaxy harbour';

/** A key file as Fieldbook wrote them before November 2026: scrypt N = 2^16, no cost per wrapping. */
function oldKeyFile(databasePath: string, passphrase: string, recovery: string): Buffer {
  const dataKey = crypto.randomBytes(32);
  const kdf = { name: 'scrypt' as const, N: 2 ** 16, r: 8, p: 1 };
  const wrap = (secret: string) => {
    const salt = crypto.randomBytes(16);
    const iv = crypto.randomBytes(12);
    const kek = crypto.scryptSync(secret.normalize('NFC'), salt, 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * 1024 * 1024 });
    const cipher = crypto.createCipheriv('aes-256-gcm', kek, iv);
    const data = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return { salt: salt.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  };
  const file = { version: 1, cipher: 'sqlite3mc-chacha20', kdf, passphrase: wrap(passphrase), recovery: wrap(recovery), os: null };
  fs.writeFileSync(keyFilePath(databasePath), JSON.stringify(file));
  return dataKey;
}

describe('key wrapping cost', () => {
  it('wraps new keys with scrypt N = 2^17 and records the cost on each wrapping', { timeout: 30_000 }, () => {
    const databasePath = path.join(tempDir(), 'new.sqlite');
    const { dataKey, recovery } = createKeyFile(keyFilePath(databasePath), PASSPHRASE);
    const file = readKeyFile(databasePath);
    expect(SCRYPT.N).toBe(2 ** 17);
    expect(file.kdf.N).toBe(2 ** 17);
    expect(file.passphrase.kdf?.N).toBe(2 ** 17);
    expect(unlockWithPassphrase(databasePath, PASSPHRASE).equals(dataKey)).toBe(true);
    expect(unlockWithPassphrase(databasePath, recovery).equals(dataKey)).toBe(true);
    expect((fs.statSync(keyFilePath(databasePath)).mode & 0o777).toString(8)).toBe('600');
  });

  it('upgrades an older key file on the next unlock by passphrase, and the recovery key still opens it', { timeout: 60_000 }, () => {
    const databasePath = path.join(tempDir(), 'old.sqlite');
    const recovery = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
    const dataKey = oldKeyFile(databasePath, PASSPHRASE, recovery);
    const before = fs.readFileSync(keyFilePath(databasePath), 'utf8');

    expect(() => unlockWithPassphrase(databasePath, 'not the passphrase at all')).toThrow(/not right/);
    expect(fs.readFileSync(keyFilePath(databasePath), 'utf8')).toBe(before);

    // The recovery key opens it but cannot upgrade the passphrase wrapping: nothing changes.
    expect(unlockWithPassphrase(databasePath, recovery).equals(dataKey)).toBe(true);
    expect(fs.readFileSync(keyFilePath(databasePath), 'utf8')).toBe(before);

    expect(unlockWithPassphrase(databasePath, PASSPHRASE).equals(dataKey)).toBe(true);
    const upgraded = readKeyFile(databasePath);
    expect(upgraded.passphrase.kdf?.N).toBe(2 ** 17);
    expect(upgraded.kdf.N).toBe(2 ** 17);
    expect(upgraded.recovery?.kdf?.N).toBe(2 ** 16);
    expect(unlockWithPassphrase(databasePath, PASSPHRASE).equals(dataKey)).toBe(true);
    expect(unlockWithPassphrase(databasePath, recovery.toLowerCase()).equals(dataKey)).toBe(true);
  });

  it('still unlocks when the upgrade cannot be written, and leaves the old key file whole', { timeout: 30_000 }, () => {
    const databasePath = path.join(tempDir(), 'old.sqlite');
    const dataKey = oldKeyFile(databasePath, PASSPHRASE, 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789');
    const before = fs.readFileSync(keyFilePath(databasePath), 'utf8');
    // The crash-safe write goes through "<key file>.partial": a folder there makes it fail
    // (as a full or read-only disk would), whoever runs the test.
    fs.mkdirSync(`${keyFilePath(databasePath)}.partial`);
    fs.writeFileSync(path.join(`${keyFilePath(databasePath)}.partial`, 'x'), '');
    expect(unlockWithPassphrase(databasePath, PASSPHRASE).equals(dataKey)).toBe(true);
    expect(fs.readFileSync(keyFilePath(databasePath), 'utf8')).toBe(before);
  });

  it('refuses a key file that asks for an absurd cost instead of hanging on it', () => {
    const databasePath = path.join(tempDir(), 'hostile.sqlite');
    oldKeyFile(databasePath, PASSPHRASE, 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789');
    const file = JSON.parse(fs.readFileSync(keyFilePath(databasePath), 'utf8'));
    for (const kdf of [
      { ...file.kdf, N: 2 ** 30 },
      { ...file.kdf, N: 100_000 },
      { ...file.kdf, r: 1024 },
      { ...file.kdf, p: 64 },
    ]) {
      fs.writeFileSync(keyFilePath(databasePath), JSON.stringify({ ...file, kdf }));
      const started = Date.now();
      expect(() => unlockWithPassphrase(databasePath, PASSPHRASE)).toThrow(/damaged/);
      expect(Date.now() - started).toBeLessThan(1000);
    }
  });
});

describe('passphrase strength', () => {
  it('refuses guessable passphrases with a reason, and takes a few unrelated words', () => {
    for (const weak of ['passwordpassword', 'P@ssw0rd12345', 'qwertyuiopasdf', 'abcabcabcabc', '1234567890123']) {
      const verdict = passphraseVerdict(weak);
      expect(verdict.ok, weak).toBe(false);
      expect(!verdict.ok && verdict.reason).toMatch(/guessed too easily/);
    }
    expect(passphraseVerdict('short')).toEqual({ ok: false, reason: expect.stringMatching(/at least 10 characters/) });
    expect(passphraseVerdict('Fieldbook2026!')).toEqual({ ok: false, reason: expect.stringMatching(/Fieldbook, CQC, the review/) });
    for (const strong of [PASSPHRASE, 'a fine passphrase for tests', 'winter pressures 2018 rowing']) expect(passphraseVerdict(strong), strong).toEqual({ ok: true });
  });

  it('is enforced where keys are made, not only on screen', () => {
    const databasePath = path.join(tempDir(), 'weak.sqlite');
    expect(() => createKeyFile(keyFilePath(databasePath), 'passwordpassword')).toThrow(/guessed too easily/);
    expect(fs.existsSync(keyFilePath(databasePath))).toBe(false);
  });
});
