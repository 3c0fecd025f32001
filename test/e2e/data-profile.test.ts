import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import writeXlsxFile from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { launchBrowser, screenshot, startPreview, watchConsole, type RunningPreview } from './harness';

let browser: Browser;
let preview: RunningPreview;
const dir = tempDir();

beforeAll(async () => {
  preview = await startPreview(path.join(dir, 'profile.sqlite'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

// Four quarters of A&E attendances, and a file with three bad rows and one good one.
const GOOD =
  'indicator,period,area,england,comparator,flag\n' +
  ['2017/18 Q1,212,255,240,significantly better', '2017/18 Q2,208,251,236,significantly better', '2017/18 Q3,230,262,250,similar', '2017/18 Q4,221,259,244,significantly better']
    .map((r) => `AE65,${r}`)
    .join('\n') +
  '\n';
const BAD = 'indicator,period,area,england,comparator,flag\nNOPE1,2018 Q1,12,10,,\nDTOC18,Q5 2018,15.2,10.1,,\nREADM65,2018 Q2,n/a%,19%,,\nEA65,2018 Q1,98.5,101.2,99,similar\n';

describe('data profile and action plan in the browser', () => {
  it('imports indicators, refusing bad rows by line, and draws the charts', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
    const errors = watchConsole(page);
    await page.goto(preview.url);
    await page.getByRole('button', { name: 'Open the Oxfordshire demo' }).click();
    await page.getByRole('tab', { name: /^Data profile/ }).click();
    // The demo's delayed transfers from the seed report, marked as demo figures.
    const dtoc = page.getByRole('region', { name: 'Delayed transfers of care (18+)' });
    await dtoc.getByRole('cell', { name: '20.6' }).waitFor();
    expect(await dtoc.locator('.badge', { hasText: 'demo' }).count()).toBe(4);

    const good = path.join(dir, 'ae.csv');
    fs.writeFileSync(good, GOOD);
    await page.getByLabel('Indicator CSV file').setInputFiles(good);
    const dialog = page.getByRole('dialog', { name: 'Indicator import' });
    await dialog.getByText('4 figures added').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    const ae = page.getByRole('region', { name: 'A&E attendances (65+)' });
    await ae.getByRole('img', { name: /Chart of A&E attendances/ }).waitFor();
    expect(await ae.getByRole('row').count()).toBe(5);

    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, BAD);
    await page.getByLabel('Indicator CSV file').setInputFiles(bad);
    await dialog.getByText('nothing imported: 3 of 4 rows are invalid').waitFor();
    const invalid = await dialog.getByRole('list', { name: 'Invalid rows' }).textContent();
    expect(invalid).toContain('Line 2: unknown indicator "NOPE1"');
    expect(invalid).toContain('Line 3: period "Q5 2018": quarters are Q1–Q4');
    expect(invalid).toContain('Line 4: area "n/a%" is not a number');
    await screenshot(page, '60-indicators-import-refused');
    await dialog.getByRole('button', { name: 'Import the 1 valid rows' }).click();
    await dialog.getByText('1 figures added').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('region', { name: 'Emergency admissions (65+)' }).getByRole('cell', { name: '98.5' }).waitFor();

    // A flag that contradicts its figures is imported as given, and said so, in the summary and beside the value.
    const contradicting = path.join(dir, 'flags.csv');
    fs.writeFileSync(contradicting, 'indicator,period,area,england,comparator,flag\nDTOC18,2019 Q1,25.4,10.2,,significantly better\n');
    await page.getByLabel('Indicator CSV file').setInputFiles(contradicting);
    await dialog
      .getByRole('list', { name: 'Rows to check' })
      .getByText(/Line 2: flagged significantly better, but the area \(25\.4\) is worse than England \(10\.2\)/)
      .waitFor();
    await screenshot(page, '63-indicators-flag-contradicts');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dtoc.getByText(/Check: flagged significantly better/).waitFor();

    // Figures typed in with the keyboard: Enter adds them.
    const readm = page.getByRole('region', { name: 'Emergency readmissions within 30 days (65+)' });
    await readm.getByLabel('Period, e.g. 2018 Q3 (READM65)').fill('2018/19 Q1');
    await readm.getByLabel('Area (READM65)').fill('20.4%');
    await readm.getByLabel('England (READM65)').fill('19.2');
    await readm.getByLabel('England (READM65)').press('Enter');
    await readm.getByRole('cell', { name: '20.4' }).waitFor();

    await page.getByText('One-page profile for the report').click();
    await page.getByRole('img', { name: 'All indicators on one page' }).waitFor();
    await ae.scrollIntoViewIfNeeded();
    await screenshot(page, '61-data-profile');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('imports an action plan from XLSX, shows the status view, and records progress', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
    const errors = watchConsole(page);
    await page.goto(preview.url);
    await page.getByRole('link', { name: 'Oxfordshire local system progress review' }).click();
    await page.getByRole('tab', { name: /^Action plan/ }).click();
    const rows = [
      ['theme', 'priority', 'action', 'owner', 'due', 'status'],
      ['Winter planning', 'Strategic', 'Agree one winter plan across health and social care', 'OCC; OCCG', '2018-10-31', 'complete'],
      ['Carers', 'engagement', 'Co-produce the carers strategy with carers’ groups', 'OCC', '2099-03-31', 'on track'],
      ['Workforce', 'operational', 'Joint recruitment campaign for domiciliary care staff', 'all partners', '2099-03-31', 'at risk'],
      ['Market shaping', 'strategic', 'Publish a market position statement', 'OCC', '2018-06-30', 'on track'],
      ['Gardening', 'strategic', 'Plant trees', 'OCC', '', ''],
    ];
    const file = path.join(dir, 'plan.xlsx');
    await writeXlsxFile(rows.map((row) => row.map((value) => ({ value })))).toFile(file);
    await page.getByLabel('Action plan file').setInputFiles(file);
    const dialog = page.getByRole('dialog', { name: 'Action plan import' });
    await dialog.getByText('Line 6: unknown theme "Gardening"').waitFor();
    await dialog.getByRole('button', { name: 'Import the 4 valid rows' }).click();
    await dialog.getByText('4 actions added').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();

    const view = page.getByRole('table', { name: 'Actions by theme and status' });
    const themeRow = (name: string) => view.getByRole('row').filter({ hasText: name });
    // Market shaping's action was due in June 2018 and is not complete: overdue.
    await expect.poll(() => themeRow('Market shaping').textContent()).toBe('Market shaping···1·1');
    expect(await view.locator('tfoot').textContent()).toMatch(/All themes0\s*1\s*1\s*1\s*1\s*4/);

    await page.getByRole('button', { name: 'Progress (0)' }).first().click();
    await page.getByLabel('Progress note (A001)').fill('Winter plan signed off by the A&E delivery board');
    await page.getByLabel('Progress note (A001)').press('Enter');
    await page.getByText('Winter plan signed off by the A&E delivery board').waitFor();
    await page.getByLabel('Status of A004').selectOption('complete');
    await expect.poll(() => view.locator('tfoot').textContent()).toMatch(/All themes0\s*1\s*1\s*0\s*2\s*4/);
    await screenshot(page, '62-action-plan');
    expect(errors).toEqual([]);
    await page.close();
  });
});
