import { describe, expect, it } from 'vitest';
import type { Entry, ReadingStatus } from '@/lib/reading-list/entry';
import { entrySchema } from '@/lib/reading-list/entry';
import {
  authorsShort,
  EMPTY_FILTER,
  entryLink,
  facetCounts,
  filterEntries,
  nextStatus,
  checkTag,
  selectRange,
  sortEntries,
  toggleOne,
  visibleSelection,
} from '@/lib/reading-list/query';

function entry(
  id: string,
  over: {
    title?: string;
    authors?: string[];
    year?: number;
    status?: ReadingStatus;
    tags?: string[];
    note?: string;
    addedAt?: string;
  } = {},
): Entry {
  const addedAt = over.addedAt ?? '2026-01-01T00:00:00.000Z';
  // Parsed by the real schema, so a fixture that breaks the contract fails here, not in a page.
  return entrySchema.parse({
    id,
    inCatalog: true,
    snapshot: {
      title: over.title ?? `Paper ${id}`,
      authors: over.authors ?? ['Ada Lovelace'],
      ...(over.year === undefined ? {} : { year: over.year }),
    },
    status: over.status ?? 'to-read',
    tags: over.tags ?? [],
    note: over.note ?? '',
    addedAt,
    updatedAt: addedAt,
    readAt: null,
    clock: {},
  });
}

const ids = (entries: Entry[]) => entries.map((e) => e.id);

const list = [
  entry('a', {
    title: 'Attention Is All You Need',
    authors: ['Ashish Vaswani', 'Noam Shazeer'],
    year: 2017,
    status: 'read',
    tags: ['nlp', 'transformers'],
    addedAt: '2026-01-03T00:00:00.000Z',
  }),
  entry('b', {
    title: 'Kernel Methods in Machine Learning',
    authors: ['Thomas Hofmann', 'Bernhard Schölkopf'],
    year: 2008,
    status: 'to-read',
    tags: ['kernels'],
    note: 'Chapter 4 on RKHS is the one to reread',
    addedAt: '2026-01-01T00:00:00.000Z',
  }),
  entry('c', {
    title: 'bert: Pre-training of Deep Bidirectional Transformers',
    authors: ['Jacob Devlin'],
    status: 'reading',
    tags: ['nlp'],
    addedAt: '2026-01-02T00:00:00.000Z',
  }),
];

describe('filterEntries', () => {
  it('keeps everything with an empty filter', () => {
    expect(ids(filterEntries(list, EMPTY_FILTER))).toEqual(['a', 'b', 'c']);
  });

  it.each([
    ['title words in any order and case', 'NEED attention', ['a']],
    ['an author without the diacritic', 'scholkopf', ['b']],
    ['a word of the note', 'rkhs', ['b']],
    ['a tag', 'transformers', ['a', 'c']],
    ['nothing when one word misses', 'attention kernel', []],
  ])('matches %s', (_label, text, expected) => {
    expect(ids(filterEntries(list, { ...EMPTY_FILTER, text }))).toEqual(expected);
  });

  it('combines status, tag and text', () => {
    expect(ids(filterEntries(list, { status: null, tag: 'nlp', text: '' }))).toEqual(['a', 'c']);
    expect(ids(filterEntries(list, { status: 'reading', tag: 'nlp', text: '' }))).toEqual(['c']);
    expect(ids(filterEntries(list, { status: 'read', tag: 'nlp', text: 'bert' }))).toEqual([]);
  });

  it('sees a changed note in a new entry object', () => {
    const [first] = list;
    expect(filterEntries([first!], { ...EMPTY_FILTER, text: 'skim' })).toEqual([]);
    const edited = { ...first!, note: 'skim section 3' };
    expect(ids(filterEntries([edited], { ...EMPTY_FILTER, text: 'skim' }))).toEqual(['a']);
  });
});

describe('sortEntries', () => {
  it('sorts by added date, newest first by default direction desc', () => {
    expect(ids(sortEntries(list, { key: 'added', dir: 'desc' }))).toEqual(['a', 'c', 'b']);
    expect(ids(sortEntries(list, { key: 'added', dir: 'asc' }))).toEqual(['b', 'c', 'a']);
  });

  it('sorts titles ignoring case', () => {
    expect(ids(sortEntries(list, { key: 'title', dir: 'asc' }))).toEqual(['a', 'c', 'b']);
    expect(ids(sortEntries(list, { key: 'title', dir: 'desc' }))).toEqual(['b', 'c', 'a']);
  });

  it('puts entries without a year last in both directions', () => {
    expect(ids(sortEntries(list, { key: 'year', dir: 'desc' }))).toEqual(['a', 'b', 'c']);
    expect(ids(sortEntries(list, { key: 'year', dir: 'asc' }))).toEqual(['b', 'a', 'c']);
  });

  it('sorts status in reading order, to-read first', () => {
    expect(ids(sortEntries(list, { key: 'status', dir: 'asc' }))).toEqual(['b', 'c', 'a']);
  });

  it('leaves its input untouched', () => {
    const before = ids(list);
    sortEntries(list, { key: 'title', dir: 'desc' });
    expect(ids(list)).toEqual(before);
  });
});

