import { describe, expect, it } from 'vitest';
import { notesFromFile } from '../../main/services/sessions/import-notes';

describe('reading notes files', () => {
  it('keeps Markdown headings, lists, bold and italic, and treats escapes as literal', async () => {
    const doc = await notesFromFile('x.md', Buffer.from('## Carers\n\n- Respite *rarely* offered\n1. **First** point\n\nA \\*literal\\* star, 3 * 4 and snake_case_words.\n'));
    expect(doc.content?.map((node) => node.type)).toEqual(['heading', 'bulletList', 'orderedList', 'paragraph']);
    expect(doc.content?.[1]?.content?.[0]?.content?.[0]?.content).toEqual([
      { type: 'text', text: 'Respite ' },
      { type: 'text', text: 'rarely', marks: [{ type: 'italic' }] },
      { type: 'text', text: ' offered' },
    ]);
    expect(doc.content?.[3]?.content).toEqual([{ type: 'text', text: 'A *literal* star, 3 * 4 and snake_case_words.' }]);
  });

  it('reads .txt as plain lines, whatever it contains', async () => {
    const doc = await notesFromFile('notes.TXT', Buffer.from('# not a heading\r\n- not a list\r\n'));
    expect(doc.content?.map((node) => node.content?.[0]?.text)).toEqual(['# not a heading', '- not a list']);
  });

  it('refuses a file over 20 MB before reading it', async () => {
    await expect(notesFromFile('big.txt', Buffer.alloc(20 * 1024 * 1024 + 1, 0x61))).rejects.toThrow(/over 20 MB \(20\.0 MB\)/);
  });
});
