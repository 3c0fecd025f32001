import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { launchBrowser, previewApi, screenshot, startPreview, watchConsole, type RunningPreview } from './harness';

let browser: Browser;
let preview: RunningPreview;
const dir = tempDir();

beforeAll(async () => {
  preview = await startPreview(path.join(dir, 'records.sqlite'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('records in the browser', () => {
  it('warns when retention has ended, shows the verified audit trail, and deletes the review for good', async () => {
    const api = previewApi(preview);
    await api('createDemoReview', {});
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
    const errors = watchConsole(page);
    await page.goto(preview.url);
    await page.getByRole('link', { name: 'Oxfordshire local system progress review' }).click();
    const records = page.getByRole('region', { name: 'Records' });
    await records.getByLabel('Retention ends').fill('2025-11-06');
    await records.getByRole('button', { name: 'Save' }).click();
    await records.getByText('Retention ended on 6 November 2025').waitFor();
    await records.getByText('Audit trail').click();
    await records.getByText(/The chain of \d+ entries is intact/).waitFor();
    const trail = await records.getByRole('table', { name: 'Audit trail' }).textContent();
    expect(trail).toContain('setRetention');
    expect(trail).toContain('createDemoReview'); // creating the review is in its own trail
    await screenshot(page, '80-records');

    await page.getByRole('button', { name: 'Reviews' }).click();
    await page.getByText('Retention ended', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Oxfordshire local system progress review' }).click();
    await records.getByRole('button', { name: 'Delete review for good…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this review for good' });
    expect(await dialog.getByRole('button', { name: 'Delete for good' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Type the title to confirm').fill('Oxfordshire local system progress review');
    await dialog.getByRole('button', { name: 'Delete for good' }).click();
    await page.getByText(/is deleted from the database|is gone/).waitFor();
    expect(await api<unknown[]>('listReviews', { includeArchived: true })).toEqual([]);
    await screenshot(page, '81-review-deleted');
    expect(errors).toEqual([]);
    await page.close();
  });
});
