import { describe, expect, it } from 'vitest';
import { entrySchema, type Entry } from '@/lib/reading-list/entry';
import { toBibtex } from '@/lib/reading-list/export/bibtex';
import { toCslJson } from '@/lib/reading-list/export/csl-json';
import { entryYear, sortEntries } from '@/lib/reading-list/query';

/** The manager's Year column: the entry's year, else its arXiv id's first-version year. */

function entry(id: string, snapshot: Partial<Entry['snapshot']>): Entry {
  return entrySchema.parse({
    id,
    inCatalog: true,
    snapshot: { title: `Paper ${id}`, authors: [], ...snapshot },
    status: 'to-read',
    tags: [],
    note: '',
    addedAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    readAt: null,
    clock: {},
  });
}

describe('entryYear', () => {
  it.each([
    [{ year: 2017, arxivId: '1706.03762' }, 2017],
    // Saved from a page that gave no date: the year of the id's first version.
    [{ arxivId: '2106.09685' }, 2021],
    [{ arxivId: '0704.0001' }, 2007],
    [{ arxivId: 'hep-th/9901001' }, 1999],
    [{ arxivId: 'math.GT/0309136' }, 2003],
    [{ doi: '10.1038/nature14539' }, undefined],
  ])('%o → %s', (snapshot, year) => {
    expect(entryYear(entry('x', snapshot))).toBe(year);
  });

  it('sorts by the year shown, unknown years last', () => {
    const list = [
      entry('dated', { year: 2022 }),
      entry('from-id', { arxivId: '2106.09685' }),
      entry('none', {}),
    ];
    expect(sortEntries(list, { key: 'year', dir: 'desc' }).map((e) => e.id)).toEqual([
      'dated',
      'from-id',
      'none',
    ]);
    expect(sortEntries(list, { key: 'year', dir: 'asc' }).map((e) => e.id)).toEqual([
      'from-id',
      'dated',
      'none',
    ]);
  });

  it('is the year the exports cite when the entry has none', () => {
    const saved = entry('2305.14314', { arxivId: '2305.14314', authors: ['Dettmers, Tim'] });
    expect(toBibtex([saved])).toContain('  year = {2023},');
    expect(JSON.parse(toCslJson([saved]))[0].issued).toEqual({ 'date-parts': [[2023]] });
  });
});
