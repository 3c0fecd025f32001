import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { tempDir } from '../helpers';
import { expectAccessible, launchBrowser, previewApi, screenshot, startPreview, watchConsole, type RunningPreview } from './harness';

/**
 * Every screen and the dialogs they open, checked by axe against WCAG 2.2 AA (screenshot() runs
 * it), at 100 % and at 200 % zoom. Other tests check the screens they stop at the same way.
 */
let browser: Browser;
let preview: RunningPreview;
let demoId: string;
let safId: string;
const dir = tempDir();

const TABS = [
  'Overview',
  'Team',
  'Organisations',
  'Framework',
  'Sessions',
  'KLOE passages',
  'Evidence',
  'Matrix',
  'Relational audit',
  'Data profile',
  'Action plan',
  'Findings',
  'Exchange',
];
const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

beforeAll(async () => {
  preview = await startPreview(path.join(dir, 'a11y.sqlite'));
  const call = previewApi(preview);
  demoId = (await call<{ review: { id: string } }>('createDemoReview', {})).review.id;
  safId = (await call<{ review: { id: string } }>('createReview', { title: 'Kent provider assessment', kind: 'saf_provider', area: 'Kent' })).review.id;
  await call('addEvidence', { reviewId: demoId, kind: 'document', title: 'Winter plan 2018/19', date: '2018-09-03' });
  const winter = (await call<{ framework: Array<{ id: string; code: string }> }>('getReview', { reviewId: demoId })).framework.find((i) => i.code === 'T3')!;
  const session = await call<{ session: { id: string } }>('createSession', {
    reviewId: demoId,
    kind: 'interview',
    title: 'Discharge team',
    heldAt: '2018-11-06T10:30',
    kloeIds: [winter.id],
  });
  const tagId = newId();
  await call('createTag', {
    sessionId: session.session.id,
    doc: {
      type: 'doc',
      content: [{ type: 'paragraph', attrs: { id: 'b1' }, content: [{ type: 'text', text: 'Winter beds opened late', marks: [{ type: 'tag', attrs: { tagId } }] }] }],
    },
    tag: { id: tagId, kloeIds: [winter.id], stance: 'concern' },
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

/** Opens a dialog with its button, checks it, and closes it with Escape. */
async function dialog(page: Page, opener: () => Promise<void>, name: string | RegExp, picture: string): Promise<void> {
  await opener();
  await page.getByRole('dialog', { name }).waitFor();
  await screenshot(page, picture);
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
}

/** No sideways scrolling of the page itself: at 200 % only wide data tables may scroll, inside their box. */
async function reflows(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function walk(page: Page, prefix: string, zoomed: boolean): Promise<void> {
  await page.goto(preview.url);
  await page.getByRole('heading', { name: 'Reviews' }).waitFor();
  await screenshot(page, `${prefix}-home`);
  if (zoomed) expect(await reflows(page)).toBeLessThanOrEqual(0);
  await dialog(page, () => page.getByRole('button', { name: 'New review' }).click(), 'Set up a review', `${prefix}-new-review`);
  await dialog(page, () => page.keyboard.press('?'), 'Keyboard shortcuts', `${prefix}-shortcuts`);
  await page.getByRole('button', { name: 'Data and backups' }).click();
  await page.getByRole('heading', { name: 'Data and backups' }).waitFor();
  await screenshot(page, `${prefix}-data`);
  if (zoomed) expect(await reflows(page)).toBeLessThanOrEqual(0);

  for (const tab of TABS) {
    await page.evaluate((id) => (window.location.hash = `#/reviews/${id}/overview`), demoId);
    const button = page.getByRole('tab', { name: new RegExp(`^${tab}`) });
    await button.click();
    await page.getByRole('tabpanel').waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, `${prefix}-tab-${slug(tab)}`);
    if (zoomed) expect(await reflows(page), `${tab} scrolls sideways at 200 %`).toBeLessThanOrEqual(0);
  }
  await page.evaluate((id) => (window.location.hash = `#/reviews/${id}/evidence`), demoId);
  await dialog(page, () => page.getByRole('button', { name: 'Add evidence' }).click(), 'Add evidence', `${prefix}-add-evidence`);
  await page.evaluate((id) => (window.location.hash = `#/reviews/${id}/actions`), demoId);
  await dialog(page, () => page.getByRole('button', { name: 'Add action' }).click(), 'Add an action', `${prefix}-add-action`);
  await page.evaluate((id) => (window.location.hash = `#/reviews/${id}/findings`), demoId);
  await dialog(page, () => page.getByRole('button', { name: 'Export report…' }).click(), 'Export the report', `${prefix}-export-report`);
  await page.evaluate((id) => (window.location.hash = `#/reviews/${id}/scores`), safId);
  await page.getByLabel('Overall').waitFor();
  await screenshot(page, `${prefix}-tab-scores`);
  if (zoomed) expect(await reflows(page)).toBeLessThanOrEqual(0);

  // A session's notes, with the tag panel beside them.
  await page.evaluate((id) => (window.location.hash = `#/reviews/${id}/sessions`), demoId);
  await dialog(page, () => page.getByRole('button', { name: 'New session' }).click(), 'New session', `${prefix}-new-session`);
  await page.getByRole('tabpanel').getByRole('table').getByRole('link').first().click();
  await page.locator('.ProseMirror').first().waitFor();
  await screenshot(page, `${prefix}-session`);
  if (zoomed) expect(await reflows(page)).toBeLessThanOrEqual(0);
}

describe('accessibility of every screen', () => {
  it('has no axe violations (WCAG 2.2 AA) on any screen or dialog', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
    const errors = watchConsole(page);
    await walk(page, '130', false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('stays usable at 200 % zoom: nothing scrolls sideways, and axe still finds nothing', async () => {
    // A 1400 × 900 window at 200 %: half the CSS pixels, each drawn twice over.
    const page = await browser.newPage({ viewport: { width: 700, height: 450 }, deviceScaleFactor: 2, locale: 'en-GB' });
    const errors = watchConsole(page);
    await walk(page, '131-zoom-200', true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fails on a violation: a test that cannot fail is not a test', async () => {
    const page = await browser.newPage();
    await page.setContent('<html lang="en"><body><main><h1>Bad</h1><button style="width:10px;height:10px"></button><img src="x.png"></main></body></html>');
    const reporting = process.env.AXE_REPORT;
    delete process.env.AXE_REPORT;
    try {
      await expect(expectAccessible(page, 'planted faults')).rejects.toThrow(/button-name[\s\S]*image-alt/);
    } finally {
      if (reporting) process.env.AXE_REPORT = reporting;
    }
    await page.close();
  });
});
