import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHORTCUTS } from '../../renderer/ui/shortcuts';

describe('keyboard shortcuts', () => {
  it('lists in the README each shortcut the "?" list shows, in the same words', () => {
    const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    const rows = readme.split('\n').map((line) => line.replace(/\s+\|/g, ' |').replace(/\|\s+/g, '| ').trim());
    for (const { keys, where, does } of SHORTCUTS) expect(rows, keys).toContain(`| ${keys} | ${where} | ${does} |`);
  });
});
