import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers';

const FIXTURES = path.resolve(__dirname, '../fixtures/notes');
const fixture = (name: string) => path.join(FIXTURES, name);

async function demoDb() {
  const db = path.join(tempDir(), 'notes.sqlite');
  await cli('--db', db, 'demo');
  return db;
}

describe('fieldbook import notes', () => {
  it('imports .txt, .md and .docx as one session each, titled from the file name', async () => {
    const db = await demoDb();
    const result = await cli(
      '--db',
      db,
      'import',
      'notes',
      'Oxfordshire',
      fixture('Board round observation.txt'),
      fixture('Social worker interview.md'),
      fixture('Carers focus group.docx'),
    );
    expect(result.code).toBe(0);
    expect(result.out.split('\n')).toHaveLength(3);
    expect(result.out).toMatch(/Board round observation.txt: imported as session [0-9a-f-]{36}/);
    const sessions = JSON.parse((await cli('--db', db, 'sessions', 'Oxfordshire', '--json')).out) as Array<{ title: string; word_count: number; kind: string }>;
    expect(sessions.map((s) => s.title).sort()).toEqual(['Board round observation', 'Carers focus group', 'Social worker interview']);
    expect(sessions.every((s) => s.word_count > 10)).toBe(true);
    // The BOM is gone, accents are searchable without them, and Word's text arrived.
    const cafe = JSON.parse((await cli('--db', db, 'search', 'Oxfordshire', 'cafe', '--json')).out) as Array<{ snippet: string; matches: string[] }>;
    expect(cafe[0]?.matches).toEqual(['café']);
    const respite = JSON.parse((await cli('--db', db, 'search', 'Oxfordshire', 'respite', '--json')).out) as Array<{ session_title: string }>;
    expect(respite[0]?.session_title).toBe('Carers focus group');
  });

  it('refuses bad files one line each, imports the rest, and exits 1', async () => {
    const db = await demoDb();
    const result = await cli(
      '--db',
      db,
      'import',
      'notes',
      'Oxfordshire',
      fixture('slides.pdf'),
      fixture('empty.txt'),
      fixture('blank.md'),
      fixture('broken.docx'),
      fixture('latin1.txt'),
      fixture('missing.txt'),
      fixture('Social worker interview.md'),
    );
    expect(result.code).toBe(1);
    const lines = result.out.split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/slides.pdf: refused: unsupported type \(\.pdf\): import \.txt, \.md or \.docx files/),
      expect.stringMatching(/empty.txt: refused: empty file/),
      expect.stringMatching(/blank.md: refused: empty file: it has no text/),
      expect.stringMatching(/broken.docx: refused: unreadable: not a valid Word \(\.docx\) file/),
      expect.stringMatching(/latin1.txt: refused: unreadable: not UTF-8 text/),
      expect.stringMatching(/missing.txt: refused: cannot read the file \(no such file\)/),
      expect.stringMatching(/Social worker interview.md: imported as session/),
    ]);
    const sessions = JSON.parse((await cli('--db', db, 'sessions', 'Oxfordshire', '--json')).out) as unknown[];
    expect(sessions).toHaveLength(1); // nothing half-imported from the refused files
  });
});

describe('fieldbook sessions, search and generate', () => {
  it('generates a deterministic review and searches it by a stemmed word', { timeout: 30_000 }, async () => {
    const dir = tempDir();
    const first = JSON.parse((await cli('--db', path.join(dir, 'a.sqlite'), 'generate', '--scale', 'S', '--json')).out) as {
      reviewId: string;
      sessions: number;
      words: number;
      tags: number;
    };
    const second = JSON.parse((await cli('--db', path.join(dir, 'b.sqlite'), 'generate', '--scale', 's', '--json')).out) as typeof first;
    expect(first).toMatchObject({ sessions: 10, tags: 500, evidence: 100, attachments: 10, respondents: 20, answers: 20 * 4 * 25 });
    expect(first.words).toBeGreaterThan(30_000);
    expect({ ...second, seconds: 0 }).toEqual({ ...first, seconds: 0 });
    const sessions = JSON.parse((await cli('--db', path.join(dir, 'a.sqlite'), 'sessions', first.reviewId, '--json')).out) as Array<Record<string, unknown>>;
    expect(Object.keys(sessions[0] ?? {}).sort()).toEqual(['held_at', 'id', 'kind', 'participants', 'tag_count', 'title', 'word_count']);
    expect(JSON.stringify(sessions)).not.toMatch(/realName|real_name/);
    const hits = JSON.parse((await cli('--db', path.join(dir, 'a.sqlite'), 'search', first.reviewId, 'recruit', '--json')).out) as Array<{
      session_id: string;
      snippet: string;
      matches: string[];
    }>;
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]?.matches[0]).toMatch(/^recruit/i);
  });

  it('refuses generate without --db and names an unknown review', async () => {
    expect(await cli('generate', '--scale', 'S')).toMatchObject({ code: 1, err: expect.stringMatching(/needs --db PATH/) });
    const db = await demoDb();
    expect(await cli('--db', db, 'sessions', 'Kent')).toMatchObject({ code: 1, err: expect.stringMatching(/no review "Kent"/) });
    expect(await cli('--db', db, 'search', 'Oxfordshire')).toMatchObject({ code: 1, err: expect.stringMatching(/Give something to search for/) });
  });
});
