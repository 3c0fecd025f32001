import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { launchBrowser, screenshot, startPreview, watchConsole, type RunningPreview } from './harness';

let browser: Browser;
let preview: RunningPreview;

beforeAll(async () => {
  preview = await startPreview(path.join(tempDir(), 'backups.sqlite'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('backups in the UI', () => {
  it('takes a backup and restores it, undoing a later rename', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
    const errors = watchConsole(page);
    await page.goto(preview.url);
    await page.getByRole('button', { name: 'Open the Oxfordshire demo' }).click();
    await page.getByRole('heading', { name: 'Oxfordshire local system progress review' }).waitFor();

    await page.getByRole('button', { name: 'Data and backups' }).click();
    await page.getByRole('button', { name: 'Back up now' }).click();
    await page.getByRole('cell', { name: 'manual' }).waitFor();

    await page.getByRole('button', { name: 'Reviews' }).click();
    await page.getByRole('link', { name: 'Oxfordshire local system progress review' }).click();
    await page.getByLabel('Title').fill('Renamed by mistake');
    await page.keyboard.press('Control+s');
    await page.getByRole('heading', { name: 'Renamed by mistake' }).waitFor();

    await page.getByRole('button', { name: 'Data and backups' }).click();
    await page.getByRole('row').filter({ hasText: 'manual' }).getByRole('button', { name: 'Restore…' }).click();
    await screenshot(page, '20-restore-confirm');
    await page.getByRole('row').filter({ hasText: 'manual' }).getByRole('button', { name: 'Restore', exact: true }).click();
    await page.getByText(/Restored the backup of/).waitFor();
    await page.getByRole('cell', { name: 'pre-restore' }).waitFor();
    await screenshot(page, '21-restored');

    await page.getByRole('button', { name: 'Reviews' }).click();
    await page.getByRole('link', { name: 'Oxfordshire local system progress review' }).waitFor();
    expect(await page.getByText('Renamed by mistake').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
