import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFilesAtomically } from '../../main/store/files';
import { tempDir } from '../helpers';

describe('writing many files whole or not at all', () => {
  it('writes every file, and leaves no partial file behind', () => {
    const dir = tempDir();
    const files = ['a', 'b/c', 'b/d'].map((name, i) => ({ target: path.join(dir, name), bytes: Buffer.from(`file ${i}`), mode: 0o600 }));
    writeFilesAtomically(files);
    expect(files.map(({ target }) => fs.readFileSync(target, 'utf8'))).toEqual(['file 0', 'file 1', 'file 2']);
    expect(fs.statSync(path.join(dir, 'a')).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir, { recursive: true }).filter((name) => String(name).endsWith('.partial'))).toEqual([]);
  });

  it('when one file cannot be written, puts none under its real name and removes every partial file', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'blocked'), 'a file where a folder should be');
    const files = [
      { target: path.join(dir, 'first'), bytes: Buffer.from('one') },
      { target: path.join(dir, 'second'), bytes: Buffer.from('two') },
      { target: path.join(dir, 'blocked', 'third'), bytes: Buffer.from('three') },
    ];
    expect(() => writeFilesAtomically(files)).toThrow(/EEXIST|ENOTDIR/);
    expect(fs.readdirSync(dir).sort()).toEqual(['blocked']);
  });
});
