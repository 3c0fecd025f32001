import { chromium, type Page } from 'playwright-core';
import type { AppContext } from '../../main/platform/context';
import { startPreviewServer } from '../../main/preview/server';
import { generateReview } from '../../main/services/sample-data/generate';
import { Store } from '../../main/store/store';
import { call } from './scale';
import { measure, type Result } from './bench-measure';

/**
 * Screens measured where reviewers meet them: the built UI in Chromium against the real preview
 * server, on the generated scale-L review (5,000 evidence items). The page itself records what a
 * reviewer feels: how long after the click the tab answers, the longest main-thread task on the
 * way, and frames per second while the log scrolls.
 */
export async function screenBenchmarks(databasePath: string, rendererDir: string): Promise<Result[]> {
  const store = Store.open(databasePath, {});
  const { reviewId } = await generateReview(store, 'L');
  store.close();
  const preview = await startPreviewServer({ databasePath, port: 0, staticDir: rendererDir, afterOpenDelayMs: 3_600_000 });
  const context = preview.context() as AppContext;
  await call(context, 'updateIdentity', { displayName: 'Bench Reviewer', role: 'reviewer' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const figures: Array<{ usableMs: number; longestTaskMs: number; framesPerSecond: number; rows: number; reached: number }> = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
    await page.goto(`${preview.url}#token=${preview.token}`);
    await page.evaluate((hash) => (window.location.hash = hash), `#/reviews/${reviewId}/overview`);
    await page.getByRole('tab', { name: /^Evidence/ }).waitFor();
    for (let run = 0; run < 5; run += 1) {
      await page.getByRole('tab', { name: /^Overview/ }).click();
      await page.locator('[data-evidence-row]').first().waitFor({ state: 'detached' });
      await page.waitForTimeout(300);
      figures.push(await evidenceTabFigures(page));
    }
  } finally {
    await browser.close();
    await preview.close();
  }
  const pick = (key: 'usableMs' | 'longestTaskMs' | 'framesPerSecond') => figures.map((f) => f[key]);
  const rows = figures[0]?.rows ?? 0;
  console.log(
    `Evidence tab in Chromium: ${rows} row elements drawn; two seconds of the wheel reached row ${figures.map((f) => f.reached.toLocaleString('en-GB')).join(', ')} in the five runs`,
  );
  return [
    await fromFigures(`evidence tab in Chromium: usable after the click (scale L, ${rows.toLocaleString('en-GB')} row elements)`, pick('usableMs'), 300),
    await fromFigures('evidence tab in Chromium: longest main-thread task, click to end of scroll (0 = none of 50 ms or more)', pick('longestTaskMs'), 100),
    await fromFigures('evidence tab in Chromium: frames per second while scrolling (figure, not ms)', pick('framesPerSecond')),
  ];
}

/** Results from figures measured in the page (the measure helper only sorts and summarises them). */
function fromFigures(name: string, values: number[], boundMs?: number): Promise<Result> {
  return measure(name, values.length, (run) => values[run] ?? 0, boundMs === undefined ? undefined : { stat: 'median', ms: boundMs });
}

/**
 * Clicks the Evidence tab and measures in the page: usable = the first rows are in the document
 * and the main thread has come back (a frame and a task later); longest task from the long-task
 * observer; then two seconds of wheel scrolling, counting the frames drawn.
 */
async function evidenceTabFigures(page: Page): Promise<{ usableMs: number; longestTaskMs: number; framesPerSecond: number; rows: number; reached: number }> {
  await page.evaluate(() => {
    const state = { clickedAt: 0, longest: 0 };
    (window as unknown as { benchState: typeof state }).benchState = state;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.startTime >= state.clickedAt && state.clickedAt > 0) state.longest = Math.max(state.longest, entry.duration);
    }).observe({ type: 'longtask' });
    document.addEventListener('click', () => (state.clickedAt = performance.now()), { capture: true, once: true });
  });
  const usable = page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const state = (window as unknown as { benchState: { clickedAt: number } }).benchState;
        const check = () => {
          if (document.querySelector('[aria-label="Evidence log"] [data-evidence-row]')) {
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - state.clickedAt), 0));
          } else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
  );
  await page.getByRole('tab', { name: /^Evidence/ }).click();
  const usableMs = await usable;
  // Scroll as a reviewer does, with the mouse wheel over the log, while the page counts the
  // frames it gets to draw.
  const box = await page.locator('[data-evidence-row]').first().boundingBox();
  await page.mouse.move((box?.x ?? 200) + 200, (box?.y ?? 200) + 10);
  const counting = page.evaluate(
    () =>
      new Promise<{ framesPerSecond: number; rows: number; reached: number }>((resolve) => {
        const started = performance.now();
        let frames = 0;
        const step = () => {
          frames += 1;
          if (performance.now() - started < 2000) requestAnimationFrame(step);
          else
            resolve({
              framesPerSecond: (frames * 1000) / (performance.now() - started),
              rows: document.querySelectorAll('[data-evidence-row]').length,
              // How far the wheel got: the last row drawn (aria-rowindex counts the header as 1).
              reached: Math.max(0, ...[...document.querySelectorAll('[data-evidence-row]')].map((row) => Number(row.getAttribute('aria-rowindex') ?? 0) - 1)),
            });
        };
        requestAnimationFrame(step);
      }),
  );
  const wheelUntil = Date.now() + 2000;
  while (Date.now() < wheelUntil) await page.mouse.wheel(0, 400);
  const scrolled = await counting;
  await page.waitForTimeout(200);
  const longestTaskMs = await page.evaluate(() => (window as unknown as { benchState: { longest: number } }).benchState.longest);
  return { usableMs, longestTaskMs, ...scrolled };
}
