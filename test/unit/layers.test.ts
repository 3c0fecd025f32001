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
    expect(await rulesFor('renderer/x.ts', "import { handlers } from '../main/platform/handlers';\nexport const a = handlers;\n")).toContain('no-restricted-imports');
  });

  it('keeps the UI out of main/ and Electron inside main/app/', async () => {
    expect(await rulesFor('main/services/x.ts', "import { App } from '../../renderer/App';\nexport const a = App;\n")).toContain('no-restricted-imports');
    expect(await rulesFor('main/services/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toContain('no-restricted-imports');
    expect(await rulesFor('main/app/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).not.toContain('no-restricted-imports');
  });

  it('lets shared/ use only the allowed pure packages', async () => {
    expect(await rulesFor('shared/x.ts', "import { z } from 'zod';\nexport const a = z;\n")).toEqual([]);
    expect(await rulesFor('shared/x.ts', "import { zxcvbn } from '@zxcvbn-ts/core';\nexport const a = zxcvbn;\n")).toEqual([]);
    expect(await rulesFor('shared/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;\n")).toContain('no-restricted-imports');
    expect(await rulesFor('shared/x.ts', "import { create } from 'zustand';\nexport const a = create;\n")).toContain('no-restricted-imports');
    expect(await rulesFor('shared/x.ts', "import { Resvg } from '@resvg/resvg-js';\nexport const a = Resvg;\n")).toContain('no-restricted-imports');
    expect(await rulesFor('shared/x.ts', "import { zodish } from 'zod-extra';\nexport const a = zodish;\n")).toContain('no-restricted-imports');
  });

  it('keeps store/ below the capabilities and the bindings', async () => {
    expect(await rulesFor('main/store/x.ts', "import { reviewDetail } from '../services/reviews/reviews';\nexport const a = reviewDetail;\n")).toContain('no-restricted-imports');
    expect(await rulesFor('main/store/x.ts', "import { dispatch } from '../platform/dispatch';\nexport const a = dispatch;\n")).toContain('no-restricted-imports');
    expect(await rulesFor('main/store/x.ts', "import { COMMANDS } from '../cli/commands';\nexport const a = COMMANDS;\n")).toContain('no-restricted-imports');
    expect(await rulesFor('main/store/x.ts', "import { newId } from '../../shared/ids';\nexport const a = newId;\n")).toEqual([]);
  });

  it('keeps infra/ free of Fieldbook above it', async () => {
    expect(await rulesFor('main/infra/x.ts', "import { Store } from '../store/store';\nexport const a = Store;\n")).toContain('no-restricted-imports');
    expect(await rulesFor('main/infra/x.ts', "import { handlers } from '../platform/handlers';\nexport const a = handlers;\n")).toContain('no-restricted-imports');
    expect(await rulesFor('main/store/x.ts', "import { zipEntries } from '../infra/zip-codec';\nexport const a = zipEntries;\n")).toEqual([]);
  });

  it('keeps the bindings out of services/ and platform/', async () => {
    expect(await rulesFor('main/services/reviews/x.ts', "import { COMMANDS } from '../../cli/commands';\nexport const a = COMMANDS;\n")).toContain('no-restricted-imports');
    expect(await rulesFor('main/services/reviews/x.ts', "import { startServer } from '../../preview/server';\nexport const a = startServer;\n")).toContain('no-restricted-imports');
    expect(await rulesFor('main/platform/x.ts', "import { createWindow } from '../app/main';\nexport const a = createWindow;\n")).toContain('no-restricted-imports');
    expect(await rulesFor('main/services/reviews/x.ts', "import { Store } from '../../store/store';\nexport const a = Store;\n")).toEqual([]);
  });

  it('makes services prepare SQL through the statement cache', async () => {
    const code = "import type { Store } from '../../store/store';\nexport const a = (store: Store) => store.db.prepare('SELECT 1').get();\n";
    expect(await rulesFor('main/services/reviews/x.ts', code)).toContain('no-restricted-syntax');
    expect(await rulesFor('main/services/reviews/x.ts', code.replace('store.db.prepare', 'store.prepare'))).toEqual([]);
  });

  it('lets a renderer feature use another only through its index', async () => {
    expect(await rulesFor('renderer/features/evidence/X.tsx', "import { ProvenanceDetails } from '../exchange/Provenance';\nexport const a = ProvenanceDetails;\n")).toContain(
      'fieldbook/feature-index',
    );
    expect(await rulesFor('renderer/app/X.tsx', "import { DataPage } from '../features/protection/DataPage';\nexport const a = DataPage;\n")).toContain('fieldbook/feature-index');
    expect(await rulesFor('renderer/features/evidence/X.tsx', "import { ProvenanceDetails } from '../exchange';\nexport const a = ProvenanceDetails;\n")).toEqual([]);
    expect(await rulesFor('renderer/features/evidence/X.tsx', "import { EvidenceForm } from './EvidenceForm';\nexport const a = EvidenceForm;\n")).toEqual([]);
  });

  it('lets each layer import shared/', async () => {
    expect(await rulesFor('renderer/x.ts', "import { newId } from '../shared/ids';\nexport const a = newId;\n")).toEqual([]);
    expect(await rulesFor('main/x.ts', "import { newId } from '../shared/ids';\nexport const a = newId;\n")).toEqual([]);
  });
});
