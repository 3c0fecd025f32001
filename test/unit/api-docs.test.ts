import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiMarkdown } from '../../shared/api/docs';
import { METHOD_NAMES } from '../../shared/api/contract';

const file = path.resolve(__dirname, '../../docs/api.md');

describe('docs/api.md', () => {
  it('lists every call of the contract as it is now (run npm run docs:api after changing the contract)', () => {
    const current = apiMarkdown();
    if (process.env.UPDATE_API_DOCS === '1') fs.writeFileSync(file, current);
    expect(fs.existsSync(file), 'docs/api.md is missing: run npm run docs:api').toBe(true);
    expect(fs.readFileSync(file, 'utf8'), 'docs/api.md is stale: run npm run docs:api').toBe(current);
    for (const method of METHOD_NAMES) expect(current).toContain(`| \`${method}\` |`);
  });

  it('names every call with a verb, so a call reads as what it does', () => {
    const verbs =
      /^(list|get|create|update|set|add|remove|restore|delete|save|import|export|check|read|open|search|move|start|cancel|preview|merge|resolve|encrypt|unlock|lock|backup|cite|inspect|rotate)[A-Z]?/;
    expect(METHOD_NAMES.filter((method) => !verbs.test(method))).toEqual([]);
  });
});
