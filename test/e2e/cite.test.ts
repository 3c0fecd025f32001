import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { tempDir } from '../helpers';
import { launchBrowser, previewApi, screenshot, startPreview, watchConsole, type RunningPreview } from './harness';

let browser: Browser;
let preview: RunningPreview;
const dir = tempDir();

beforeAll(async () => {
  preview = await startPreview(path.join(dir, 'cite.sqlite'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('Ctrl+K in a finding', () => {
  it("searches every tagged passage of the review, shows each hit's KLOEs, and cites one tagged elsewhere", async () => {
    const api = previewApi(preview);
    const demo = await api<{ review: { id: string }; framework: Array<{ id: string; code: string; title: string }> }>('createDemoReview', {});
    const carers = demo.framework.find((i) => i.code === 'T8')!;
    const session = await api<{ session: { id: string } }>('createSession', {
      reviewId: demo.review.id,
      kind: 'focus_group',
      title: 'Carers group',
      heldAt: '2018-11-06T14:00',
      kloeIds: [],
    });
    const tagId = newId();
    const words = 'Respite beds vanished every winter';
    await api('createTag', {
      sessionId: session.session.id,
      doc: { type: 'doc', content: [{ type: 'paragraph', attrs: { id: 'b1' }, content: [{ type: 'text', text: words, marks: [{ type: 'tag', attrs: { tagId } }] }] }] },
      tag: { id: tagId, kloeIds: [carers.id], stance: 'concern' },
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
    const errors = watchConsole(page);
    await page.goto(preview.url);
    await page.evaluate((id) => (window.location.hash = `#/reviews/${id}/findings`), demo.review.id);
    await page
      .getByRole('navigation', { name: 'KLOEs and themes' })
      .getByRole('button', { name: /Winter planning/ })
      .click();
    await page.getByRole('button', { name: 'Add strength' }).click();
    const card = page.getByRole('article', { name: 'Strength finding' });
    const editor = card.getByRole('textbox', { name: 'Strength text' });
    await editor.click();
    await page.keyboard.type('Carers noticed winter first ');
    await page.keyboard.press('Control+k');
    const cite = page.getByRole('dialog', { name: 'Cite evidence or a passage' });
    // Not tagged to winter planning, so never offered before: found by its words, with its KLOE beside it.
    await cite.getByLabel('Search evidence and passages').fill('respite winter');
    const hit = cite.getByRole('list', { name: 'Passages to cite' }).getByRole('button', { name: /Respite beds vanished every winter/ });
    await hit.waitFor();
    expect(await hit.textContent()).toContain('T8');
    await screenshot(page, '128-cite-any-passage');
    await hit.click();
    await editor.locator('span.citation').waitFor();
    await card.getByText('Saved').waitFor();
    const findings = await api<Array<{ itemId: string; findings: Array<{ citations: Array<{ kind: string; targetId: string }> }> }>>('listFindings', { reviewId: demo.review.id });
    expect(findings.flatMap((i) => i.findings).flatMap((f) => f.citations)).toEqual([expect.objectContaining({ kind: 'passage', targetId: tagId })]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
