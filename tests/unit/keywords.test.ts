import { beforeAll, describe, expect, it } from 'vitest';
import { paperId } from '../../lib/catalog/identifiers';
import { readTrendingWithFacts } from '../../lib/catalog/importers/trending-facts';
import { extractKeywords } from '../../lib/catalog/keywords';
import type { TextDoc } from '../../lib/catalog/text';

let docs: TextDoc[];
let keywords: Map<string, string[]>;

beforeAll(async () => {
  const { items } = await readTrendingWithFacts('data/trending-papers.txt', 'data/paper-facts.tsv');
  docs = items.map((r) => ({
    id: paperId(r.arxivId, r.title),
    title: r.title,
    abstract: r.abstract,
  }));
  keywords = extractKeywords(docs);
});

const BOILERPLATE = [
  'model',
  'models',
  'method',
  'methods',
  'results',
  'propose',
  'proposed',
  'performance',
  'state-of-the-art',
  'approach',
  'paper',
  'novel',
  'framework',
  'experiments',
  'data',
  'task',
  'network',
  'efficient',
  'learning',
  'training',
  'existing',
  'significant',
  'demonstrate',
];

describe('extractKeywords on the trending papers', () => {
  it('gives every paper three to five keywords', () => {
    expect(keywords.size).toBe(docs.length);
    for (const list of keywords.values()) {
      expect(list.length).toBeGreaterThanOrEqual(3);
      expect(list.length).toBeLessThanOrEqual(5);
    }
  });

  it.each([
    ['2409.07614', 'rectified flow'],
    ['2409.07614', 'sound separation'],
    ['2206.07293', 'speech enhancement'],
    ['2409.13199', 'structured pruning'],
    ['2402.13516', 'activation sparsity'],
    ['2304.04934', 'machine unlearning'],
    ['2208.04482', 'embedding table'],
  ])('names the topic of %s: %s', (id, phrase) => {
    expect(keywords.get(id)!.some((k) => k.toLowerCase().includes(phrase))).toBe(true);
  });

  it('writes acronyms as the papers do', () => {
    expect(keywords.get('2305.18403')).toContain('LoRA');
    expect(keywords.get('2406.03792')).toContain('PEFT');
  });

  it('never offers boilerplate or a lone generic word', () => {
    for (const list of keywords.values()) {
      for (const keyword of list) expect(BOILERPLATE).not.toContain(keyword.toLowerCase());
    }
  });

  it("leaves out a paper's own coined name", () => {
    expect(keywords.get('2409.07614')!.join(' ')).not.toMatch(/flowsep/i);
    expect(keywords.get('2206.07293')!.join(' ')).not.toMatch(/frcrn/i);
  });

  it('repeats nothing within a paper', () => {
    for (const list of keywords.values()) {
      expect(new Set(list.map((k) => k.toLowerCase())).size).toBe(list.length);
    }
  });
});

describe('extractKeywords on a small corpus', () => {
  const small: TextDoc[] = [
    {
      id: 'a',
      title: 'Structured Pruning of Vision Transformers',
      abstract:
        'Structured pruning removes attention heads. We propose a novel method: pruning heads.',
    },
    {
      id: 'b',
      title: 'Speech Enhancement',
      abstract: 'Speech enhancement removes noise from speech.',
    },
  ];

  it('merges a word into the phrase that contains it', () => {
    const a = extractKeywords(small).get('a')!;
    expect(a).toContain('structured pruning');
    expect(a).not.toContain('pruning');
  });

  it('honours perDoc and returns an entry for every paper', () => {
    const result = extractKeywords(small, 1);
    expect([...result.keys()]).toEqual(['a', 'b']);
    for (const list of result.values()) expect(list.length).toBeLessThanOrEqual(1);
  });
});
