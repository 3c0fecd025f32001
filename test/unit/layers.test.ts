import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

/** Lints code as if it lived at `file`, returning the rule ids that fired. */
async function rulesFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('layer rule: renderer → shared ← main', () => {
  it('keeps shared/ free of Node, DOM, Electron and the other layers', { timeout: 30_000 }, async () => {
    expect(await rulesFor('shared/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toContain('no-restricted-imports');
    expect(await rulesFor('shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toContain('no-restricted-imports');
    expect(await rulesFor('shared/x.ts', "import { Store } from '../main/store/store';\nexport const a = Store;\n")).toContain('no-restricted-imports');
    expect(await rulesFor('shared/x.ts', 'export const a = window.location;\n')).toContain('no-restricted-globals');
  });

  it('keeps Node and main/ out of the renderer', async () => {
    expect(await rulesFor('renderer/x.ts', "import fs from 'fs';\nexport const a = fs;\n")).toContain('no-restricted-imports');
    expect(await rulesFor('renderer/x.ts', "import { handlers } from '../main/services/handlers';\nexport const a = handlers;\n")).toContain('no-restricted-imports');
  });

  it('keeps the UI out of main/ and Electron inside main/app/', async () => {
    expect(await rulesFor('main/services/x.ts', "import { App } from '../../renderer/App';\nexport const a = App;\n")).toContain('no-restricted-imports');
    expect(await rulesFor('main/services/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toContain('no-restricted-imports');
    expect(await rulesFor('main/app/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).not.toContain('no-restricted-imports');
  });

  it('lets each layer import shared/', async () => {
    expect(await rulesFor('renderer/x.ts', "import { newId } from '../shared/ids';\nexport const a = newId;\n")).toEqual([]);
    expect(await rulesFor('main/x.ts', "import { newId } from '../shared/ids';\nexport const a = newId;\n")).toEqual([]);
  });
});
