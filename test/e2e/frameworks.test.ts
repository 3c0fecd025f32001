import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { launchBrowser, previewApi, screenshot, startPreview, watchConsole, type RunningPreview } from './harness';

let browser: Browser;
let preview: RunningPreview;

beforeAll(async () => {
  preview = await startPreview(path.join(tempDir(), 'frameworks.sqlite'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

const draft = {
  format: 1,
  id: 'asc-draft-e2e',
  name: 'Adult social care (test draft)',
  version: 1,
  status: 'draft',
  reviewKinds: ['saf_provider'],
  provenance: 'Fieldbook wording for a test.',
  items: [
    {
      kind: 'key_question',
      code: 'SAFE',
      title: 'Safe',
      ours: false,
      children: [{ kind: 'kloe', code: 'S1', title: 'Keeping people safe from abuse', ours: true, ratingCharacteristics: { good: 'People are protected.' } }],
    },
  ],
};

describe('frameworks as files, in the browser', () => {
  it('offers an imported draft framework when a review is set up, marked as a draft, and the review starts on it', async () => {
    await previewApi(preview)('importFramework', { fileName: 'asc.json', text: JSON.stringify(draft) });
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
    const errors = watchConsole(page);
    await page.goto(preview.url);
    await page.getByRole('button', { name: 'Set up a review' }).click();
    await page.getByLabel('Title').fill('Care home assessment');
    await page.getByLabel('Kind of review').selectOption('saf_provider');
    await page.getByLabel('Area', { exact: true }).fill('Kent');
    const framework = page.getByLabel('Framework');
    await framework.selectOption({ label: 'Adult social care (test draft) (DRAFT) (2 items, version 1, imported)' });
    await screenshot(page, '95-new-review-imported-framework');
    await page.getByRole('button', { name: 'Create review' }).click();
    await page.getByRole('heading', { name: 'Care home assessment' }).waitFor();
    await page.getByRole('tab', { name: /^Framework/ }).click();
    await page.getByText('Keeping people safe from abuse').first().waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