describe('facetCounts', () => {
  it('counts every status and tag of the whole list', () => {
    const facets = facetCounts(list, EMPTY_FILTER);
    expect(facets.all).toBe(3);
    expect(facets.status).toEqual({ 'to-read': 1, reading: 1, read: 1 });
    expect(facets.tags).toEqual([
      { tag: 'nlp', count: 2 },
      { tag: 'kernels', count: 1 },
      { tag: 'transformers', count: 1 },
    ]);
  });

  it('counts each facet under the other filters, so a count is what a click shows', () => {
    const filter = { status: 'read' as const, tag: 'nlp', text: '' };
    const facets = facetCounts(list, filter);
    // Status counts ignore the status filter but honour the tag.
    expect(facets.status).toEqual({ 'to-read': 0, reading: 1, read: 1 });
    // Tag counts honour the status filter.
    expect(facets.tags).toEqual([
      { tag: 'nlp', count: 1 },
      { tag: 'transformers', count: 1 },
    ]);
    expect(filterEntries(list, { ...filter, status: 'reading' })).toHaveLength(
      facets.status.reading,
    );
  });
});

describe('selection', () => {
  const order = ['a', 'b', 'c', 'd', 'e'];

  it('selects the range between anchor and target in either direction', () => {
    expect([...selectRange(new Set(), order, 'b', 'd', true)].sort()).toEqual(['b', 'c', 'd']);
    expect([...selectRange(new Set(['a']), order, 'e', 'c', true)].sort()).toEqual([
      'a',
      'c',
      'd',
      'e',
    ]);
  });

  it('deselects a range when the target is being deselected', () => {
    const all = new Set(order);
    expect([...selectRange(all, order, 'a', 'c', false)].sort()).toEqual(['d', 'e']);
  });

  it('changes only the target when the anchor is gone', () => {
    expect([...selectRange(new Set(), order, 'zz', 'c', true)]).toEqual(['c']);
    expect([...selectRange(new Set(), order, null, 'c', true)]).toEqual(['c']);
  });

  it('toggles one id', () => {
    expect([...toggleOne(new Set(['a']), 'b')].sort()).toEqual(['a', 'b']);
    expect([...toggleOne(new Set(['a']), 'a')]).toEqual([]);
  });

  it('acts only on selected entries that are visible, in visible order', () => {
    expect(visibleSelection(new Set(['e', 'x', 'b']), order)).toEqual(['b', 'e']);
  });
});

describe('small helpers', () => {
  it('cycles status', () => {
    expect(nextStatus('to-read')).toBe('reading');
    expect(nextStatus('reading')).toBe('read');
    expect(nextStatus('read')).toBe('to-read');
  });

  it('shortens long author lists', () => {
    expect(authorsShort(['A', 'B'])).toBe('A, B');
    expect(authorsShort(['A', 'B', 'C', 'D'])).toBe('A, B, C et al.');
  });

  it('normalizes tags and explains a bad one', () => {
    expect(checkTag('  Deep   Learning ')).toEqual({ tag: 'Deep Learning' });
    expect(checkTag('   ')).toEqual({ error: 'Type a tag first.' });
    expect(checkTag('x'.repeat(61))).toEqual({ error: 'A tag can be at most 60 characters.' });
  });

  it('links to the saved page, else arXiv, else the DOI', () => {
    const base = entry('z');
    expect(entryLink(base)).toBeNull();
    expect(entryLink({ ...base, snapshot: { ...base.snapshot, doi: '10.1/x' } })).toBe(
      'https://doi.org/10.1/x',
    );
    expect(
      entryLink({ ...base, snapshot: { ...base.snapshot, doi: '10.1/x', arxivId: '1706.03762' } }),
    ).toBe('https://arxiv.org/abs/1706.03762');
  });

  it('never links a script URL from an imported snapshot', () => {
    const base = entry('z');
    const hostile = { ...base, snapshot: { ...base.snapshot, url: 'javascript:alert(1)' } };
    expect(entryLink(hostile)).toBeNull();
  });
});
