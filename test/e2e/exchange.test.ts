import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConflictView } from '../../shared/exchange/contract';
import { findingFromText } from '../../shared/findings/doc';
import type { NoteNode } from '../../shared/sessions/notes-doc';
import { tempDir } from '../helpers';
import { launchBrowser, previewApi, screenshot, startPreview, watchConsole, type RunningPreview } from './harness';

/** Two laptops: two preview servers, each with its own database, exchanging bundle files. */
let browser: Browser;
let lead: RunningPreview;
let mate: RunningPreview;
const dir = tempDir();
const TITLE = 'Oxfordshire local system progress review';

beforeAll(async () => {
  lead = await startPreview(path.join(dir, 'lead.sqlite'));
  mate = await startPreview(path.join(dir, 'mate.sqlite'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await lead?.stop();
  await mate?.stop();
});

const paragraph = (id: string, ...content: NoteNode[]): NoteNode => ({ type: 'paragraph', attrs: { id }, content });
const words = (text: string, tagId?: string): NoteNode => ({ type: 'text', text, ...(tagId ? { marks: [{ type: 'tag', attrs: { tagId } }] } : {}) });

async function openExchange(page: Page, preview: RunningPreview): Promise<void> {
  await page.goto(preview.url);
  await page.getByRole('link', { name: TITLE }).click();
  await page.getByRole('tab', { name: 'Exchange' }).click();
  await page.getByRole('region', { name: 'Team contributions' }).getByRole('table').waitFor();
}

/** Clicks Export for team and keeps the downloaded bundle. */
async function exportBundle(page: Page, name: string, since?: string): Promise<string> {
  if (since) await page.getByLabel('What to include').selectOption({ label: `changes since the last bundle for ${since}` });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export for team' }).click();
  const file = path.join(dir, name);
  await (await download).saveAs(file);
  return file;
}

/** Imports a bundle whose team key this laptop has, ticking a new teammate's fingerprint as compared. */
async function importBundle(page: Page, file: string): Promise<void> {
  await page.getByLabel('Team bundle files').setInputFiles(file);
  const dialog = page.getByRole('dialog', { name: `Import ${path.basename(file)}` });
  await dialog.getByLabel('Merge totals').waitFor();
  for (const box of await dialog.getByRole('checkbox', { name: /I compared this fingerprint/ }).all()) await box.check();
  await dialog.getByRole('button', { name: 'Merge' }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('team exchange between two laptops in the browser', () => {
  it('edits the same note and finding on both, exchanges bundles both ways, ends identical with the conflict shown, and refuses damaged bundles', async () => {
    const leadApi = previewApi(lead);
    const mateApi = previewApi(mate);
    await leadApi('updateIdentity', { displayName: 'Asha Lead' });
    await mateApi('updateIdentity', { displayName: 'Ben Advisor' });
    const detail = await leadApi<{ review: { id: string }; framework: Array<{ id: string; title: string }> }>('createDemoReview', {});
    const reviewId = detail.review.id;
    const winter = detail.framework.find((item) => item.title === 'Winter planning')?.id as string;
    const session = await leadApi<{ session: { id: string } }>('createSession', { reviewId, kind: 'interview', title: 'Discharge coordinators' });
    const sessionId = session.session.id;
    const tagId = crypto.randomUUID();
    await leadApi('createTag', {
      sessionId,
      doc: {
        type: 'doc',
        content: [paragraph('p1', words('The discharge team meets daily.')), paragraph('p2', words('Carers said '), words('waits for packages were long', tagId), words('.'))],
      },
      tag: { id: tagId, kloeIds: [winter], stance: 'concern' },
    });
    const items = await leadApi<Array<{ itemId: string; findings: Array<{ id: string }> }>>('addFinding', {
      reviewId,
      itemId: winter,
      kind: 'progress_made',
      priority: null,
      doc: findingFromText('Leaders planned winter together.'),
    });
    const findingId = items.find((item) => item.itemId === winter)?.findings[0]?.id as string;

    const leadPage = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB', acceptDownloads: true });
    const matePage = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB', acceptDownloads: true });
    const errors = [...watchConsole(leadPage), ...watchConsole(matePage)];

    // The lead shares the review: the first export makes its team key, shown once to read out.
    await openExchange(leadPage, lead);
    const first = await exportBundle(leadPage, 'first.fieldbook-bundle');
    const made = leadPage.getByRole('dialog', { name: 'This review now has a team key' });
    const code = ((await made.getByLabel('New team key code').textContent()) ?? '').trim();
    expect(code).toMatch(/^FBT(-[A-Z2-9]{1,4}){14}$/);
    await screenshot(leadPage, '89-exchange-new-team-key');
    await made.getByRole('button', { name: 'Done' }).click();
    const leadFingerprint = ((await leadPage.getByRole('region', { name: 'Team key' }).locator('code.fingerprint').first().textContent()) ?? '').trim();
    expect(leadFingerprint).toMatch(/^[A-Z2-9]{4} [A-Z2-9]{4} [A-Z2-9]{4}$/);
    // Nothing a reviewer wrote is readable in the file.
    expect(fs.readFileSync(first).includes(Buffer.from('waits for packages were long'))).toBe(false);

    // The teammate imports it from the reviews page: the team key is typed once, the fingerprint compared.
    await matePage.goto(mate.url);
    await matePage.getByLabel('Team bundle files').setInputFiles(first);
    const dialog = matePage.getByRole('dialog', { name: 'Import first.fieldbook-bundle' });
    await dialog.getByLabel('Team key or passphrase').fill(code.toLowerCase());
    await screenshot(matePage, '90a-exchange-team-key-asked');
    await dialog.getByRole('button', { name: 'Open the bundle' }).click();
    await dialog.getByText('a review new to this laptop').waitFor();
    expect(await dialog.getByRole('table', { name: 'Changes by type' }).textContent()).toContain('finding');
    expect(await dialog.getByRole('list', { name: 'Bundles' }).textContent()).toContain(leadFingerprint);
    expect(await dialog.getByRole('button', { name: 'Merge' }).isDisabled()).toBe(true);
    await dialog.getByRole('checkbox', { name: /I compared this fingerprint with Asha Lead/ }).check();
    await screenshot(matePage, '90-exchange-import-summary');
    await dialog.getByRole('button', { name: 'Merge' }).click();
    await matePage.getByRole('tab', { name: 'Exchange', selected: true }).waitFor();
    const mateKey = matePage.getByRole('region', { name: 'Team key' });
    expect(await mateKey.getByRole('list', { name: 'Pinned teammates' }).textContent()).toContain(leadFingerprint);
    await mateKey.getByRole('button', { name: 'Show team key' }).click();
    expect(await mateKey.getByLabel('Team key code').textContent()).toBe(code);
    await screenshot(matePage, '94-exchange-team-key');

    // Both edit the same note (different paragraphs) and the same finding (the same sentence).
    await leadApi('saveNotes', {
      sessionId,
      doc: {
        type: 'doc',
        content: [
          paragraph('p1', words('The discharge team meets twice daily.')),
          paragraph('p2', words('Carers said '), words('waits for packages were long', tagId), words('.')),
        ],
      },
    });
    await mateApi('saveNotes', {
      sessionId,
      doc: {
        type: 'doc',
        content: [
          paragraph('p1', words('The discharge team meets daily.')),
          paragraph('p2', words('Carers said '), words('waits for packages were long', tagId), words('. Two waited a month.')),
        ],
      },
    });
    await leadApi('saveFinding', { findingId, doc: findingFromText('Leaders planned winter together for the first time.') });
    await mateApi('saveFinding', { findingId, doc: findingFromText('Leaders and the VCSE sector planned winter together.') });

    // Lead → teammate, then teammate → lead (only what changed since).
    await openExchange(leadPage, lead);
    const second = await exportBundle(leadPage, 'second.fieldbook-bundle');
    await openExchange(matePage, mate);
    await importBundle(matePage, second);
    await matePage.getByRole('article', { name: 'Conflict: finding' }).waitFor();
    const back = await exportBundle(matePage, 'back.fieldbook-bundle', 'Asha Lead');
    await openExchange(leadPage, lead);
    await importBundle(leadPage, back);

    // The conflict, side by side, on the lead's laptop.
    const card = leadPage.getByRole('article', { name: 'Conflict: finding' });
    await card.waitFor();
    const cardText = await card.textContent();
    expect(cardText).toContain('Leaders planned winter together for the first time.');
    expect(cardText).toContain('Leaders and the VCSE sector planned winter together.');
    expect(cardText).toContain('Ben Advisor');
    await screenshot(leadPage, '91-exchange-conflict');

    // Identical reviews: the note kept both edits and its tag; the findings and conflicts agree.
    const leadSession = await leadApi<{ doc: NoteNode; tags: Array<{ quote: string; orphaned: boolean }> }>('getSession', { sessionId });
    expect(await mateApi('getSession', { sessionId })).toEqual(leadSession);
    expect(JSON.stringify(leadSession.doc)).toContain('twice daily');
    expect(JSON.stringify(leadSession.doc)).toContain('Two waited a month');
    expect(leadSession.tags).toEqual([expect.objectContaining({ quote: 'waits for packages were long', orphaned: false })]);
    expect(await mateApi('listFindings', { reviewId })).toEqual(await leadApi('listFindings', { reviewId }));
    const leadConflicts = await leadApi<{ conflicts: ConflictView[] }>('listConflicts', { reviewId });
    expect(leadConflicts.conflicts).toHaveLength(1);
    expect(await mateApi('listConflicts', { reviewId })).toEqual(leadConflicts);

    // Several bundles at once: one dialog listing each, one merge. Both are already here.
    await matePage.getByLabel('Team bundle files').setInputFiles([first, second]);
    const both = matePage.getByRole('dialog', { name: 'Import 2 bundles' });
    await both
      .getByRole('list', { name: 'Bundles' })
      .getByText(/second\.fieldbook-bundle: from Asha Lead/)
      .waitFor();
    expect(await both.getByLabel('Merge totals').textContent()).toMatch(/^0 records added · 0 updated · 0 deleted/);
    await screenshot(matePage, '99-exchange-two-bundles');
    await both.getByRole('button', { name: 'Merge' }).click();
    await both.waitFor({ state: 'detached' });

    // A bundle cut short, or with one byte changed, is refused and changes nothing.
    const good = fs.readFileSync(second);
    const cut = path.join(dir, 'cut.fieldbook-bundle');
    fs.writeFileSync(cut, good.subarray(0, good.length - 500));
    const changed = path.join(dir, 'changed.fieldbook-bundle');
    const flipped = Buffer.from(good);
    const middle = Math.floor(flipped.length / 2);
    flipped.writeUInt8(flipped.readUInt8(middle) ^ 0x20, middle);
    fs.writeFileSync(changed, flipped);
    const findingsBefore = await mateApi('listFindings', { reviewId });
    for (const bad of [cut, changed]) {
      await matePage.getByLabel('Team bundle files').setInputFiles(bad);
      const refused = matePage.getByRole('dialog', { name: `Import ${path.basename(bad)}` });
      await refused.getByText(/cannot be opened with this review's team key: either the key is not the one your team shares, or the file was changed or cut short/).waitFor();
      expect(await refused.getByRole('button', { name: 'Merge' }).count()).toBe(0);
      if (bad === cut) await screenshot(matePage, '92-exchange-refused');
      await refused.getByRole('button', { name: 'Cancel' }).click();
    }
    expect(await mateApi('listFindings', { reviewId })).toEqual(findingsBefore);

    // The lead keeps the teammate's wording; after the next exchange neither laptop has a conflict.
    await card.getByRole('radio', { name: /Ben Advisor/ }).check();
    await card.getByRole('button', { name: 'Keep the chosen version' }).click();
    await leadPage.getByText('None: every record reads the same').waitFor();
    const settled = await exportBundle(leadPage, 'settled.fieldbook-bundle', 'Ben Advisor');
    await openExchange(matePage, mate);
    await importBundle(matePage, settled);
    await matePage.getByText('None: every record reads the same').waitFor();
    expect(await mateApi('listFindings', { reviewId })).toEqual(await leadApi('listFindings', { reviewId }));
    expect(JSON.stringify(await mateApi('listFindings', { reviewId }))).toContain('Leaders and the VCSE sector planned winter together.');
    await screenshot(matePage, '93-exchange-settled');

    // Who made the session and who last changed it, as the teammate's laptop now knows it.
    await matePage.getByRole('tab', { name: /^Sessions/ }).click();
    await matePage.getByRole('link', { name: 'Discharge coordinators' }).click();
    await matePage.getByRole('button', { name: 'Details' }).click();
    await matePage.getByText('Made and changed by').click();
    const provenance = matePage.getByLabel('Provenance');
    await provenance.waitFor();
    expect(await provenance.textContent()).toMatch(/^Made by Asha Lead on .+ Last changed by Ben Advisor on /);
    await screenshot(matePage, '98-session-provenance');

    expect(errors).toEqual([]);
  });
});
