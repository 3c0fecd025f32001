import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { launchBrowser, previewApi, screenshot, startPreview, watchConsole, type RunningPreview } from './harness';

let browser: Browser;
let preview: RunningPreview;
let page: Page;
let consoleErrors: string[];
const dir = tempDir();

beforeAll(async () => {
  preview = await startPreview(path.join(dir, 'evidence.sqlite'));
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
  consoleErrors = watchConsole(page);
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

/** Drops a file on the evidence log as a person dragging it from their desktop would. */
async function dropFile(name: string, content: string, type: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ([fileName, text, mediaType]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text ?? ''], fileName ?? 'file', { type: mediaType ?? '' }));
      return transfer;
    },
    [name, content, type],
  );
  await page.dispatchEvent('[aria-label="Evidence log"]', 'dragover', { dataTransfer });
  await page.dispatchEvent('[aria-label="Evidence log"]', 'drop', { dataTransfer });
}

const PDF = '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n';
const attachmentsFolder = path.join(dir, 'evidence.sqlite-files', 'attachments');
const storedFiles = () =>
  fs.existsSync(attachmentsFolder)
    ? fs
        .readdirSync(attachmentsFolder, { recursive: true })
        .map(String)
        .filter((f) => /[0-9a-f]{64}$/.test(f))
    : [];

describe('evidence in the browser', () => {
  it('adds evidence with an attachment by drag and drop and links it to KLOEs', async () => {
    await page.goto(preview.url);
    await page.getByRole('button', { name: 'Open the Oxfordshire demo' }).click();
    await page.getByRole('tab', { name: /^Evidence/ }).click();
    await dropFile('Winter plan 2018-19.pdf', PDF, 'application/pdf');
    const dialog = page.getByRole('dialog', { name: 'Add evidence' });
    await dialog.getByText('Winter plan 2018-19.pdf').waitFor();
    expect(await dialog.getByLabel('Title').inputValue()).toBe('Winter plan 2018-19');
    await dialog.getByLabel('Source organisation').selectOption({ label: 'OCC' });
    await dialog.getByRole('button', { name: 'Link a KLOE' }).click();
    await dialog.getByLabel('KLOE').selectOption({ label: 'T3 Winter planning' });
    await dialog.getByLabel('Stance').selectOption('strength');
    await dialog.getByLabel('Weight').selectOption('key');
    await screenshot(page, '40-add-evidence');
    await dialog.getByRole('button', { name: 'Add evidence' }).click();
    await page.getByRole('cell', { name: 'E001' }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'E001' }).textContent()).toContain('T3 ★');
  });

  it('stores an identical file once and refuses a renamed one with a clear message', async () => {
    await dropFile('copy of winter plan.pdf', PDF, 'application/pdf');
    const dialog = page.getByRole('dialog', { name: 'Add evidence' });
    await dialog.getByRole('button', { name: 'Link a KLOE' }).click();
    await dialog.getByLabel('KLOE').selectOption({ label: 'T3 Winter planning' });
    await dialog.getByLabel('Stance').selectOption('concern');
    await dialog.getByRole('button', { name: 'Add evidence' }).click();
    await page.getByRole('cell', { name: 'E002' }).waitFor();
    expect(storedFiles()).toHaveLength(1);

    await dropFile('minutes.docx', PDF, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const second = page.getByRole('dialog', { name: 'Add evidence' });
    await second.getByRole('button', { name: 'Add evidence' }).click();
    await second.getByText(/"minutes.docx" is not a Word document/).waitFor();
    await screenshot(page, '41-renamed-file-refused');
    await second.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('cell', { name: 'E003' }).count()).toBe(0);
    await screenshot(page, '42-evidence-log');
  });

  it('shows the matrix update and drills into a cell', async () => {
    await page.getByRole('tab', { name: /^Matrix/ }).click();
    const row = page.getByRole('row').filter({ hasText: 'T3 Winter planning' });
    await row.getByRole('button').first().waitFor();
    expect(await row.getByRole('button').first().textContent()).toMatch(/^2▲1 ▼1/);
    expect(await page.getByRole('row').filter({ hasText: 'T1 Strategic approach' }).textContent()).toContain('No evidence');
    await page.getByLabel('Columns').selectOption('organisation');
    await page.getByRole('columnheader', { name: 'OCC' }).waitFor();
    await row.getByRole('button').nth(1).click();
    const cell = page.getByRole('complementary', { name: 'Behind the cell' });
    await cell.getByText('E001 Winter plan 2018-19').waitFor();
    await screenshot(page, '43-matrix-drill-down');
    await cell.getByText('E001 Winter plan 2018-19').click();
    await page.getByRole('row').filter({ hasText: 'E001' }).and(page.locator('.focused')).waitFor();
  });

  it('searches notes and evidence together, filtered by kind', async () => {
    await page.getByLabel('Search notes and evidence').fill('winter plan');
    const hit = page.getByRole('listbox', { name: 'Search results' }).getByRole('option').filter({ hasText: 'Evidence · E001 Winter plan 2018-19' });
    await hit.waitFor();
    await page.getByRole('checkbox', { name: 'Evidence' }).uncheck();
    await expect.poll(() => page.getByRole('listbox', { name: 'Search results' }).getByRole('option').filter({ hasText: 'Evidence ·' }).count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Evidence' }).check();
    await hit.waitFor();
    await screenshot(page, '44-search-all');
    await hit.click();
    await page.getByRole('row').filter({ hasText: 'E001' }).and(page.locator('.focused')).waitFor();
  });

  it('scores SAF quality statements and rolls them up as they change', async () => {
    const call = previewApi(preview);
    const saf = await call<{ review: { id: string } }>('createReview', { title: 'Kent provider assessment', kind: 'saf_provider', area: 'Kent' });
    await call('addEvidence', { reviewId: saf.review.id, kind: 'observation', title: 'Ward observation' });
    await page.evaluate((id) => (window.location.hash = `#/reviews/${id}/scores`), saf.review.id);
    const overall = page.getByLabel('Overall');
    await overall.getByText('Not scored yet').waitFor();
    await page.getByLabel('Score for Learning culture').selectOption('3');
    await page.getByLabel('Score for Safeguarding').selectOption('4');
    await page.getByLabel('Score for Safe environments').selectOption('2');
    await expect.poll(() => overall.textContent()).toMatch(/75% · Good \(3 scored, 31 not yet\)/);
    await page.getByLabel('Rationale for Learning culture').fill('Incidents are reviewed weekly and learning shared across teams.');
    await page.getByLabel('Cite evidence for Learning culture').fill('ward');
    await page.getByRole('option', { name: 'E001 Ward observation' }).waitFor();
    await page.getByLabel('Cite evidence for Learning culture').press('Enter');
    await page.getByRole('button', { name: 'Remove citation E001' }).waitFor();
    expect(await page.getByLabel('Cite evidence for Learning culture').inputValue()).toBe('');
    await page.getByLabel('Score for Safe environments').selectOption('');
    await expect.poll(() => overall.textContent()).toMatch(/88% · Outstanding \(2 scored/);
    await screenshot(page, '45-saf-scores');
    expect(consoleErrors).toEqual([]);
  });
});
