import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptDatabase } from '../../main/store/encrypt';
import { Store } from '../../main/store/store';
import { tempDir } from '../helpers';
import { launchBrowser, previewApi, screenshot, startPreview, watchConsole, type RunningPreview } from './harness';

let browser: Browser;
let preview: RunningPreview;
const PASSPHRASE = 'lock screen passphrase';

beforeAll(async () => {
  const databasePath = path.join(tempDir(), 'lock.sqlite');
  Store.open(databasePath, {}).close();
  encryptDatabase(databasePath, PASSPHRASE);
  preview = await startPreview(databasePath, { FIELDBOOK_PASSPHRASE: PASSPHRASE });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

/** A preview of its own for one test, with a fresh page; stopped afterwards whatever happens. */
async function onOwnPreview(
  databasePath: string,
  env: Record<string, string>,
  args: string[],
  run: (own: { preview: RunningPreview; api: ReturnType<typeof previewApi>; page: Page; errors: string[] }) => Promise<void>,
): Promise<void> {
  const preview = await startPreview(databasePath, env, args);
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
    const errors = watchConsole(page);
    await run({ preview, api: previewApi(preview), page, errors });
    await page.close();
  } finally {
    await preview.stop();
  }
}

describe('the app lock', () => {
  it('hides everything on Ctrl+L and after the idle time, keeps the words being typed, and unlocks only with the passphrase', async () => {
    const api = previewApi(preview);
    const demo = await api<{ review: { id: string } }>('createDemoReview', {});
    await api('createSession', { reviewId: demo.review.id, kind: 'interview', title: 'Night team', kloeIds: [], consentNoted: true, status: 'draft' });
    await api('setLockSettings', { idleMinutes: 1 });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
    const errors = watchConsole(page);
    await page.clock.install();
    await page.goto(preview.url);
    await page.getByRole('link', { name: 'Oxfordshire local system progress review' }).click();
    await page.getByRole('tab', { name: /^Sessions/ }).click();
    await page.getByRole('link', { name: 'Night team' }).click();
    const editor = page.getByRole('textbox', { name: 'Notes' });
    await editor.click();
    await page.keyboard.type('The night team said nobody came for three hours');

    await page.keyboard.press('Control+l');
    const lock = page.getByRole('dialog', { name: 'Fieldbook is locked' });
    await lock.waitFor();
    expect(await page.getByText('The night team said nobody came').isVisible()).toBe(false);
    expect(await lock.getByText('Protection in force: encrypted with your passphrase').isVisible()).toBe(true);
    await screenshot(page, '90-locked');
    // Locked in the main process too: a direct call gets nothing, and a reload shows the lock screen.
    await expect
      .poll(
        () =>
          api('listReviews', {}).then(
            () => 'open',
            (e: Error) => e.message,
          ),
        { timeout: 10_000 },
      )
      .toMatch(/Fieldbook is locked/);
    await page.reload();
    await lock.waitFor();
    expect(await page.getByRole('button', { name: 'Reviews' }).count()).toBe(0);
    expect(await page.getByText('The night team said nobody came').count()).toBe(0);
    await screenshot(page, '90b-locked-after-reload');
    await lock.getByLabel('Passphrase').fill('not the passphrase');
    await lock.getByRole('button', { name: 'Unlock' }).click();
    await lock.getByText('That passphrase is not right').waitFor();
    await lock.getByLabel('Passphrase').fill(PASSPHRASE);
    await lock.getByRole('button', { name: 'Unlock' }).click();
    await lock.waitFor({ state: 'detached' });
    await page.getByText('The night team said nobody came for three hours').waitFor();

    // Idle for over a minute: it locks by itself.
    await page.clock.fastForward('01:10');
    await lock.waitFor();
    await lock.getByLabel('Passphrase').fill(PASSPHRASE);
    await lock.getByLabel('Passphrase').press('Enter');
    await lock.waitFor({ state: 'detached' });
    // The focus is back in the notes, where it was when the lock came: typing simply goes on.
    await expect.poll(() => editor.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('End');
    await page.keyboard.type(' at night.');
    await page.getByText('The night team said nobody came for three hours at night.').waitFor();

    const trail = await api<{ entries: Array<{ action: string }> }>('getAuditTrail', {});
    expect(trail.entries.filter((e) => e.action === 'unlock')).toHaveLength(2);
    expect(errors.filter((e) => !/401|400/.test(e))).toEqual([]);
    await page.close();
  });
});

describe('locked by the system mid-sentence', () => {
  it('keeps words typed just before the database closed and saves them once unlocked', async () => {
    const api = previewApi(preview);
    const reviews = await api<Array<{ id: string; title: string }>>('listReviews', {});
    const review = reviews.find((r) => r.title.startsWith('Oxfordshire'))!;
    const created = await api<{ session: { id: string } }>('createSession', {
      reviewId: review.id,
      kind: 'interview',
      title: 'Sleep test',
      kloeIds: [],
      consentNoted: true,
      status: 'draft',
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
    await page.goto(preview.url);
    await page.getByRole('link', { name: review.title }).click();
    await page.getByRole('tab', { name: /^Sessions/ }).click();
    await page.getByRole('link', { name: 'Sleep test' }).click();
    await page.getByRole('textbox', { name: 'Notes' }).click();
    // The laptop goes to sleep: the main process closes the database at once, before the
    // editor's autosave has run.
    await page.keyboard.type('Carers waited six weeks');
    await api('lock', {});
    const lock = page.getByRole('dialog', { name: 'Fieldbook is locked' });
    await lock.waitFor();
    await lock.getByLabel('Passphrase').fill(PASSPHRASE);
    await lock.getByLabel('Passphrase').press('Enter');
    await lock.waitFor({ state: 'detached' });
    const notes = async () => JSON.stringify((await api<{ doc: unknown }>('getSession', { sessionId: created.session.id })).doc);
    await expect.poll(notes, { timeout: 15_000 }).toContain('Carers waited six weeks');
    await page.close();
  });
});

describe('encrypting from the app', () => {
  it('encrypts an open database in place, shows the recovery key once, and keeps working', async () => {
    const dir = tempDir();
    const databasePath = path.join(dir, 'plain.sqlite');
    await onOwnPreview(databasePath, {}, [], async ({ preview, api, page, errors }) => {
      await api('createDemoReview', {});
      await page.goto(preview.url);
      await page.getByRole('button', { name: 'Data and backups' }).click();
      const card = page.getByRole('region', { name: 'Protection' });
      await card.getByText('Not encrypted').waitFor();
      await card.getByLabel('New passphrase').fill('a fine passphrase for tests');
      await card.getByLabel('Repeat the passphrase').fill('a fine passphrase for tests');
      await card.getByRole('button', { name: 'Encrypt now' }).click();
      await card.locator('.recovery-key').waitFor();
      // The verified copy taken before encrypting is listed at once.
      await page
        .getByRole('cell', { name: /pre-encryption/i })
        .first()
        .waitFor();
      expect(await card.locator('.recovery-key').textContent()).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){7}$/);
      await screenshot(page, '91-encrypted-from-app');
      await card.getByRole('button', { name: 'I have kept it safe' }).click();
      await card.getByText('are encrypted. Your passphrase opens them.').waitFor();
      expect(fs.readFileSync(databasePath).includes(Buffer.from('Oxfordshire County Council'))).toBe(false);
      await page.getByRole('button', { name: 'Reviews' }).click();
      await page.getByRole('link', { name: 'Oxfordshire local system progress review' }).waitFor();
      expect(errors).toEqual([]);
    });
  });
});

describe('starting locked', () => {
  it('opens an encrypted database only after the page is given its passphrase, refusing every other call until then', async () => {
    const databasePath = path.join(tempDir(), 'locked-start.sqlite');
    const setup = Store.open(databasePath, {});
    setup.setDisplayName('Robin Reviewer', 'reviewer');
    setup.close();
    encryptDatabase(databasePath, PASSPHRASE);
    await onOwnPreview(databasePath, {}, [], async ({ preview, api, page, errors }) => {
      await expect(api('listReviews', {})).rejects.toThrow(/Fieldbook is locked/);
      await page.goto(preview.url);
      const lock = page.getByRole('dialog', { name: 'Fieldbook is locked' });
      await lock.getByText('Your data on this laptop is encrypted').waitFor();
      expect(await page.getByRole('button', { name: 'Reviews' }).count()).toBe(0);
      await screenshot(page, '94-locked-start');
      await lock.getByLabel('Passphrase').fill('not the passphrase');
      await lock.getByLabel('Passphrase').press('Enter');
      await lock.getByText('That passphrase is not right').waitFor();
      await expect(api('listReviews', {})).rejects.toThrow(/Fieldbook is locked/);
      await lock.getByLabel('Passphrase').fill(PASSPHRASE);
      await lock.getByRole('button', { name: 'Unlock' }).click();
      await lock.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Open the Oxfordshire demo' }).click();
      await page.getByRole('tab', { name: /^Sessions/ }).waitFor();
      await screenshot(page, '95-unlocked-start');
      const trail = await api<{ entries: Array<{ action: string }> }>('getAuditTrail', {});
      expect(trail.entries.filter((e) => e.action === 'unlock')).toHaveLength(1);
      expect(errors.filter((e) => !/401|400/.test(e))).toEqual([]);
    });
  });
});

describe('the first start of the app on an unencrypted database', () => {
  it('encrypts it before showing anything, with the recovery key shown once', async () => {
    const databasePath = path.join(tempDir(), 'first-start.sqlite');
    await onOwnPreview(databasePath, {}, ['--require-encryption'], async ({ preview, api, page, errors }) => {
      await api('createDemoReview', {});
      await page.goto(preview.url);
      const screen = page.getByRole('dialog', { name: "Protect this laptop's data" });
      await screen.getByLabel('New passphrase').fill('short');
      expect(await screen.getByRole('button', { name: 'Encrypt now' }).isDisabled()).toBe(true);
      // Long but guessable: refused with the reason, as the reviewer types.
      await screen.getByLabel('New passphrase').fill('passwordpassword');
      await screen.getByLabel('Repeat the passphrase').fill('passwordpassword');
      await screen
        .getByTestId('passphrase-verdict')
        .getByText(/guessed too easily/)
        .waitFor();
      expect(await screen.getByRole('button', { name: 'Encrypt now' }).isDisabled()).toBe(true);
      await screenshot(page, '96a-weak-passphrase');
      expect(await page.getByRole('link', { name: 'Oxfordshire local system progress review' }).count()).toBe(0);
      await screen.getByLabel('New passphrase').fill('first start passphrase');
      await screen.getByLabel('Repeat the passphrase').fill('first start passphrase');
      await screenshot(page, '96-first-start-encryption');
      await screen.getByRole('button', { name: 'Encrypt now' }).click();
      await screen.locator('.recovery-key').waitFor();
      await screenshot(page, '97-first-start-recovery-key');
      expect(fs.readFileSync(databasePath).includes(Buffer.from('Oxfordshire County Council'))).toBe(false);
      await screen.getByRole('button', { name: 'I have kept it safe' }).click();
      await page.getByRole('link', { name: 'Oxfordshire local system progress review' }).waitFor();
      expect(await api<{ encrypted: boolean }>('getProtection', {})).toMatchObject({ encrypted: true, protection: 'passphrase' });
      expect(errors).toEqual([]);
    });
  });
});
