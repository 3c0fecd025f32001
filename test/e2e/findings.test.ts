import path from 'node:path';
import PizZip from 'pizzip';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { docxText, reportFixture, type Caller } from '../report-fixture';
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
    const evidence = await api<{ code: string }>('addEvidence', {
      reviewId: demo.review.id,
      kind: 'document',
      title: 'Winter plan 2018/19',
      summary: 'Signed by every partner in October.',
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
    const errors = watchConsole(page);
    await page.goto(preview.url);
    await page.getByRole('link', { name: 'Oxfordshire local system progress review' }).click();
    await page.getByRole('tab', { name: /^Findings/ }).click();
    await page
      .getByRole('navigation', { name: 'KLOEs and themes' })
      .getByRole('button', { name: /Winter planning/ })
      .click();
    await page.getByRole('button', { name: 'Add progress made' }).click();
    const card = page.getByRole('article', { name: 'Progress made finding' });
    const editor = card.getByRole('textbox', { name: 'Progress made text' });
    await editor.click();
    await page.keyboard.type('Leaders agreed one winter plan for the first time ');
    await page.keyboard.press('Control+k');
    const cite = page.getByRole('dialog', { name: 'Cite evidence or a passage' });
    await cite.getByLabel('Search evidence and passages').fill(evidence.code);
    await cite
      .getByRole('list', { name: 'Evidence to cite' })
      .getByRole('button', { name: new RegExp(evidence.code) })
      .waitFor();
    await cite.getByLabel('Search evidence and passages').press('Enter');
    await editor.locator('span.citation').waitFor();
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
    await card.getByText('Saved').waitFor();
    await screenshot(page, '70-findings');

    const listed = await api<Array<{ code: string; findings: Array<{ status: string; text: string; reopened: boolean; citations: Array<{ label: string }> }> }>>('listFindings', {
      reviewId: demo.review.id,
    });
    const winter = listed.find((item) => item.findings.length > 0);
    expect(winter?.findings[0]).toMatchObject({ status: 'ready', reopened: true, citations: [{ label: evidence.code }] });
    expect(winter?.findings[0]?.text).toBe(`Leaders agreed one winter plan for the first time [${evidence.code}] and tested it in October. Social care joined later.`);

    // The citation opens its evidence item.
    await card.getByRole('button', { name: evidence.code }).click();
    await page.getByRole('tab', { name: /^Evidence/, selected: true }).waitFor();

    // Citing from the evidence matrix starts a new finding on that theme.
    const detail = await api<{ framework: Array<{ id: string; title: string }> }>('getReview', { reviewId: demo.review.id });
    const carers = detail.framework.find((f) => f.title === 'Carers')?.id ?? '';
    const survey = await api<{ code: string }>('addEvidence', {
      reviewId: demo.review.id,
      kind: 'data',
      title: 'Carers survey 2018',
      links: [{ kloeId: carers, stance: 'concern' }],
    });
    await page.getByRole('tab', { name: /^Matrix/ }).click();
    await page
      .getByRole('row', { name: /Carers/ })
      .getByRole('button')
      .first()
      .click();
    await page.getByRole('button', { name: `Cite ${survey.code} in a finding` }).click();
    await page
      .getByRole('dialog', { name: `Cite ${survey.code} in a finding` })
      .getByRole('button', { name: 'New improvement still needed' })
      .click();
    await page.getByRole('tab', { name: /^Findings/ }).click();
    await page
      .getByRole('navigation', { name: 'KLOEs and themes' })
      .getByRole('button', { name: /Carers/ })
      .click();
    await page.getByRole('article', { name: 'Improvement still needed finding' }).getByRole('button', { name: survey.code }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('exporting the report in the browser', () => {
  it('stops at the names check, lets an allowed name through, and downloads a Word file with progress shown', async () => {
    const call = previewApi(preview);
    const caller = { call: (method: string, request: unknown) => call(method, request) } as unknown as Caller;
    await reportFixture(caller, { plantName: true });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB', acceptDownloads: true });
    const errors = watchConsole(page);
    await page.goto(preview.url);
    // The first test made a demo review too: this one is the second, "(2)".
    await page.getByRole('link', { name: 'Oxfordshire local system progress review (2)' }).click();
    await page.getByRole('tab', { name: /^Findings/ }).click();
    await page.getByRole('button', { name: 'Export report…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export the report' });
    // Nothing is agreed yet: all findings go in, marked, and the dialog says how many.
    const all = dialog.getByRole('radio', { name: /^All findings, unagreed ones marked \(\d+ draft findings\)$/ });
    await all.waitFor();
    expect(await all.isChecked()).toBe(true);
    await dialog.getByRole('radio', { name: 'Agreed findings only (no findings)' }).waitFor();
    await dialog.getByText('Every page will say DRAFT').waitFor();
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await dialog.getByText('The names check found 1 possible name').waitFor();
    await dialog.getByText('Mrs Hollingsworth', { exact: true }).waitFor();
    await screenshot(page, '71-export-names-check');
    expect(await dialog.getByRole('button', { name: 'Export with the allowed names' }).isDisabled()).toBe(true);
    await dialog.getByRole('checkbox').check();
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export with the allowed names' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    expect(docxText(file, PizZip)).toContain('What improvements are still needed');
    expect(docxText(file, PizZip)).toContain('[Draft] ');
    await dialog.getByText(/^Exported .*\.docx\.$/).waitFor();
    await screenshot(page, '72-export-done');
    expect(errors).toEqual([]);
    await page.close();
  });
});
