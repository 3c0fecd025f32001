import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { launchBrowser, screenshot, startPreview, watchConsole, type RunningPreview } from './harness';

let browser: Browser;
let preview: RunningPreview;
const dir = tempDir();

beforeAll(async () => {
  preview = await startPreview(path.join(dir, 'audit.sqlite'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

const CSV =
  '\uFEFFrespondent,organisation,role,about,statement,score,comment\r\n' +
  'r1,OCC,system leader,OUHFT,DIR1,4,\r\n' +
  'r1,OCC,system_leader,OUHFT,DIR3,2,"Decisions reach us late, often after the fact"\r\n' +
  'r2,OCC,frontline,OUHFT,DIR1,5,\r\n' +
  'r2,OCC,frontline,OUHFT,DIR3,N/A,\r\n' +
  'r3,OCC,other,OUHFT,DIR1,3,\r\n' +
  'r3,OCC,other,OUHFT,DIR3,1,\r\n' +
  'r4,OUHFT,system leader,OCC,DIR1,2,\r\n' +
  'r5,OCC,frontline,OUHFT,DIR2,7,\r\n';

describe('relational audit in the browser', () => {
  it('refuses a file with a bad row, then imports the valid rows', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
    const errors = watchConsole(page);
    await page.goto(preview.url);
    await page.getByRole('button', { name: 'Open the Oxfordshire demo' }).click();
    await page.getByRole('tab', { name: /^Relational audit/ }).click();
    const file = path.join(dir, 'answers.csv');
    fs.writeFileSync(file, CSV);
    await page.getByLabel('Audit CSV file').setInputFiles(file);
    const dialog = page.getByRole('dialog', { name: 'Audit import' });
    await dialog.getByText('Line 9: score 7 outside 1–5').waitFor();
    await screenshot(page, '50-audit-import-refused');
    await dialog.getByRole('button', { name: 'Import the 7 valid rows' }).click();
    await dialog.getByText(/6 answers and 1 not answered: 7 added/).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    const heat = page.getByRole('table', { name: 'Heat map' });
    const row = (org: string) => heat.getByRole('row').filter({ has: page.getByRole('rowheader', { name: org, exact: true }) });
    await expect.poll(() => row('OCC').textContent()).toContain('4.20');
    expect(await row('OUHFT').textContent()).toContain('suppressed');

    // A respondent entered with the keyboard alone.
    await page.getByLabel('Respondent identifier').focus();
    await page.keyboard.type('R017');
    await page.keyboard.press('Tab'); // the organisation: OCC, first in the list, is already chosen
    await page.keyboard.press('Tab');
    await page.keyboard.type('F'); // role: Frontline
    await page.keyboard.press('Tab');
    for (let i = 0; i < 25 * 4; i += 1) await page.keyboard.press(i % 10 === 9 ? 'n' : '4');
    await screenshot(page, '51-audit-entry');
    await page.keyboard.press('Control+Enter');
    await page.getByText(/R017: 100 answers added/).waitFor(); // 90 scores and 10 marked not answered
    // OCC → OUHFT: 21 from before plus 20 × 4 and five reversed 6 − 4 = 2: 111 / 30 = 3.70.
    await expect.poll(() => row('OCC').textContent()).toContain('3.70');
    await expect.poll(() => page.getByText(/5 respondents/).count()).toBeGreaterThan(0);
    await page.getByText('Charts for the report').click();
    await page.getByRole('img', { name: /Heat map of how each organisation/ }).waitFor();
    await page.getByText('By role and by statement').click();
    await page
      .getByRole('table', { name: 'Domain means by role' })
      .getByText(/System leaders/)
      .waitFor();
    await screenshot(page, '52-audit-heat-map');

    // The review's own questionnaire: add a statement, retire another.
    await page.getByText(/^Questionnaire: 25 statements/).click();
    await page.getByLabel('Domain of the new statement').selectOption('parity');
    await page.getByLabel('New statement', { exact: true }).fill('Pooled budgets are shared fairly.');
    await page.getByRole('button', { name: 'Add statement' }).click();
    await page.getByRole('cell', { name: 'PAR6', exact: true }).waitFor();
    await page
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'COM5', exact: true }) })
      .getByRole('button', { name: 'Retire' })
      .click();
    await page.getByText(/^Questionnaire: 25 statements/).waitFor(); // 26 − 1 retired
    await screenshot(page, '53-audit-questionnaire');
    expect(errors).toEqual([]);
  });
});
