import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { launchBrowser, screenshot, startPreview, watchConsole, type RunningPreview } from './harness';

let browser: Browser;
let preview: RunningPreview;

beforeAll(async () => {
  preview = await startPreview(path.join(tempDir(), 'demo.sqlite'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('the demo review', () => {
  it("opens from the first-run screen with the seed's organisations and themes", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
    const errors = watchConsole(page);
    await page.goto(preview.url);
    await page.getByRole('button', { name: 'Open the Oxfordshire demo' }).click();
    await page.getByRole('heading', { name: 'Oxfordshire local system progress review' }).waitFor();
    expect(await page.getByText('20.6 days in July 2018').count()).toBeGreaterThan(0);
    await screenshot(page, '10-demo-overview');

    await page.getByRole('tab', { name: /^Organisations/ }).click();
    for (const name of [
      'Oxfordshire County Council',
      'Oxford Health NHS Foundation Trust',
      'Oxfordshire Clinical Commissioning Group',
      'Oxford University Hospitals NHS Foundation Trust',
      'South Central Ambulance Service NHS Foundation Trust',
    ]) {
      await page.getByRole('cell', { name, exact: true }).waitFor();
    }
    await screenshot(page, '11-demo-organisations');

    await page.getByRole('tab', { name: /^Framework/ }).click();
    for (const theme of ['Culture and collaboration', 'Winter planning', 'People who fund their own care', 'Engagement priorities']) {
      await page.getByRole('treeitem').filter({ hasText: theme }).first().waitFor();
    }
    await screenshot(page, '12-demo-framework');

    await page.getByRole('tab', { name: /^Team/ }).click();
    expect(await page.getByRole('cell', { name: 'Specialist advisor' }).count()).toBe(2);
    await screenshot(page, '13-demo-team');

    await page.getByRole('button', { name: 'Data and backups' }).click();
    await page.getByText(/(Opened without problems|Sound) · 1 review ·/).waitFor();
    // Every page read on request (the daily check runs shortly after opening).
    await page.getByRole('button', { name: 'Check now' }).click();
    await page.getByText(/^Sound · 1 review ·/).waitFor();
    await page.getByText(/Every page last checked/).waitFor();
    await screenshot(page, '14-data-and-backups');
    expect(errors).toEqual([]);
  });
});
