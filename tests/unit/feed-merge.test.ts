import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergePaper, paperChange } from '@/lib/catalog/merge';
import { paperSchema, type CodeLink, type Paper } from '@/lib/catalog/schema';
import { contribute, foldSources, withoutSource } from '@/lib/db/feed-rows';
import { makePaper } from './catalog-fixture';

const NOW = new Date('2025-03-01T10:00:00Z');
const LATER = new Date('2025-03-02T10:00:00Z');
const repo = (url: string, official = true): CodeLink => ({ url, kind: 'repository', official });

describe('mergePaper', () => {
  it('keeps id and title, fills what is missing, and adds the feed code link', () => {
    const old = makePaper(1, { doi: undefined, venue: undefined, code: [] });
    const add = makePaper(1, {
      title: 'A Different Title From The Feed',
      doi: '10.1000/xyz',
      venue: 'ICML 2025',
      code: [repo('https://github.com/acme/sparse')],
      upvotes: 42,
      aiSummary: 'The feed says this is about sparse attention.',
    });
    const { paper, change } = mergePaper(old, add, 'hf', NOW);
    expect(change).toBe('reindex');
    expect(paper).toMatchObject({
      id: old.id,
      title: old.title,
      doi: '10.1000/xyz',
      venue: 'ICML 2025',
      code: [repo('https://github.com/acme/sparse')],
      upvotes: 42,
      aiSummary: 'The feed says this is about sparse attention.',
      origin: [{ source: 'hf', at: NOW.toISOString() }],
      updatedAt: NOW.toISOString(),
    });
  });

  it('takes the longer abstract with its summary and the longer author list', () => {
    const old = makePaper(2, { abstract: 'Short.', summary: 'Short.', authors: ['A'] });
    const add = makePaper(2, {
      abstract: 'A much longer abstract that says more.',
      summary: 'Longer.',
      authors: ['A', 'B'],
    });
    expect(mergePaper(old, add, 'arxiv', NOW).paper).toMatchObject({
      abstract: add.abstract,
      summary: 'Longer.',
      authors: ['A', 'B'],
    });
    // The other way round nothing is lost: the stored ones are longer.
    expect(mergePaper(add, old, 'arxiv', NOW).paper).toMatchObject({
      abstract: add.abstract,
      authors: ['A', 'B'],
    });
  });

  it('changes upvotes in place: no index reads them', () => {
    const old = makePaper(3, { upvotes: 5, origin: [{ source: 'hf', at: NOW.toISOString() }] });
    const { paper, change } = mergePaper(old, makePaper(3, { upvotes: 9 }), 'hf', LATER);
    expect(change).toBe('in-place');
    expect(paper.upvotes).toBe(9);
    expect(paper.origin).toEqual([{ source: 'hf', at: LATER.toISOString() }]);
    expect(paper.updatedAt).toBe(LATER.toISOString());
  });

  it('reports no change, and leaves the record alone, when the source says nothing new', () => {
    const first = mergePaper(makePaper(4), makePaper(4, { upvotes: 3 }), 'hf', NOW).paper;
    const again = mergePaper(first, makePaper(4, { upvotes: 3 }), 'hf', LATER);
    expect(again).toEqual({ paper: first, change: 'none' });
  });

  it('an AI summary stays when a later item has none; the newest non-empty one wins', () => {
    const old = makePaper(5, { aiSummary: 'First summary.' });
    expect(mergePaper(old, makePaper(5), 'hf', NOW).paper.aiSummary).toBe('First summary.');
    const add = makePaper(5, { aiSummary: 'Second summary.' });
    expect(mergePaper(old, add, 'hf', NOW).paper.aiSummary).toBe('Second summary.');
  });

  it('unites keywords (case-insensitive, at most 20) and categories, stored ones first', () => {
    const old = makePaper(6, {
      keywords: Array.from({ length: 18 }, (_, i) => `k${i}`),
      categories: ['cs.LG'],
    });
    const add = makePaper(6, { keywords: ['K0', 'new1', 'new2', 'new3'], categories: ['cs.CL'] });
    const { paper } = mergePaper(old, add, 'arxiv', NOW);
    expect(paper.keywords).toEqual([...old.keywords, 'new1', 'new2']);
    expect(paper.categories).toEqual(['cs.LG', 'cs.CL']);
  });

  it('keeps related papers unless there were none, and a date by pickDate', () => {
    const old = makePaper(7, { related: ['2401.10001'], published: '2024-01' });
    const add = makePaper(7, { related: ['2401.10009'], published: '2024-01-20' });
    expect(mergePaper(old, add, 'sub', NOW).paper).toMatchObject({
      related: ['2401.10001'],
      published: '2024-01-20',
    });
    const bare = makePaper(7, { related: [] });
    expect(mergePaper(bare, add, 'sub', NOW).paper.related).toEqual(['2401.10009']);
  });

  it('an official link for a repository already listed upgrades it rather than adding one', () => {
    const old = makePaper(8, { code: [repo('https://github.com/acme/tool', false)] });
    const add = makePaper(8, { code: [repo('https://github.com/Acme/tool/tree/main', true)] });
    const { paper, change } = mergePaper(old, add, 'hf', NOW);
    expect(paper.code).toEqual([repo('https://github.com/acme/tool', true)]);
    expect(change).toBe('in-place');
  });

  it('keeps origin to one entry per source, three at most', () => {
    let paper = makePaper(9);
    for (const [i, source] of (['hf', 'arxiv', 'sub', 'hf'] as const).entries()) {
      paper = mergePaper(
        paper,
        makePaper(9, { upvotes: i }),
        source,
        new Date(NOW.getTime() + i),
      ).paper;
    }
    expect(paper.origin?.map((o) => o.source)).toEqual(['arxiv', 'sub', 'hf']);
  });
});

