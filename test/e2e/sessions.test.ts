import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { launchBrowser, screenshot, startPreview, watchConsole, type RunningPreview } from './harness';
import { dragSelect, selectText, taggedText } from './notes-helpers';

let browser: Browser;
let preview: RunningPreview;
let page: Page;
let consoleErrors: string[];
const databasePath = path.join(tempDir(), 'sessions.sqlite');

beforeAll(async () => {
  preview = await startPreview(databasePath);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
  consoleErrors = watchConsole(page);
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

const editor = () => page.locator('.notes-editor');
const saved = () =>
  page
    .locator('.save-state')
    .filter({ hasText: /Saved|All changes saved/ })
    .waitFor();
const tagsPanel = () => page.getByRole('list', { name: 'Tags in order' });

describe('capturing an interview', () => {
  it('creates an interview and types notes that autosave', async () => {
    await page.goto(preview.url);
    await page.getByRole('button', { name: 'Open the Oxfordshire demo' }).click();
    await page.getByRole('tab', { name: /^Sessions/ }).click();
    await page.getByRole('button', { name: 'New session' }).click();
    await page.getByLabel('Title').fill('Discharge coordinators, OUHFT');
    await page.getByRole('button', { name: 'Start session' }).click();
    await page.getByRole('heading', { name: 'Discharge coordinators, OUHFT' }).waitFor();

    const details = page.getByRole('region', { name: 'Session details' });
    await details.getByRole('checkbox', { name: /Alex Morgan/ }).check();
    await details.getByRole('checkbox', { name: /T3 Winter planning/ }).check();
    await details.getByRole('button', { name: 'Add participant' }).click();
    await details.getByLabel('Designation').fill('Discharge coordinator');
    await details.getByLabel('Organisation').selectOption({ label: 'OUHFT' });
    await details.getByRole('button', { name: 'Save participants' }).click();
    await page.getByText('Participants saved').waitFor();
    await page.getByRole('button', { name: 'Details' }).click();

    await editor().click();
    await page.keyboard.type('Winter pressures');
    await page.keyboard.press('Enter');
    await page.keyboard.type('The coordinator said discharge was delayed for days when packages of care were not ready.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Weekend social work cover had improved flow since the summer.');
    await page.keyboard.press('Enter');
    await page.keyboard.press('F8');
    await page.keyboard.type('Trusted assessors were welcomed by care homes.');
    await saved();
    await expect.poll(() => page.locator('.save-state').textContent()).toMatch(/3\d words/);
  });

  it('tags a passage with the mouse through the tag dialog', async () => {
    await dragSelect(page, 'discharge was delayed for days');
    await page.getByRole('button', { name: 'Tag…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tag passage' });
    await expect.poll(() => dialog.locator('.tag-quote').textContent()).toBe('discharge was delayed for days');
    await dialog.getByRole('checkbox', { name: /T3 Winter planning/ }).check();
    await dialog.getByRole('radio', { name: 'Concern' }).check();
    await dialog.getByRole('checkbox', { name: 'Use as a quote' }).check();
    await screenshot(page, '30-tag-dialog');
    await dialog.getByRole('button', { name: 'Tag', exact: true }).click();
    await tagsPanel().getByText('“discharge was delayed for days”').waitFor();
  });

  it('tags with pinned KLOEs and digit shortcuts', async () => {
    await page.getByRole('tab', { name: 'Pins' }).click();
    // Each pin is waited for: a second choice made before the first has rendered would replace it.
    await page.getByLabel('Pin a KLOE').selectOption({ label: 'T6 Review of pathways, points of access and services' });
    await page.locator('.pins li', { hasText: 'Alt+1 T6' }).waitFor();
    await page.getByLabel('Pin a KLOE').selectOption({ label: 'T5 Workforce' });
    await page.locator('.pins li', { hasText: 'Alt+2 T5' }).waitFor();
    await page.getByRole('tab', { name: /^Tags/ }).click();

    await selectText(page, 'Weekend social work cover');
    await page.keyboard.press('Alt+2');
    await tagsPanel().getByText('“Weekend social work cover”').waitFor();
    await page.keyboard.press('Alt+s'); // the last tag is a strength
    await expect.poll(() => tagsPanel().locator('.tag-item.stance-strength').count()).toBe(1);

    await selectText(page, 'Trusted assessors were welcomed');
    await page.keyboard.press('Alt+1');
    await tagsPanel().getByText('“Trusted assessors were welcomed”').waitFor();
    await screenshot(page, '31-tagged-notes');
  });

  it("edits a tag's KLOEs and comment", async () => {
    const item = tagsPanel().locator('.tag-item').filter({ hasText: 'Weekend social work cover' });
    await item.getByRole('button', { name: 'Edit…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit tag' });
    await dialog.getByRole('checkbox', { name: /T6 Review of pathways/ }).check();
    await dialog.getByLabel('Comment').fill('Rota started in July');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await item.getByText('Rota started in July').waitFor();
    expect(await item.locator('.tag-kloes').textContent()).toBe('T5, T6');
  });

  it('keeps every tag on the same words through edits around, inside and formatting', async () => {
    const before = await taggedText(page);
    expect(Object.values(before).sort()).toEqual(['Trusted assessors were welcomed', 'Weekend social work cover', 'discharge was delayed for days']);

    await selectText(page, 'The coordinator said', 'start');
    await page.keyboard.type('In the afternoon session, ');
    await selectText(page, 'delayed for', 'start');
    await page.keyboard.type('often ');
    await selectText(page, 'social work');
    await page.keyboard.press('Control+b');
    await selectText(page, 'Trusted', 'start');
    await page.keyboard.press('Enter');
    await saved();

    const after = await taggedText(page);
    expect(Object.values(after).sort()).toEqual(['Trusted assessors were welcomed', 'Weekend social work cover', 'discharge was often delayed for days']);

    await page.reload();
    await editor().waitFor();
    await expect
      .poll(async () => Object.values(await taggedText(page)).sort())
      .toEqual(['Trusted assessors were welcomed', 'Weekend social work cover', 'discharge was often delayed for days']);
    await tagsPanel().getByText('“discharge was often delayed for days”').waitFor();
    await screenshot(page, '32-after-edits-and-reload');
  });

  it('turns a tag whose words are deleted into an orphaned quote that can be re-placed', async () => {
    await selectText(page, 'Trusted assessors were welcomed by care homes.');
    await page.keyboard.press('Backspace');
    await saved();
    const orphan = tagsPanel().locator('.tag-item.orphaned');
    await orphan.waitFor();
    expect(await orphan.textContent()).toContain('Trusted assessors were welcomed');
    await screenshot(page, '33-orphaned-tag');
    await selectText(page, 'improved flow');
    await orphan.getByRole('button', { name: 'Re-place on selection' }).click();
    await saved();
    await expect.poll(() => tagsPanel().locator('.tag-item.orphaned').count()).toBe(0);
    expect(Object.values(await taggedText(page))).toContain('improved flow');
  });

  it('finds notes by a stemmed word and opens the passage', async () => {
    await page.getByRole('button', { name: /← Oxfordshire/ }).click();
    await page.getByLabel('Search notes').fill('delays');
    const hit = page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first();
    await hit.waitFor();
    expect(await hit.locator('mark').first().textContent()).toBe('delayed');
    await screenshot(page, '34-search');
    await hit.click();
    await page.getByRole('heading', { name: 'Discharge coordinators, OUHFT' }).waitFor();
    await expect.poll(() => page.evaluate(() => window.getSelection()?.toString() ?? '')).toContain('often delayed');
  });

  it('lists the passages of a KLOE with counts and filters', async () => {
    await page.getByRole('button', { name: /← Oxfordshire/ }).click();
    await page.getByRole('tab', { name: /^KLOE passages/ }).click();
    await page.locator('.kloe-select select').selectOption({ label: 'T3 Winter planning' });
    await page.getByText('“discharge was often delayed for days”').waitFor();
    expect(await page.getByLabel('Counts').textContent()).toMatch(/1 passage from 1 session · 0 strengths · 1 concern/);
    await page.getByLabel('Stance').selectOption('strength');
    await page.getByText('0 passages').waitFor();
    await page.getByLabel('Stance').selectOption('');
    await screenshot(page, '35-kloe-passages');
    expect(consoleErrors).toEqual([]);
  });
});
