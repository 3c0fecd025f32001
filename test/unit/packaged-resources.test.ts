import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';

/**
 * The installed app reads its resources from the copy electron-builder packs. This test packs
 * that copy the way electron-builder.yml says (its extraResources filter) and runs the built CLI
 * against it alone: the demo, the data profile, the audit, charts and a DOCX export with the
 * default template must all work, or the package is broken.
 */
const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'bin', 'fieldbook.cjs');
type BuilderConfig = { directories: { buildResources: string }; extraResources: Array<{ from: string; to: string; filter: string[] }> };
const config = yaml.load(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

/** electron-builder's reading of a filter: a file goes in if a pattern takes it and no "!" pattern leaves it out. */
function packedFiles(filter: string[], from: string): string[] {
  const include = filter.filter((pattern) => !pattern.startsWith('!'));
  const exclude = filter.filter((pattern) => pattern.startsWith('!')).map((pattern) => pattern.slice(1));
  const all = (fs.readdirSync(from, { recursive: true }) as string[]).map((file) => file.split(path.sep).join('/')).filter((file) => fs.statSync(path.join(from, file)).isFile());
  return all.filter((file) => include.some((pattern) => minimatch(file, pattern, { dot: true })) && !exclude.some((pattern) => minimatch(file, pattern, { dot: true })));
}

/** A resources folder holding exactly what the filter packs. */
function packResources(filter: string[]): string {
  const target = path.join(tempDir(), 'resources');
  for (const file of packedFiles(filter, path.join(ROOT, 'resources'))) {
    fs.mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'resources', file), path.join(target, file));
  }
  return target;
}

function cliWith(resources: string) {
  const dir = tempDir();
  const db = path.join(dir, 'fieldbook.sqlite');
  return {
    dir,
    run: (...args: string[]) => {
      const result = spawnSync(process.execPath, [CLI, '--db', db, ...args], { encoding: 'utf8', env: { ...process.env, FIELDBOOK_RESOURCES: resources }, timeout: 120_000 });
      return { code: result.status, out: result.stdout, err: result.stderr };
    },
  };
}

const resourcesEntry = () => {
  const entry = config.extraResources.find((item) => item.from === 'resources');
  if (!entry) throw new Error('electron-builder.yml packs no resources folder');
  return entry;
};

describe('the packaged resources', () => {
  it('are where the app looks for them, and hold everything the demo, the data profile, the audit and a DOCX export read', { timeout: 240_000 }, () => {
    const entry = resourcesEntry();
    // process.resourcesPath/resources is where main/resources.ts looks in a packaged app.
    expect(entry.to).toBe('resources');
    const { run, dir } = cliWith(packResources(entry.filter));
    const demo = run('demo');
    expect(demo.err).toBe('');
    expect(demo.code).toBe(0);
    const profile = run('indicators', 'Oxfordshire', '--json');
    expect(profile.code, profile.err).toBe(0);
    expect((JSON.parse(profile.out) as unknown[]).length).toBeGreaterThan(3);
    const audit = run('audit', 'questionnaire', 'Oxfordshire', '--json');
    expect(audit.code, audit.err).toBe(0);
    fs.mkdirSync(path.join(dir, 'charts'));
    const charts = run('indicators', 'charts', 'Oxfordshire', '--out', path.join(dir, 'charts'));
    expect(charts.code, charts.err).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'charts')).some((file) => file.endsWith('.png'))).toBe(true);
    const report = path.join(dir, 'report.docx');
    const exported = run('export', 'Oxfordshire', '--format', 'docx', '--out', report);
    expect(exported.code, exported.err).toBe(0);
    expect(fs.readFileSync(report).subarray(0, 2).toString()).toBe('PK');
    for (const kind of ['local_system_review', 'progress_review']) {
      const created = run('review', 'create', '--title', `Packaged ${kind}`, '--kind', kind, '--area', 'Kent');
      expect(created.code, created.err).toBe(0);
    }
  });

  it('is a check that fails on the filter that shipped without the data profile and the templates', { timeout: 120_000 }, () => {
    const { run } = cliWith(packResources(['frameworks/**', 'demo/**', 'audit/**', 'fonts/**']));
    const demo = run('demo');
    expect(demo.code).not.toBe(0);
    // The reviewer is told what is missing and what to do, not "internal error".
    expect(demo.err).toMatch(/installation is incomplete: .*profile.indicators\.json is missing\. Reinstall Fieldbook/);
  });

  it('leave out only the build icons, which the packaged app never reads', () => {
    const packed = new Set(packedFiles(resourcesEntry().filter, path.join(ROOT, 'resources')));
    const unpacked = (fs.readdirSync(path.join(ROOT, 'resources'), { recursive: true }) as string[])
      .map((file) => file.split(path.sep).join('/'))
      .filter((file) => fs.statSync(path.join(ROOT, 'resources', file)).isFile() && !packed.has(file));
    expect(unpacked.length).toBeGreaterThan(0);
    for (const file of unpacked) expect(file).toMatch(/^build\//);
  });
});

describe('the app icons', () => {
  const build = path.join(ROOT, config.directories.buildResources);
  it('exist for Windows (ico with a 256 px image), macOS (icns up to 1024 px) and Linux (png sizes)', () => {
    const png = fs.readFileSync(path.join(build, 'icon.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);

    const ico = fs.readFileSync(path.join(build, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const widths = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(widths).toEqual(expect.arrayContaining([16, 32, 48, 256]));

    const icns = fs.readFileSync(path.join(build, 'icon.icns'));
    expect(icns.subarray(0, 4).toString()).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let offset = 8; offset < icns.length; offset += icns.readUInt32BE(offset + 4)) types.push(icns.subarray(offset, offset + 4).toString());
    expect(types).toEqual(expect.arrayContaining(['ic07', 'ic08', 'ic09', 'ic10']));

    for (const size of [16, 32, 48, 128, 256, 512]) expect(fs.existsSync(path.join(build, 'icons', `${size}x${size}.png`))).toBe(true);
  });
});