describe('paperChange', () => {
  it.each<[string, Partial<Paper>, 'none' | 'in-place' | 'reindex']>([
    ['title', { title: 'Another title' }, 'reindex'],
    ['authors', { authors: ['X', 'Y'] }, 'reindex'],
    ['abstract', { abstract: 'Other words.' }, 'reindex'],
    ['keywords', { keywords: ['other'] }, 'reindex'],
    ['doi', { doi: '10.1/2' }, 'reindex'],
    ['year', { published: '2023-01-15' }, 'reindex'],
    ['venue', { venue: 'NeurIPS' }, 'reindex'],
    ['first code link', { code: [repo('https://github.com/a/b')] }, 'reindex'],
    ['month only', { published: '2024-02-15' }, 'in-place'],
    ['upvotes', { upvotes: 3 }, 'in-place'],
    ['AI summary', { aiSummary: 'x' }, 'in-place'],
    ['related', { related: ['x'] }, 'in-place'],
    ['categories', { categories: ['cs.LG'] }, 'in-place'],
    ['summary', { summary: 'Other.' }, 'in-place'],
    ['links', { links: { pdf: 'https://arxiv.org/pdf/2401.10010' } }, 'in-place'],
    ['nothing', {}, 'none'],
  ])('%s', (_name, fields, expected) => {
    expect(paperChange(makePaper(10), makePaper(10, fields))).toBe(expected);
  });

  it('a project page next to existing code is an in-place change', () => {
    const old = makePaper(11, { code: [repo('https://github.com/a/b')] });
    const next = {
      ...old,
      code: [...old.code, { url: 'https://a.github.io/b', kind: 'project', official: true }],
    } satisfies Paper;
    expect(paperChange(old, next)).toBe('in-place');
  });

  it('ignores key order', () => {
    const paper = makePaper(12);
    const reordered = Object.fromEntries(Object.entries(paper).reverse()) as Paper;
    expect(paperChange(paper, reordered)).toBe('none');
  });
});

describe('feed rows', () => {
  it('recompute a paper from the base record and every source, and without one source', () => {
    const base = makePaper(20, { code: [] });
    let row = contribute(undefined, 'hf', makePaper(20, { upvotes: 7 }), NOW).row;
    row = contribute(
      row,
      'arxiv',
      makePaper(20, { categories: ['cs.LG'], code: [repo('https://github.com/x/y')] }),
      LATER,
    ).row;
    expect(row.by).toEqual(['hf', 'arxiv']);
    const shown = foldSources(base, row.sources)!;
    expect(shown).toMatchObject({ upvotes: 7, categories: ['cs.LG'] });
    expect(shown.code).toHaveLength(1);
    expect(shown.updatedAt).toBe(LATER.toISOString());
    const rest = withoutSource(row, 'arxiv')!;
    expect(rest.by).toEqual(['hf']);
    const reverted = foldSources(base, rest.sources)!;
    expect(reverted.code).toEqual([]);
    expect(reverted.categories).toBeUndefined();
    expect(withoutSource(rest, 'hf')).toBeNull();
  });

  it('a source that repeats itself leaves its row unchanged', () => {
    const { row } = contribute(undefined, 'hf', makePaper(21, { upvotes: 1 }), NOW);
    expect(contribute(row, 'hf', makePaper(21, { upvotes: 1 }), LATER)).toEqual({
      row,
      changed: false,
    });
  });
});

