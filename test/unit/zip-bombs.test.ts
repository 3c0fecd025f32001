import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { newSigningKey, newTeamKey, sealBundle } from '../../main/services/exchange/sealed-bundle';

/**
 * Zip bombs against every zip Fieldbook opens: team bundles, .docx notes and .xlsx action plans.
 * Each is run through the built CLI in a process of its own, so its peak memory can be read: a
 * refused bomb must cost under 200 MB. A bomb here is 600 MB of zeros packed into ~600 KB, once
 * honest about its size and once declaring 1 KB.
 */
const root = path.resolve(__dirname, '../..');
const cliBundle = path.join(root, 'dist', 'cli', 'fieldbook.cjs');
const maxrss = path.join(root, 'test', 'fixtures', 'maxrss.cjs');
const BOMB_BYTES = 600 * 1024 * 1024;
const PEAK_LIMIT_MB = 200;

let bomb: Buffer;
let bombCrc: number;
let dir: string;
let db: string;

/** 600 MB of zeros, deflated as it streams (never held whole). */
async function deflatedZeros(total: number): Promise<{ packed: Buffer; crc: number }> {
  const chunk = Buffer.alloc(1024 * 1024);
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (data: Buffer) => parts.push(data));
  const done = new Promise<void>((resolve) => deflate.on('end', resolve));
  let crc = 0;
  for (let written = 0; written < total; written += chunk.length) {
    crc = zlib.crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { packed: Buffer.concat(parts), crc };
}

interface RawEntry {
  name: string;
  data: Buffer;
  method: 0 | 8;
  size: number;
  crc: number;
}

/** A zip written byte by byte, so the sizes it declares can be whatever the attack needs. */
function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt32LE(entry.crc >>> 0, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += 30 + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const stored = (name: string, text: string): RawEntry => {
  const data = Buffer.from(text, 'utf8');
  return { name, data, method: 0, size: data.length, crc: zlib.crc32(data) };
};
const bombEntry = (name: string, honest: boolean): RawEntry => ({ name, data: bomb, method: 8, size: honest ? BOMB_BYTES : 1024, crc: bombCrc });

/** A format 1 team bundle around the entries: the zip with its checksum comment. */
function asBundle(zip: Buffer): Buffer {
  zip.writeUInt16LE(64, zip.length - 2);
  return Buffer.concat([zip, Buffer.from(crypto.createHash('sha256').update(zip).digest('hex'), 'ascii')]);
}

function run(...args: string[]): { status: number | null; stderr: string; stdout: string; peakMb: number } {
  return runWith({}, ...args);
}

function runWith(env: Record<string, string>, ...args: string[]): { status: number | null; stderr: string; stdout: string; peakMb: number } {
  const result = spawnSync(process.execPath, ['-r', maxrss, cliBundle, '--db', db, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, FIELDBOOK_PASSPHRASE: '', ...env },
  });
  const kib = Number(/maxrss-kib (\d+)/.exec(result.stderr)?.[1] ?? 'NaN');
  return { status: result.status, stderr: result.stderr, stdout: result.stdout, peakMb: kib / 1024 };
}

beforeAll(async () => {
  ({ packed: bomb, crc: bombCrc } = await deflatedZeros(BOMB_BYTES));
  dir = tempDir();
  db = path.join(dir, 'bombs.sqlite');
  expect(run('demo').status).toBe(0);
}, 120_000);

const peaks: Record<string, number> = {};

