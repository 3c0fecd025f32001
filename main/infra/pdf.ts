import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { invalid } from '../../shared/errors';

/** Browsers that can print a page to PDF headlessly, in the order we try them. */
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export function findChromium(): string | null {
  const configured = process.env.FIELDBOOK_CHROMIUM;
  if (configured) return fs.existsSync(configured) ? configured : null;
  return CANDIDATES.find((candidate) => fs.existsSync(candidate)) ?? null;
}

/**
 * Prints a self-contained HTML page to PDF with a headless Chromium, offline: the page allows no
 * network (its CSP is default-src 'none'), and the browser runs with a throwaway profile.
 */
export async function printWithChromium(html: string): Promise<Buffer> {
  const browser = findChromium();
  if (!browser)
    throw invalid('PDF export needs Chromium (or the desktop app). Install Chromium, set FIELDBOOK_CHROMIUM to a Chrome or Chromium binary, or export DOCX or HTML instead.');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-pdf-'));
  try {
    const page = path.join(dir, 'report.html');
    const pdf = path.join(dir, 'report.pdf');
    fs.writeFileSync(page, html, { mode: 0o600 });
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      `--user-data-dir=${path.join(dir, 'profile')}`,
      '--no-pdf-header-footer',
      `--print-to-pdf=${pdf}`,
      `file://${page}`,
    ];
    await new Promise<void>((resolve, reject) => {
      const child = spawn(browser, args, { stdio: 'ignore' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
      child.on('error', reject);
      child.on('exit', (code) => {
        clearTimeout(timer);
        if (fs.existsSync(pdf) && fs.statSync(pdf).size > 0) resolve();
        else reject(invalid(`Chromium could not print the report to PDF (exit code ${code ?? 'killed'}). Export DOCX or HTML instead.`));
      });
    });
    return fs.readFileSync(pdf);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