// ---- property: merging never empties a field --------------------------------------------

const text = (max: number) => fc.string({ minLength: 0, maxLength: max });
const word = fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,11}$/);
const codeLink = fc.record({
  url: fc.oneof(
    fc.constantFrom('a', 'b', 'c').map((n) => `https://github.com/org/${n}`),
    fc.constantFrom('x', 'y').map((n) => `https://${n}.example.org/project`),
    fc.constant('https://arxiv.org/abs/2401.00001'),
  ),
  kind: fc.constantFrom('repository' as const, 'project' as const),
  official: fc.boolean(),
});
const url = fc.constantFrom('https://arxiv.org/abs/2401.00001', 'https://example.org/p.pdf');

const paperArb: fc.Arbitrary<Paper> = fc
  .record(
    {
      title: word,
      authors: fc.array(word, { maxLength: 4 }),
      abstract: text(60),
      summary: text(40),
      doi: fc.constantFrom('10.1/a', '10.2/b', ''),
      published: fc.constantFrom('2024', '2024-03', '2024-03-07', '2023-12-01'),
      venue: fc.constantFrom('', 'ICLR', 'NeurIPS'),
      links: fc.record({ abs: url, pdf: url, hf: url }, { requiredKeys: [] }),
      code: fc.array(codeLink, { maxLength: 4 }),
      keywords: fc.uniqueArray(word, { maxLength: 20, selector: (w) => w.toLowerCase() }),
      related: fc.array(fc.constantFrom('2401.00002', '2401.00003'), { maxLength: 3 }),
      upvotes: fc.nat({ max: 1000 }),
      aiSummary: word,
      categories: fc.uniqueArray(fc.constantFrom('cs.LG', 'cs.CL', 'cs.CV', 'stat.ML'), {
        selector: (w) => w.toLowerCase(),
      }),
      origin: fc.constant<NonNullable<Paper['origin']>>([
        { source: 'arxiv', at: '2025-01-01T00:00:00.000Z' },
      ]),
    },
    {
      requiredKeys: ['title', 'authors', 'abstract', 'summary', 'links', 'code', 'keywords'],
    },
  )
  .map((fields) => ({ id: '2401.00001', arxivId: '2401.00001', related: [], ...fields }));

/** A field "says something": a non-empty string or array, a number, an object with such a field. */
function nonEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.values(value).some(nonEmpty);
  return true;
}

describe('mergePaper, for any two records of a paper', () => {
  it('never empties a field the stored record had, and keeps every stored code link and keyword', () => {
    fc.assert(
      fc.property(
        paperArb,
        paperArb,
        fc.constantFrom('hf', 'arxiv', 'sub' as const),
        (old, add, source) => {
          const { paper } = mergePaper(old, add, source, NOW);
          for (const [key, value] of Object.entries(old)) {
            if (nonEmpty(value)) expect(nonEmpty(paper[key as keyof Paper]), key).toBe(true);
          }
          for (const [key, value] of Object.entries(old.links)) {
            if (value) expect(paper.links[key as keyof Paper['links']], key).toBeTruthy();
          }
          expect(paper.id).toBe(old.id);
          expect(paper.title).toBe(old.title);
          expect(paper.authors.length).toBeGreaterThanOrEqual(old.authors.length);
          expect(paper.abstract.length).toBeGreaterThanOrEqual(old.abstract.length);
          for (const keyword of old.keywords) expect(paper.keywords).toContain(keyword);
          const repos = (p: Paper) => p.code.map((c) => c.url.toLowerCase());
          for (const link of old.code) {
            expect(repos(paper).some((u) => u === link.url.toLowerCase())).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives a valid paper, and merging the same record again changes nothing', () => {
    fc.assert(
      fc.property(paperArb, paperArb, (old, add) => {
        const once = mergePaper(old, add, 'hf', NOW);
        expect(paperSchema.safeParse(once.paper).success).toBe(true);
        expect(mergePaper(once.paper, add, 'hf', LATER)).toEqual({
          paper: once.paper,
          change: 'none',
        });
      }),
      { numRuns: 300 },
    );
  });
});
