import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { launchBrowser, previewApi, screenshot, startPreview, watchConsole, type RunningPreview } from './harness';

let browser: Browser;
let preview: RunningPreview;
const dir = tempDir();

beforeAll(async () => {
  preview = await startPreview(path.join(dir, 'findings.sqlite'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('findings in the browser', () => {
  it('writes a finding citing evidence, agrees it, and sees it reopen when edited', async () => {
    const api = previewApi(preview);
    const demo = await api<{ review: { id: string } }>('createDemoReview', {});
    const evidence = await api<{ code: string }>('addEvidence', { reviewId: demo.review.id, kind: 'document', title: 'Winter plan 2018/19', summary: 'Signed by every partner in October.' });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
    const errors = watchConsole(page);
    await page.goto(preview.url);
    await page.getByRole('link', { name: 'Oxfordshire local system progress review' }).click();
    await page.getByRole('tab', { name: /^Findings/ }).click();
    await page.getByRole('navigation', { name: 'KLOEs and themes' }).getByRole('button', { name: /Winter planning/ }).click();
    await page.getByRole('button', { name: 'Add progress made' }).click();
    const card = page.getByRole('article', { name: 'Progress made finding' });
    const editor = card.getByRole('textbox', { name: 'Progress made text' });
    await editor.click();
    await page.keyboard.type('Leaders agreed one winter plan for the first time ');
    await page.keyboard.press('Control+k');
    const cite = page.getByRole('dialog', { name: 'Cite evidence or a passage' });
    await cite.getByLabel('Search evidence and passages').fill(evidence.code);
    await cite.getByRole('list', { name: 'Evidence to cite' }).getByRole('button', { name: new RegExp(evidence.code) }).waitFor();
    await cite.getByLabel('Search evidence and passages').press('Enter');
    await page.keyboard.type('and tested it in October.');
    await card.getByText('Saved').waitFor();
    await card.getByRole('button', { name: evidence.code }).waitFor(); // the cited source, under the text
    expect(await card.getByRole('button', { name: evidence.code }).getAttribute('title')).toContain('Winter plan 2018/19');

    await card.getByRole('button', { name: 'Ready for review' }).click();
    await card.getByRole('button', { name: 'Agree' }).click();
    await card.locator('.status-pill', { hasText: 'Agreed' }).waitFor();
    await editor.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Social care joined later.');
    await card.getByText('Edited after it was agreed: it needs agreeing again.').waitFor();
    await card.locator('.status-pill', { hasText: 'Ready for review' }).waitFor();
    await screenshot(page, '70-findings');

    const listed = await api<Array<{ code: string; findings: Array<{ status: string; text: string; reopened: boolean; citations: Array<{ label: string }> }> }>>('listFindings', { reviewId: demo.review.id });
    const winter = listed.find((item) => item.findings.length > 0);
    expect(winter?.findings[0]).toMatchObject({ status: 'ready', reopened: true, citations: [{ label: evidence.code }] });
    expect(winter?.findings[0]?.text).toBe(`Leaders agreed one winter plan for the first time [${evidence.code}] and tested it in October. Social care joined later.`);

    // The citation opens its evidence item.
    await card.getByRole('button', { name: evidence.code }).click();
    await page.getByRole('tab', { name: /^Evidence/, selected: true }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
