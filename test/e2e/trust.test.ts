import fs from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { docxText } from '../report-fixture';
import { launchBrowser, previewApi, screenshot, startPreview, watchConsole, type RunningPreview } from './harness';
import { dragSelect, selectText } from './notes-helpers';

/**
 * The record a reviewer can trust, in the browser: who said a passage is chosen when it is
 * tagged; a passage whose words were deleted is listed apart and stops the report; a label that
 * would single out one person is made coarser in the exported report.
 */
let browser: Browser;
let preview: RunningPreview;
let page: Page;
let errors: string[];
const dir = tempDir();

interface Detail {
  review: { id: string };
  framework: Array<{ id: string; code: string; title: string; kind: string }>;
  organisations: Array<{ id: string; shortName: string }>;
}

beforeAll(async () => {
  preview = await startPreview(path.join(dir, 'trust.sqlite'));
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 950 }, locale: 'en-GB', acceptDownloads: true });
  errors = watchConsole(page);
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

const editor = () => page.locator('.notes-editor');
const tagsPanel = () => page.getByRole('list', { name: 'Tags in order' });

describe('a record you can trust', () => {
  let demo: Detail;
  let sessionId = '';

  it('asks who said a passage in a two-person interview, and Alt+P changes it', async () => {
    const api = previewApi(preview);
    demo = await api<Detail>('createDemoReview', {});
    const ouh = demo.organisations.find((o) => o.shortName === 'OUHFT')!;
    const occ = demo.organisations.find((o) => o.shortName === 'OCC')!;
    const winter = demo.framework.find((f) => f.code === 'T3')!;
    const created = await api<{ session: { id: string } }>('createSession', {
      reviewId: demo.review.id,
      kind: 'interview',
      title: 'Discharge and social work',
      heldAt: '2018-11-06T10:30',
      kloeIds: [winter.id],
      participants: [
        { designation: 'Discharge coordinator', organisationId: ouh.id, group: 'frontline_staff', realName: 'Pat Example' },
        { designation: 'Social worker', organisationId: occ.id, group: 'frontline_staff', realName: 'Sam Sample' },
      ],
    });
    sessionId = created.session.id;
    await page.goto(preview.url);
    await page.getByRole('link', { name: 'Oxfordshire local system progress review' }).click();
    await page.getByRole('tab', { name: /^Sessions/ }).click();
    await page.getByRole('link', { name: 'Discharge and social work' }).click();
    await editor().waitFor();
    await editor().click();
    await page.keyboard.type('The social worker said assessments wait for a bed to free. The coordinator said the board round is at nine.');
    await page.locator('.save-state').filter({ hasText: /Saved/ }).waitFor();

    await dragSelect(page, 'assessments wait for a bed to free');
    await page.getByRole('button', { name: 'Tag…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tag passage' });
    const speakers = dialog.getByRole('group', { name: 'Who said it' });
    // With two people present, nobody is assumed.
    expect(await speakers.getByRole('radio', { name: 'Several, or not recorded' }).isChecked()).toBe(true);
    await speakers.getByRole('radio', { name: 'Social worker (OCC)' }).check();
    await dialog.getByRole('checkbox', { name: /T3 Winter planning/ }).check();
    await dialog.getByRole('radio', { name: 'Concern' }).check();
    await screenshot(page, '101-tag-dialog-speaker');
    await dialog.getByRole('button', { name: 'Tag', exact: true }).click();
    const item = tagsPanel().locator('li', { hasText: 'assessments wait for a bed to free' });
    await expect.poll(() => item.getByLabel('Who said it').inputValue()).not.toBe('');
    expect(await item.getByLabel('Who said it').locator('option:checked').textContent()).toBe('Social worker (OCC)');

    // A quick tag (Alt+1) then Alt+P: the next participant, then "not recorded".
    await page.getByRole('tab', { name: 'Pins' }).click();
    await page.getByLabel('Pin a KLOE').selectOption({ label: 'T3 Winter planning' });
    await page.locator('.pins li', { hasText: 'Alt+1 T3' }).waitFor();
    await page.getByRole('tab', { name: /^Tags/ }).click();
    await selectText(page, 'the board round is at nine');
    await page.keyboard.press('Alt+1');
    const second = tagsPanel().locator('li', { hasText: 'the board round is at nine' });
    await second.waitFor();
    expect(await second.getByLabel('Who said it').locator('option:checked').textContent()).toBe('Several, or not recorded');
    await page.keyboard.press('Alt+P');
    await expect.poll(() => second.getByLabel('Who said it').locator('option:checked').textContent()).toBe('Discharge coordinator (OUHFT)');
    expect(errors).toEqual([]);
  });

  it('lists a passage whose words were deleted apart, uncounted, and warns the finding that cites it', async () => {
    const api = previewApi(preview);
    const winter = demo.framework.find((f) => f.code === 'T3')!;
    const session = await api<{ tags: Array<{ id: string; quote: string }> }>('getSession', { sessionId });
    const coordinatorTag = session.tags.find((t) => t.quote === 'the board round is at nine')!;
    const socialTag = session.tags.find((t) => t.quote.startsWith('assessments'))!;
    const cite = (tagId: string, label: string) => ({ type: 'citation', attrs: { kind: 'passage', targetId: tagId, label } });
    await api('addFinding', {
      reviewId: demo.review.id,
      itemId: winter.id,
      kind: 'improvement',
      priority: 'operational',
      doc: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Assessments wait for beds ' }, cite(socialTag.id, 'Discharge coordinator (OUHFT), 6 Nov')] }],
      },
    });
    await api('addFinding', {
      reviewId: demo.review.id,
      itemId: winter.id,
      kind: 'strength',
      doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A daily board round brings partners together ' }, cite(coordinatorTag.id, 'x')] }] },
    });

    // The reviewer deletes the coordinator's words from the notes.
    await selectText(page, ' The coordinator said the board round is at nine.');
    await page.keyboard.press('Delete');
    await page.locator('.save-state').filter({ hasText: /Saved/ }).waitFor();
    await page.getByText('1 with words deleted').waitFor();
    await screenshot(page, '102-session-words-deleted');

    await page.getByRole('button', { name: /← Oxfordshire/ }).click();
    await page.getByRole('tab', { name: /^KLOE passages/ }).click();
    await page.getByRole('tabpanel').getByLabel('KLOE').selectOption({ label: 'T3 Winter planning' });
    const counts = page.getByLabel('Counts');
    await expect.poll(() => counts.textContent()).toMatch(/^1 passage from 1 session/);
    const orphans = page.getByRole('region', { name: 'Words deleted' });
    await orphans.getByText('“the board round is at nine”').waitFor();
    await page.getByText('Social worker (OCC), 6 Nov').waitFor();
    await screenshot(page, '103-passages-words-deleted');

    await page.getByRole('tab', { name: /^Findings/ }).click();
    await page
      .getByRole('navigation', { name: 'KLOEs and themes' })
      .getByRole('button', { name: /Winter planning/ })
      .click();
    await page.getByText(/its words were deleted from the notes\. Re-place its tag/).waitFor();
    await screenshot(page, '104-finding-cites-deleted-words');
    expect(errors).toEqual([]);
  });

  it('stops the export while a citation has lost its words, then makes a singling-out label coarser in the Word report', async () => {
    await page.getByRole('button', { name: 'Export report…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export the report' });
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await dialog.getByText('1 citation cannot be traced to evidence').waitFor();
    await screenshot(page, '105-export-untraceable-citation');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // The writer removes the finding that cites the deleted words.
    const strength = page.getByRole('article', { name: 'Strength finding' });
    await strength.getByRole('button', { name: 'Remove finding' }).click();
    await strength.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Export report…' }).click();
    const again = page.getByRole('dialog', { name: 'Export the report' });
    const downloading = page.waitForEvent('download');
    await again.getByRole('button', { name: 'Export', exact: true }).click();
    const download = await downloading;
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const text = docxText(file, PizZip);
    // Only one social worker at OCC and one member of staff there: the label names a group.
    expect(text).toContain('A member of staff, 6 Nov');
    expect(text).not.toContain('Social worker (OCC)');
    expect(text).not.toContain('Discharge coordinator (OUHFT), 6 Nov');
    await again.getByText('“A member of staff” instead of').waitFor();
    await screenshot(page, '106-export-label-made-coarser');
    fs.copyFileSync(file, path.join(dir, 'coarse.docx'));
    expect(errors).toEqual([]);
  });
});
