import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { launchBrowser, previewApi, ROOT, screenshot, startPreview } from './harness';
import { selectText } from './notes-helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('notes survive a killed process', () => {
  it('loses at most about the last second of typing', async () => {
    const databasePath = path.join(tempDir(), 'durability.sqlite');
    let preview = await startPreview(databasePath);
    const call = previewApi(preview);
    const demo = await call<{ review: { id: string } }>('createDemoReview', {});
    const session = await call<{ session: { id: string } }>('createSession', { reviewId: demo.review.id, kind: 'interview', title: 'Typing when the power goes' });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(preview.url);
    await page.evaluate(([r, s]) => (window.location.hash = `#/reviews/${r}/sessions/${s}`), [demo.review.id, session.session.id]);
    await page.locator('.notes-editor').click();

    const typed: Array<{ at: number; text: string }> = [];
    const words = 'the discharge coordinator said packages of care were often late at weekends and families were anxious '.split(' ');
    let killedAt = 0;
    const killer = setTimeout(() => {
      killedAt = Date.now();
      preview.process.kill('SIGKILL');
    }, 4000);
    for (let i = 0; killedAt === 0; i += 1) {
      const word = `${words[i % words.length]} `;
      typed.push({ at: Date.now(), text: word });
      await page.keyboard.type(word, { delay: 15 });
    }
    clearTimeout(killer);
    await preview.stop();

    preview = await startPreview(databasePath);
    const saved = await previewApi(preview)<{ doc: { content: Array<{ content?: Array<{ text: string }> }> } }>('getSession', { sessionId: session.session.id });
    const savedText = saved.doc.content
      .flatMap((block) => block.content ?? [])
      .map((node) => node.text)
      .join('');
    const all = typed.map((t) => t.text).join('');
    const safeBefore = typed
      .filter((t) => t.at < killedAt - 1200)
      .map((t) => t.text)
      .join('');
    const lost = all.length - savedText.length;
    fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'test-results', 'kill-while-typing.json'), JSON.stringify({ typedChars: all.length, savedChars: savedText.length, lostChars: lost }, null, 2));
    expect(all.startsWith(savedText.trimEnd())).toBe(true);
    expect(savedText.length).toBeGreaterThanOrEqual(safeBefore.trimEnd().length);
    await page.close();
    await preview.stop();
  });
});

describe('typing in a long note', () => {
  it('handles each keystroke within one frame on median in a 30,000-word note', async () => {
    const preview = await startPreview(path.join(tempDir(), 'long.sqlite'));
    const call = previewApi(preview);
    const demo = await call<{ review: { id: string } }>('createDemoReview', {});
    const session = await call<{ session: { id: string } }>('createSession', { reviewId: demo.review.id, kind: 'interview', title: 'A very long interview' });
    const paragraph =
      'The discharge coordinator said hospital flow was delayed at weekends because packages of care were not ready and reablement was full, and that the weekend social work rota had only just begun to make a difference across the county.';
    const content = Array.from({ length: 760 }, (_, i) => ({ type: 'paragraph', attrs: { id: `p${i}` }, content: [{ type: 'text', text: `${i + 1}. ${paragraph}` }] }));
    const savedLong = await call<{ wordCount: number }>('saveNotes', { sessionId: session.session.id, doc: { type: 'doc', content } });
    expect(savedLong.wordCount).toBeGreaterThanOrEqual(30_000);

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(preview.url);
    await page.evaluate(([r, s]) => (window.location.hash = `#/reviews/${r}/sessions/${s}`), [demo.review.id, session.session.id]);
    await page.locator('.notes-editor').waitFor();
    await selectText(page, '380. The discharge', 'start');
    // Time from each keydown to the moment the editor's DOM shows the change.
    await page.evaluate(() => {
      const w = window as unknown as { keyTimes: number[]; pending: number | null };
      w.keyTimes = [];
      w.pending = null;
      window.addEventListener('keydown', () => (w.pending = performance.now()), { capture: true });
      new MutationObserver(() => {
        if (w.pending !== null) {
          w.keyTimes.push(performance.now() - w.pending);
          w.pending = null;
        }
      }).observe(document.querySelector('.notes-editor') as Node, { subtree: true, childList: true, characterData: true });
    });
    await page.keyboard.type('Carers said respite was hard to arrange. ', { delay: 20 });
    const times = await page.evaluate(() => (window as unknown as { keyTimes: number[] }).keyTimes);
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? Infinity;
    fs.writeFileSync(
      path.join(ROOT, 'test-results', 'keystrokes-30k-words.json'),
      JSON.stringify({ keystrokes: times.length, medianMs: median, p95Ms: times[Math.floor(times.length * 0.95)] }, null, 2),
    );
    await screenshot(page, '36-long-note');
    expect(times.length).toBeGreaterThan(30);
    expect(median).toBeLessThan(16);
    await preview.stop();
  });
});

describe('importing notes in the UI', () => {
  it('imports good files and lists why a bad one was refused', async () => {
    const preview = await startPreview(path.join(tempDir(), 'import.sqlite'));
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    await page.goto(preview.url);
    await page.getByRole('button', { name: 'Open the Oxfordshire demo' }).click();
    await page.getByRole('tab', { name: /^Sessions/ }).click();
    const fixtures = path.join(ROOT, 'test', 'fixtures', 'notes');
    await page
      .getByLabel('Notes files to import')
      .setInputFiles([path.join(fixtures, 'Carers focus group.docx'), path.join(fixtures, 'slides.pdf'), path.join(fixtures, 'Social worker interview.md')]);
    const dialog = page.getByRole('dialog', { name: 'Imported notes' });
    await dialog.getByText(/slides.pdf: unsupported type/).waitFor();
    await screenshot(page, '37-import-outcomes');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('link', { name: 'Carers focus group' }).waitFor();
    await page.getByRole('link', { name: 'Social worker interview' }).click();
    await page.getByText('Hospital discharge was often delayed at weekends.').waitFor();
    await screenshot(page, '38-imported-session');
    await preview.stop();
  });
});