describe('zip bombs are refused before they are unpacked', () => {
  it.each([true, false])('a team bundle whose records unpack to 600 MB (size declared honestly: %s)', { timeout: 120_000 }, (honest) => {
    const file = path.join(dir, `bomb-${honest}.fieldbook-bundle`);
    fs.writeFileSync(file, asBundle(rawZip([stored('manifest.json', '{}'), bombEntry('records.json', honest)])));
    const result = run('bundle', 'import', file);
    peaks[`bundle ${honest ? 'honest' : 'lying'}`] = result.peakMb;
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`bomb-${honest}.fieldbook-bundle`);
    expect(result.stderr).toMatch(honest ? /records\.json would unpack to 600 MB, more than the 150 MB allowed/ : /records\.json is damaged or larger than it says/);
    expect(result.peakMb).toBeLessThan(PEAK_LIMIT_MB);
  });

  it('a sealed team bundle, opened with the team key, whose records unpack to 600 MB', { timeout: 120_000 }, () => {
    // A teammate holds the key, so the limits apply inside the seal too.
    const team = newTeamKey();
    expect(runWith({ FIELDBOOK_TEAM_KEY: team.code }, 'team', 'key', 'set', 'Oxfordshire').status).toBe(0);
    const reviewId = (JSON.parse(run('reviews', '--json').stdout) as Array<{ id: string }>)[0]?.id ?? '';
    const file = path.join(dir, 'sealed-bomb.fieldbook-bundle');
    fs.writeFileSync(file, sealBundle(asBundle(rawZip([stored('manifest.json', '{}'), bombEntry('records.json', false)])), reviewId, team.key, newSigningKey().privateKey));
    const result = run('bundle', 'import', file);
    peaks['sealed bundle lying'] = result.peakMb;
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/sealed-bomb\.fieldbook-bundle cannot be imported: records\.json is damaged or larger than it says/);
    expect(result.peakMb).toBeLessThan(PEAK_LIMIT_MB);
  });

  it('a team bundle with two entries of the same name, or one its manifest does not list', { timeout: 60_000 }, () => {
    const twice = path.join(dir, 'twice.fieldbook-bundle');
    fs.writeFileSync(twice, asBundle(rawZip([stored('manifest.json', '{}'), stored('records.json', '{}'), stored('records.json', '{"people":[]}')])));
    expect(run('bundle', 'import', twice).stderr).toMatch(/twice\.fieldbook-bundle cannot be imported: it holds two files named records\.json/);

    const records = JSON.stringify({ people: [], versions: [], attachments: [] });
    const manifest = {
      format: 'fieldbook-team-bundle',
      formatVersion: 1,
      review: { id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', title: 'Oxfordshire' },
      author: { id: 'someone', name: 'Someone' },
      device: { id: 'laptop', name: 'Laptop' },
      createdAt: '2026-11-28T12:00:00.000Z',
      sincePeer: null,
      counts: { versions: 0, people: 0, attachments: 0 },
      entries: { 'records.json': crypto.createHash('sha256').update(records).digest('hex') },
    };
    const extra = path.join(dir, 'extra.fieldbook-bundle');
    fs.writeFileSync(extra, asBundle(rawZip([stored('manifest.json', JSON.stringify(manifest)), stored('records.json', records), stored('minutes.bat', '@echo off')])));
    expect(run('bundle', 'import', extra).stderr).toMatch(/extra\.fieldbook-bundle holds a file its manifest does not list \(minutes\.bat\)/);
  });

  it.each([true, false])('a Word file of notes whose text unpacks to 600 MB (size declared honestly: %s)', { timeout: 120_000 }, (honest) => {
    const file = path.join(dir, `minutes-${honest}.docx`);
    fs.writeFileSync(file, rawZip([stored('[Content_Types].xml', '<Types/>'), bombEntry('word/document.xml', honest)]));
    const result = run('import', 'notes', 'Oxfordshire', file);
    peaks[`docx ${honest ? 'honest' : 'lying'}`] = result.peakMb;
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toMatch(honest ? /would unpack to 600 MB, more than the 100 MB allowed/ : /document\.xml is damaged or larger than it says/);
    expect(result.peakMb).toBeLessThan(PEAK_LIMIT_MB);
  });

  it('a Word report template whose document unpacks to 600 MB', { timeout: 120_000 }, () => {
    const file = path.join(dir, 'template.docx');
    fs.writeFileSync(file, rawZip([stored('[Content_Types].xml', '<Types/>'), bombEntry('word/document.xml', true)]));
    const result = run('export', 'Oxfordshire', '--format', 'docx', '--out', path.join(dir, 'report.docx'), '--template', file, '--allow-names');
    peaks['template'] = result.peakMb;
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/template\.docx was not opened: word\/document\.xml would unpack to 600 MB/);
    expect(fs.existsSync(path.join(dir, 'report.docx'))).toBe(false);
    expect(result.peakMb).toBeLessThan(PEAK_LIMIT_MB);
  });

  it.each([true, false])('an Excel action plan whose sheet unpacks to 600 MB (size declared honestly: %s)', { timeout: 120_000 }, (honest) => {
    const file = path.join(dir, `actions-${honest}.xlsx`);
    fs.writeFileSync(file, rawZip([stored('[Content_Types].xml', '<Types/>'), bombEntry('xl/worksheets/sheet1.xml', honest)]));
    const result = run('import', 'actions', 'Oxfordshire', file);
    peaks[`xlsx ${honest ? 'honest' : 'lying'}`] = result.peakMb;
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`actions-${honest}.xlsx was not opened`);
    expect(result.peakMb).toBeLessThan(PEAK_LIMIT_MB);
    // The figures for the closing note and the README.
    if (!honest) console.log(`peak memory of refused bombs (MB): ${JSON.stringify(Object.fromEntries(Object.entries(peaks).map(([k, v]) => [k, Math.round(v)])))}`);
  });
});
