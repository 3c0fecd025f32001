import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { launchBrowser, screenshot, startPreview, watchConsole, type RunningPreview } from './harness';

let browser: Browser;
let preview: RunningPreview;
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  preview = await startPreview(path.join(tempDir(), 'e2e.sqlite'));
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
  consoleErrors = watchConsole(page);
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

const tab = (name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });

describe('setting up a review in the browser', () => {
  it('creates a review through the UI, refusing an empty title', async () => {
    await page.goto(preview.url);
    await page.getByRole('heading', { name: 'Welcome to Fieldbook' }).waitFor();
    await screenshot(page, '01-first-run');
    expect(page.url()).not.toContain('token='); // the token is taken out of the address bar

    await page.getByRole('button', { name: 'Set up a review' }).click();
    await page.getByRole('button', { name: 'Create review' }).click();
    await expect.poll(() => page.getByText('Give the review a title').isVisible()).toBe(true);
    await page.getByLabel('Title').fill('Buckinghamshire local system review');
    await page.getByLabel('Kind of review').selectOption('local_system_review');
    await page.getByLabel('Area', { exact: true }).fill('Buckinghamshire');
    await page.getByLabel('Visit starts').fill('2018-03-12');
    await page.getByLabel('Visit ends').fill('2018-03-16');
    await screenshot(page, '02-new-review-dialog');
    await page.getByRole('button', { name: 'Create review' }).click();
    await page.getByRole('heading', { name: 'Buckinghamshire local system review' }).waitFor();
  });

  it('adds team members, refusing one without a name', async () => {
    await tab('Team').click();
    await page.getByRole('button', { name: 'Add team member' }).click();
    await expect.poll(() => page.getByText('Name is required').isVisible()).toBe(true);
    const add = page.getByRole('form', { name: 'Add team member' });
    await add.getByLabel('Name').fill('Alex Morgan');
    await add.getByLabel('Role').selectOption('lead_reviewer');
    await add.getByLabel('Background').fill('CQC reviewer');
    await add.getByLabel('Background').press('Enter');
    await page.getByRole('cell', { name: 'Alex Morgan' }).waitFor();
    await add.getByLabel('Name').fill('Jo Fletcher');
    await add.getByLabel('Role').selectOption('specialist_advisor');
    await add.getByLabel('Background').fill('Local government');
    await page.getByRole('button', { name: 'Add team member' }).click();
    await page.getByRole('cell', { name: 'Jo Fletcher' }).waitFor();
    await screenshot(page, '03-team');
  });

  it('adds organisations and refuses a duplicate short name with a message', async () => {
    await tab('Organisations').click();
    const add = page.getByRole('form', { name: 'Add organisation' });
    await add.getByLabel('Organisation').fill('Buckinghamshire County Council');
    await add.getByLabel('Short name').fill('BCC');
    await add.getByLabel('Sector').selectOption('local_authority');
    await page.getByRole('button', { name: 'Add organisation' }).click();
    await page.getByRole('cell', { name: 'Buckinghamshire County Council' }).waitFor();
    await add.getByLabel('Organisation').fill('Buckinghamshire Healthcare NHS Trust');
    await add.getByLabel('Short name').fill('bcc');
    await page.getByRole('button', { name: 'Add organisation' }).click();
    await expect.poll(() => page.getByText('Already used by Buckinghamshire County Council', { exact: true }).isVisible()).toBe(true);
    await screenshot(page, '04-organisations-duplicate');
    await add.getByLabel('Short name').fill('BHT');
    await add.getByLabel('Sector').selectOption('nhs_trust');
    await page.getByRole('button', { name: 'Add organisation' }).click();
    await page.getByRole('cell', { name: 'Buckinghamshire Healthcare NHS Trust' }).waitFor();
    await screenshot(page, '05-organisations');
  });

  it('edits a KLOE in the framework', async () => {
    await tab('Framework').click();
    const kloe = page.getByRole('treeitem').filter({ has: page.locator('.code', { hasText: /^JS2\.R$/ }) });
    await kloe.click();
    await kloe.getByRole('button', { name: 'Edit' }).click();
    const title = page.getByRole('tree').getByLabel('Title'); // the row is now its edit form
    await title.fill('Responsive: How well does the system respond to winter surges in demand?');
    await title.press('Enter');
    await page.getByText('How well does the system respond to winter surges in demand?').waitFor();
    await screenshot(page, '06-framework-edited');
  });

  it('finds it all there after a reload', async () => {
    await page.reload();
    await page.getByText('How well does the system respond to winter surges in demand?').waitFor();
    await tab('Team').click();
    await page.getByRole('cell', { name: 'Jo Fletcher' }).waitFor();
    await tab('Organisations').click();
    expect(await page.getByRole('row').filter({ hasText: 'BHT' }).count()).toBe(1);
    await page.getByRole('link', { name: 'Fieldbook' }).click();
    await page.getByRole('link', { name: 'Buckinghamshire local system review' }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'BCC, BHT' }).count()).toBe(1);
    await screenshot(page, '07-review-list');
  });

  it('removes a team member and brings them back with Undo', async () => {
    await page.getByRole('link', { name: 'Buckinghamshire local system review' }).click();
    await tab('Team').click();
    await page.getByRole('row').filter({ hasText: 'Jo Fletcher' }).getByRole('button', { name: 'Remove' }).click();
    await page.getByText('Jo Fletcher removed from the team').waitFor();
    expect(await page.getByRole('cell', { name: 'Jo Fletcher' }).count()).toBe(0);
    await screenshot(page, '08-team-undo');
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('cell', { name: 'Jo Fletcher' }).waitFor();
    expect(consoleErrors).toEqual([]);
  });
});
