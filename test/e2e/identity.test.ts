import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { launchBrowser, previewApi, screenshot, startPreview, watchConsole, type RunningPreview } from './harness';

let browser: Browser;
let preview: RunningPreview;

beforeAll(async () => {
  preview = await startPreview(path.join(tempDir(), 'identity.sqlite'), {}, [], true);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('the first start: who is typing', () => {
  it("asks the reviewer's name and role before anything else, instead of taking the laptop's account", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
    const errors = watchConsole(page);
    await page.goto(preview.url);
    await page.getByRole('heading', { name: 'Who is using Fieldbook on this laptop?' }).waitFor();
    expect(await page.getByRole('button', { name: 'Open the Oxfordshire demo' }).count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('autocomplete'))).toBe('name');

    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByText('Give your name as your team knows it').waitFor();
    await page.keyboard.type('Priya Shah');
    await page.keyboard.press('Enter');
    await page.getByText('Choose your role on reviews').waitFor();
    await page.getByLabel('Your role on reviews').selectOption({ label: 'Specialist advisor' });
    await screenshot(page, '125-first-start-identity');
    await page.getByLabel('Your role on reviews').press('Enter');

    await page.getByRole('button', { name: 'Open the Oxfordshire demo' }).waitFor();
    const badge = page.getByRole('button', { name: /^You: Priya Shah, .+, this laptop\. Change your name$/ });
    await badge.waitFor();
    expect(await previewApi(preview)('getIdentity', {})).toMatchObject({ displayName: 'Priya Shah', role: 'specialist_advisor', named: true });

    // Asked once: a reload goes straight to the reviews.
    await page.reload();
    await page.getByRole('button', { name: 'Open the Oxfordshire demo' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Who is using Fieldbook on this laptop?' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
