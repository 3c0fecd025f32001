import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `npm install` runs only the install scripts we chose (package.json allowScripts; .npmrc makes
 * an unreviewed one fail the install). The SQLite driver's implicit `node-gyp rebuild` (it ships
 * a binding.gyp) is denied: it builds nothing, since the driver loads its prebuilt binary, but
 * node-gyp would still need Python and, on Windows, Visual Studio.
 */
const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { allowScripts: Record<string, boolean> };
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { name?: string; hasInstallScript?: boolean }> };

/** The registry name of a lockfile entry (an alias such as better-sqlite3 keeps its real name in `name`). */
const nameOf = (key: string, entry: { name?: string }) => entry.name ?? key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('the install-script policy', () => {
  it('covers every dependency with an install script, implicit node-gyp builds included', () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([key, entry]) => key !== '' && (entry.hasInstallScript || fs.existsSync(path.join(ROOT, key, 'binding.gyp'))))
      .map(([key, entry]) => nameOf(key, entry));
    expect(withScripts).toContain('better-sqlite3-multiple-ciphers');
    for (const name of withScripts) expect(pkg.allowScripts, `${name} has an install script nobody has reviewed`).toHaveProperty([name]);
  });

  it('lets only the project Node and esbuild run theirs, and never a compiler for the SQLite driver', () => {
    expect(
      Object.entries(pkg.allowScripts)
        .filter(([, allowed]) => allowed)
        .map(([name]) => name)
        .sort(),
    ).toEqual(['esbuild', 'node']);
    expect(pkg.allowScripts['better-sqlite3-multiple-ciphers']).toBe(false);
    expect(fs.readFileSync(path.join(ROOT, '.npmrc'), 'utf8')).toMatch(/^strict-allow-scripts=true$/m);
    // The driver's prebuilt binary is what loads, so nothing needs building.
    expect(fs.existsSync(path.join(ROOT, 'node_modules', 'better-sqlite3', 'prebuilds', `${process.platform}-${process.arch}.node`))).toBe(true);
  });
});
