import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { launchBrowser, previewApi, ROOT, screenshot, startPreview, watchConsole, type RunningPreview } from './harness';

/**
 * The evidence log of the generated scale-L review (5,000 items) in Chromium: only what is in view
 * is drawn, and search, filters, order, editing and arriving at one item all still work.
 */
let browser: Browser;
let preview: RunningPreview;
let page: Page;
let consoleErrors: string[];
let reviewId: string;
const dir = tempDir();
const log = () => page.getByLabel('Evidence log');
const rows = () => page.locator('[data-evidence-row]');

beforeAll(async () => {
  const databasePath = path.join(dir, 'scale-l.sqlite');
  const made = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli', 'fieldbook.cjs'), 'generate', '--scale', 'L', '--db', databasePath, '--json'], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(made.stderr);
  reviewId = (JSON.parse(made.stdout) as { reviewId: string }).reviewId;
  preview = await startPreview(databasePath);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
  consoleErrors = watchConsole(page);
  await page.goto(preview.url);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('the evidence log at 5,000 items', () => {
  it('draws only the rows in view and reaches the last item by scrolling', async () => {
    await page.evaluate((id) => (window.location.hash = `#/reviews/${id}/evidence`), reviewId);
    await log().getByRole('status').getByText('5,000 items').waitFor();
    await rows().first().waitFor();
    expect(await rows().count()).toBeLessThan(60);
    expect(await page.locator('[aria-label="Evidence log"] *').count()).toBeLessThan(3_000);
    await screenshot(page, '126-evidence-log-5000');
    await page.locator('.evidence-scroll').evaluate((scroller) => scroller.scrollTo({ top: scroller.scrollHeight }));
    await page.getByRole('cell', { name: 'E5000', exact: true }).waitFor();
    expect(await rows().count()).toBeLessThan(60);
  });

  it('sorts in the database: by title both ways, and back to reference order', async () => {
    await page.getByRole('button', { name: 'Title' }).click();
    await expect.poll(() => page.getByRole('columnheader', { name: 'Title' }).getAttribute('aria-sort')).toBe('ascending');
    const titles = async () => (await rows().locator('td:nth-child(2)').allTextContents()).slice(0, 5);
    await expect.poll(async () => (await titles())[0]).toMatch(/^A/);
    const ascending = await titles();
    await page.getByRole('button', { name: 'Title' }).click();
    await expect.poll(() => page.getByRole('columnheader', { name: 'Title' }).getAttribute('aria-sort')).toBe('descending');
    await expect.poll(async () => (await titles())[0]).not.toBe(ascending[0]);
    const descending = await titles();
    expect([...descending].sort((a, b) => b.localeCompare(a, 'en', { sensitivity: 'base' }))).toEqual(descending);
    await page.getByRole('button', { name: 'Ref' }).click();
    await expect.poll(() => rows().first().locator('td').first().textContent()).toBe('E001');
  });

  it('filters by words, code, kind and KLOE, counting what matches', async () => {
    const call = previewApi(preview);
    const search = log().getByLabel('Search');
    await search.fill('E4321');
    await expect.poll(() => log().getByRole('status').textContent()).toBe('1 item match');
    expect(await rows().first().locator('td').first().textContent()).toBe('E4321');
    await search.fill('');
    await log().getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Observation' });
    const observations = await call<{ total: number }>('listEvidencePage', { reviewId, kind: 'observation', limit: 0 });
    expect(observations.total).toBeGreaterThan(100);
    await expect.poll(() => log().getByRole('status').textContent()).toBe(`${observations.total.toLocaleString('en-GB')} items match`);
    for (const kind of await rows().locator('td:nth-child(3)').allTextContents()) expect(kind).toBe('Observation');
    // Both filters at once: observations linked to one KLOE.
    const kloe = log().getByRole('combobox', { name: 'KLOE' });
    const kloeId = await kloe.locator('option').nth(3).getAttribute('value');
    const kloeCode = ((await kloe.locator('option').nth(3).textContent()) ?? '').split(' ')[0] ?? '';
    await kloe.selectOption(kloeId ?? '');
    const both = await call<{ total: number }>('listEvidencePage', { reviewId, kind: 'observation', kloeId, limit: 0 });
    expect(both.total).toBeLessThan(observations.total);
    await expect.poll(() => log().getByRole('status').textContent()).toBe(`${both.total.toLocaleString('en-GB')} ${both.total === 1 ? 'item' : 'items'} match`);
    for (const links of await rows().locator('td:nth-child(6)').allTextContents()) expect(links).toContain(kloeCode);
    await log().getByRole('button', { name: 'Clear filters' }).click();
    await log().getByRole('status').getByText('5,000 items').waitFor();
    await screenshot(page, '127-evidence-log-filtered');
  });

  it('edits an item far down the log and shows the change in place', async () => {
    await log().getByLabel('Search').fill('E4999');
    await expect.poll(() => log().getByRole('status').textContent()).toBe('1 item match');
    await page.getByRole('row').filter({ hasText: 'E4999' }).getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Title').fill('Discharge audit, renamed at scale');
    await dialog.getByRole('button', { name: /Save/ }).click();
    await page.getByRole('cell', { name: /Discharge audit, renamed at scale/ }).waitFor();
    await log().getByLabel('Search').fill('');
    await log().getByRole('status').getByText('5,000 items').waitFor();
  });

  it('arrives at one item from a link and scrolls it into view', async () => {
    const page4000 = await previewApi(preview)<{ items: Array<{ id: string }> }>('listEvidencePage', { reviewId, text: 'E4000', limit: 1 });
    const target = page4000.items[0]?.id ?? '';
    await page.getByRole('tab', { name: /^Overview/ }).click();
    await page.evaluate(([id, item]) => (window.location.hash = `#/reviews/${id}/evidence?focus=${item}`), [reviewId, target]);
    const focused = page.locator('tr.focused[data-evidence-row]');
    await focused.waitFor();
    expect(await focused.locator('td').first().textContent()).toBe('E4000');
    expect(await focused.isVisible()).toBe(true);
    expect(consoleErrors).toEqual([]);
  });
});
