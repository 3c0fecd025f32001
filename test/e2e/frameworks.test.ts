import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { launchBrowser, screenshot, startPreview, watchConsole, type RunningPreview } from './harness';

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
  it('imports a framework file while setting up a review (a broken one refused by line), offers it marked as a draft, and starts the review on it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
    const errors = watchConsole(page);
    await page.goto(preview.url);
    await page.getByRole('button', { name: 'Set up a review' }).click();
    const pick = async (name: string, text: string) => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Import a framework file…' }).click();
      await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    };
    await pick('broken.json', '{\n  "id": oops\n}');
    await page
      .getByRole('alert')
      .getByText(/^broken\.json was not imported: it is not valid JSON \(line 2: a word that is not a value \(text needs double quotes\)\)\.$/)
      .waitFor();
    // Picking a file is not sending the form: the empty title has not been complained of.
    expect(await page.getByText('Give the review a title').count()).toBe(0);
    await screenshot(page, '96-framework-file-refused');
    await pick('asc.json', JSON.stringify(draft));
    await page.getByRole('status').getByText('Imported Adult social care (test draft) (draft), version 1: 2 items.').waitFor();
    await page.getByLabel('Title').fill('Care home assessment');
    await page.getByLabel('Kind of review').selectOption('saf_provider');
    await page.getByLabel('Area', { exact: true }).fill('Kent');
    // The imported framework stays chosen over the kind's default.
    expect(await page.getByLabel('Framework', { exact: true }).inputValue()).toBe('asc-draft-e2e@1');
    await page.getByRole('option', { name: 'Adult social care (test draft) (DRAFT) (2 items, version 1, imported)' }).waitFor({ state: 'attached' });
    await screenshot(page, '95-new-review-imported-framework');
    await page.getByRole('button', { name: 'Create review' }).click();
    await page.getByRole('heading', { name: 'Care home assessment' }).waitFor();
    await page.getByRole('tab', { name: /^Framework/ }).click();
    await page.getByText('Keeping people safe from abuse').first().waitFor();
    // The KLOE's rating characteristics came with the framework, folded until asked for.
    await page.getByText('Rating characteristics').click();
    await page.getByRole('definition').filter({ hasText: 'People are protected.' }).waitFor();
    await screenshot(page, '97-framework-rating-characteristics');
    expect(errors).toEqual([]);
    await page.close();
  });
});
