import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { launchBrowser, previewApi, screenshot, startPreview, watchConsole, type RunningPreview } from './harness';
import { selectText } from './notes-helpers';

// A reviewer who types at once, as in a live interview: nothing waits for the screen to settle
// between the keys, so every keystroke must land where it was meant to.
let browser: Browser;
let preview: RunningPreview;
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  preview = await startPreview(path.join(tempDir(), 'keystrokes.sqlite'));
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
  consoleErrors = watchConsole(page);
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

const editor = () => page.locator('.notes-editor');
const paragraphs = () => editor().locator('p').allTextContents();
const tagsPanel = () => page.getByRole('list', { name: 'Tags in order' });

describe('keystrokes typed at once', () => {
  it('keeps words typed straight after "Start session", in the notes', async () => {
    await page.goto(preview.url);
    await page.getByRole('button', { name: 'Open the Oxfordshire demo' }).click();
    await page.getByRole('tab', { name: /^Sessions/ }).click();
    await page.getByRole('button', { name: 'New session' }).click();
    await page.getByLabel('Title').fill('Reablement team, OCC');
    await page.getByRole('button', { name: 'Start session' }).click();
    await page.keyboard.type('Reablement ');
    await page.keyboard.type('starts within two days.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Waits are longer in the north');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('h.');
    await page.getByRole('heading', { name: 'Reablement team, OCC' }).waitFor();
    await expect.poll(paragraphs).toEqual(['Reablement starts within two days.', 'Waits are longer in the north.']);
    // The caret stays in the notes: the next words follow the held ones.
    await page.keyboard.type(' Staff said so.');
    await expect.poll(paragraphs).toEqual(['Reablement starts within two days.', 'Waits are longer in the north. Staff said so.']);
    await page
      .locator('.save-state')
      .filter({ hasText: /Saved|All changes saved/ })
      .waitFor();
    await screenshot(page, '120-typed-at-once-after-start');
  });

  it('applies stance and quote shortcuts pressed straight after a digit tag, while its save is in flight', async () => {
    await page.getByRole('tab', { name: 'Pins' }).click();
    await page.getByLabel('Pin a KLOE').selectOption({ label: 'T5 Workforce' });
    await page.locator('.pins li', { hasText: 'Alt+1 T5' }).waitFor();
    await page.getByRole('tab', { name: /^Tags/ }).click();
    const shortcuts: Array<{ words: string; keys: string[]; stance: string; quote: boolean }> = [
      { words: 'Reablement starts', keys: ['Alt+s'], stance: 'strength', quote: false },
      { words: 'within two days', keys: ['Alt+c', 'Alt+q'], stance: 'concern', quote: true },
      { words: 'Waits are longer', keys: ['Alt+q', 'Alt+s', 'Alt+c'], stance: 'concern', quote: true },
      { words: 'in the north', keys: ['Alt+s', 'Alt+n'], stance: 'neutral', quote: false },
      { words: 'Staff said so', keys: ['Alt+q', 'Alt+q', 'Alt+s'], stance: 'strength', quote: false },
    ];
    for (const { words, keys } of shortcuts) {
      await selectText(page, words);
      await page.keyboard.press('Alt+1');
      for (const key of keys) await page.keyboard.press(key);
    }
    for (const { words, stance, quote } of shortcuts) {
      const item = tagsPanel().locator('.tag-item').filter({ hasText: words });
      await expect.poll(() => item.getAttribute('class')).toContain(`stance-${stance}`);
      await expect.poll(() => item.locator('.tag-kloes .badge', { hasText: 'Quote' }).count(), { message: `quote flag of "${words}"` }).toBe(quote ? 1 : 0);
    }
    // And as saved: a reload shows the same.
    await page.reload();
    await editor().waitFor();
    for (const { words, stance } of shortcuts)
      await expect.poll(() => tagsPanel().locator('.tag-item').filter({ hasText: words }).getAttribute('class')).toContain(`stance-${stance}`);
    await screenshot(page, '121-shortcuts-straight-after-tagging');
  });

  it('types into a new finding straight after "Add strength", and spaces add no more findings', async () => {
    await page.getByRole('button', { name: /^←/ }).click();
    await page.getByRole('tab', { name: /^Findings/ }).click();
    await page
      .getByRole('navigation', { name: 'KLOEs and themes' })
      .getByRole('button', { name: /Winter planning/ })
      .click();
    const strengths = page.getByRole('article', { name: 'Strength finding' });
    const before = await strengths.count();
    await page.getByRole('button', { name: 'Add strength' }).click();
    for (let i = 0; i < 5; i += 1) await page.keyboard.press('Space');
    await page.keyboard.type('Leaders planned winter together.');
    const texts = page.getByRole('textbox', { name: 'Strength text' });
    await expect.poll(() => texts.last().textContent()).toMatch(/^\s*Leaders planned winter together\.$/);
    expect(await strengths.count()).toBe(before + 1);
    // Pressed again while that one is empty: the same one, focused; spaces add nothing.
    await page.getByRole('button', { name: 'Add strength' }).click();
    await expect.poll(() => strengths.count()).toBe(before + 2);
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Add strength' }).click();
    await page.keyboard.press('Space');
    await page.waitForTimeout(500);
    expect(await strengths.count()).toBe(before + 2);
    await screenshot(page, '122-typed-at-once-after-add-strength');
  });

  it('puts the focus where the next step is: back from dialogs, on a new link, on the screen moved to', async () => {
    const focused = () =>
      page.evaluate(() => {
        const active = document.activeElement;
        if (!active || active === document.body) return 'body';
        return `${active.tagName.toLowerCase()}:${active.getAttribute('aria-label') ?? active.textContent?.trim() ?? ''}`;
      });
    // A dialog closed with Escape gives the focus back to the button that opened it.
    await page.getByRole('button', { name: 'Export report…' }).click();
    await page.getByRole('dialog', { name: 'Export the report' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(focused).toBe('button:Export report…');

    // "Link a KLOE" moves to the new link's KLOE; saving the evidence returns to "Add evidence".
    await page.getByRole('tab', { name: /^Evidence/ }).click();
    await page.getByRole('button', { name: 'Add evidence' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add evidence' });
    await dialog.getByLabel('Title').fill('Reablement waiting list');
    await dialog.getByRole('button', { name: 'Link a KLOE' }).click();
    await expect.poll(focused).toBe('select:KLOE');
    await page.keyboard.press('ArrowDown'); // the next step, straight from the keyboard
    await dialog.getByRole('button', { name: 'Add evidence' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(focused).toBe('button:Add evidence');

    // Enter on a select sends its form, as Enter on a text field does.
    await page.getByRole('tab', { name: /^Sessions/ }).click();
    await page.getByRole('button', { name: 'New session' }).click();
    await page.getByLabel('Title').fill('Carers group');
    await page.getByLabel('Kind').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Carers group' }).waitFor();
    await expect.poll(focused).toBe('div:Notes');

    // "← back": the review's heading has the focus, not the page body.
    await page.getByRole('button', { name: /^←/ }).click();
    await page.getByRole('tab', { name: /^Sessions/ }).waitFor();
    await expect.poll(focused).toMatch(/^h1:Oxfordshire local system progress review/);

    // The first Tab stop skips the top bar.
    await page.mouse.click(4, 4); // the top bar's corner: the next Tab starts from the top
    await page.keyboard.press('Tab');
    await expect.poll(focused).toBe('button:Skip to content');
    await screenshot(page, '123-skip-link');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toMatch(/^h1:Oxfordshire local system progress review/);

    // Tabs in the WAI-ARIA pattern: one Tab stop, arrows move and select.
    const sections = page.getByRole('tablist', { name: 'Review sections' });
    await sections.getByRole('tab', { name: /^Sessions/ }).focus();
    expect(await sections.locator('[role="tab"][tabindex="0"]').count()).toBe(1);
    await page.keyboard.press('ArrowRight');
    await expect.poll(focused).toBe('button:KLOE passages');
    expect(await sections.getByRole('tab', { name: 'KLOE passages' }).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Home');
    await expect.poll(focused).toBe('button:Overview');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(focused).toBe('button:Exchange');
    await page.getByRole('tabpanel', { name: 'Exchange' }).waitFor();
  });

  it('shows every shortcut on "?", but types a question mark in the notes', async () => {
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.getByRole('cell', { name: 'Alt+S / Alt+C / Alt+N' }).waitFor();
    expect(await help.getByRole('row').count()).toBeGreaterThan(15);
    await screenshot(page, '124-keyboard-shortcuts');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    await page.getByRole('tab', { name: /^Sessions/ }).click();
    await page.getByRole('link', { name: 'Carers group' }).click();
    await editor().waitFor();
    await page.keyboard.type('Who decides?');
    await expect.poll(paragraphs).toEqual(['Who decides?']);
    expect(await help.count()).toBe(0);
  });

  it('keeps no empty finding once the reviewer moves on, and never drops words typed just before', async () => {
    await page.getByRole('button', { name: /^←/ }).click();
    await page.getByRole('tab', { name: /^Findings/ }).click();
    const nav = page.getByRole('navigation', { name: 'KLOEs and themes' });
    const winter = nav.getByRole('button', { name: /Winter planning/ });
    await winter.click();
    const strengths = page.getByRole('article', { name: 'Strength finding' });
    // The empty one left from "Add strength" earlier went when the reviewer left the tab.
    await expect.poll(() => strengths.count()).toBe(1);
    await expect.poll(() => page.getByRole('textbox', { name: 'Strength text' }).first().textContent()).toMatch(/Leaders planned winter together/);

    // Words typed and the KLOE left at once: they are saved, and the finding is kept, even when the
    // save is slow to arrive (held back here) and the clean-up would otherwise overtake it.
    await page.route('**/api/saveFinding', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    await page.getByRole('button', { name: 'Add strength' }).click();
    await page.keyboard.type('Beds opened early.');
    await nav.getByRole('button', { name: /Workforce/ }).click();
    await page.waitForTimeout(1200);
    await page.unroute('**/api/saveFinding');
    // An empty one started here and left: gone.
    await page.getByRole('button', { name: 'Add area for improvement' }).click();
    await page.getByRole('article', { name: 'Area for improvement finding' }).waitFor();
    await winter.click();
    await expect.poll(() => strengths.count()).toBe(2);
    await expect.poll(() => page.getByRole('textbox', { name: 'Strength text' }).last().textContent()).toBe('Beds opened early.');
    await nav.getByRole('button', { name: /Workforce/ }).click();
    await expect.poll(() => page.getByRole('article', { name: 'Area for improvement finding' }).count()).toBe(0);
    const reviewId = await page.evaluate(() => window.location.hash.split('/')[2]);
    const saved = await previewApi(preview)<Array<{ findings: Array<{ text: string }> }>>('listFindings', { reviewId });
    expect(saved.flatMap((i) => i.findings).map((f) => f.text.trim())).toEqual(expect.arrayContaining(['Leaders planned winter together.', 'Beds opened early.']));
    expect(saved.flatMap((i) => i.findings).filter((f) => f.text.trim() === '')).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
