import { describe, expect, it } from 'vitest';
import type { Entry } from '@/lib/reading-list/entry';
import { splitBibtex } from '@/lib/reading-list/import/bibtex-split';
import { decodeImportBytes } from '@/lib/reading-list/import/decode';
import { decodeLatexLetters } from '@/lib/catalog/latex-accents';
import { mergeEntry } from '@/lib/reading-list/import/merge';
import { sampleEntries } from '../fixtures/reading-list/entries';

describe('decodeLatexLetters', () => {
  it.each([
    [String.raw`M{\"u}ller`, 'Müller'],
    [String.raw`{\AA}ngstr{\"o}m-Nu{\~n}ez, Zo{\"e}`, 'Ångström-Nuñez, Zoë'],
    [String.raw`\'{e}cole {\v c} {\v{s}} \c{c} {\'\i} {\ss} {\o}`, 'école č š ç í ß ø'],
    // The closing brace of the field is never taken as part of an accent.
    [String.raw`title = {Zo{\"e}}`, 'title = {Zoë}'],
    // Unbraced, as arXiv writes names: C\'esar, Gon\c{c}alves, Erd\H{o}s.
    [String.raw`C\'esar Gon\c{c}alves Erd\H{o}s \"Ozg\"ur`, 'César Gonçalves Erdős Özgür'],
    // Escapes that are not letters are left for citation-js.
    [String.raw`100\% \& \$`, String.raw`100\% \& \$`],
  ])('%s → %s', (latex, text) => {
    expect(decodeLatexLetters(latex)).toBe(text);
  });
});

describe('splitBibtex', () => {
  it('finds entries with their start lines and skips comments and strings', () => {
    const text = [
      '% exported',
      '@comment{jabref-meta: x}',
      '@string{nips = {NeurIPS}}',
      '@misc{a,',
      '  title = {With {nested} braces and an @ sign},',
      '}',
      '',
      '@article(b, title = {Parenthesised})',
    ].join('\n');
    const { chunks, unclosed } = splitBibtex(text);
    expect(chunks.map((c) => [c.line, c.type])).toEqual([
      [4, 'misc'],
      [8, 'article'],
    ]);
    expect(chunks[0]!.text.endsWith('}')).toBe(true);
    expect(unclosed).toEqual([]);
  });

  it('reports an entry still open at the end of the file', () => {
    expect(splitBibtex('@misc{a, title = {x}}\n\n@misc{b, title = {cut').unclosed).toEqual([
      { line: 3, type: 'misc' },
    ]);
  });
});

describe('mergeEntry', () => {
  const saved: Entry = {
    ...sampleEntries[0]!,
    status: 'reading',
    tags: ['mine'],
    note: 'Saved note',
    readAt: null,
    snapshot: { title: 'Attention Is All You Need', authors: ['A. Vaswani'] },
  };

  it('keeps what the list holds and adds what the file brings', () => {
    const { entry, changed } = mergeEntry(saved, sampleEntries[0]!);
    expect(entry.status).toBe('read');
    expect(entry.readAt).toBe(sampleEntries[0]!.readAt);
    expect(entry.tags).toEqual(['mine', 'nlp', 'transformers']);
    expect(entry.note).toBe('Saved note\n\nThe transformer paper.\nRead twice.');
    expect(entry.snapshot.authors).toEqual(['A. Vaswani']);
    expect(entry.snapshot.year).toBe(2017);
    expect(changed.sort()).toEqual(['note', 'readAt', 'snapshot', 'status', 'tags']);
  });

  it('never moves a status back or drops a note, and is idempotent', () => {
    const first = mergeEntry(saved, { ...saved, status: 'to-read', note: '', tags: [] });
    expect(first.changed).toEqual([]);
    const once = mergeEntry(saved, sampleEntries[0]!).entry;
    expect(mergeEntry(once, sampleEntries[0]!).changed).toEqual([]);
  });
});

describe('decodeImportBytes', () => {
  it('drops the byte-order mark Excel and Windows editors write', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('title\nÜber\n')]);
    expect(decodeImportBytes(bytes)).toBe('title\nÜber\n');
  });

  it.each([
    [[0xfe, 0xff, 0x00, 0x74], /UTF-16/],
    [[0x74, 0x69, 0xfc, 0x74], /not UTF-8 text/],
    [[0x74, 0x00, 0x69], /NUL byte \(at byte 1\)/],
  ])('refuses %j', (bytes, message) => {
    expect(() => decodeImportBytes(new Uint8Array(bytes))).toThrow(message);
  });
});
