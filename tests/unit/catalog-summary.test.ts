import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitSentences, summarize, SUMMARY_MAX, trimAtClause } from '../../lib/catalog/summary';
import { parseTrendingDump } from '../../lib/catalog/trending';

const papers = parseTrendingDump(
  readFileSync('data/trending-papers.txt', 'utf8').split('\n'),
  'dump',
).items;
const abstractOf = (prefix: string) => papers.find((p) => p.title.startsWith(prefix))!.abstract;

describe('splitSentences', () => {
  it('survives abbreviations, decimals and URLs', () => {
    expect(
      splitSentences(
        'We beat Smith et al. By 2.5 points, e.g. on CIFAR. See Fig. 3 for details. ' +
          'Code is at https://github.com/a/b.c. It works (i.e. It is fast).',
      ),
    ).toEqual([
      'We beat Smith et al. By 2.5 points, e.g. on CIFAR.',
      'See Fig. 3 for details.',
      'Code is at https://github.com/a/b.c.',
      'It works (i.e. It is fast).',
    ]);
  });

  it('does not glue a sentence ending in a single capital to the next one', () => {
    expect(splitSentences('It links A and B. That dynamic is slow.')).toHaveLength(2);
  });
});

describe('summarize on real abstracts', () => {
  it.each([
    ['FlowSep', /^In this work, we introduce FlowSep/],
    ['Taming Rectified Flow', /we propose RF-Solver/],
    ['FRCRN', /we propose a convolutional recurrent encoder-decoder/],
    ['PredFormer', /This paper proposes PredFormer.*achieves state-of-the-art/],
    ['Mamba', /Mamba achieves state-of-the-art performance/],
    ['Fast and Memory-Efficient Video Diffusion', /we present a novel, training-free framework/],
  ])('%s: says what the paper does, not its background', (title, expected) => {
    const abstract = abstractOf(title);
    const summary = summarize(abstract);
    expect(summary).toMatch(expected);
    expect(summary.startsWith(splitSentences(abstract)[0]!)).toBe(false);
  });

  it('never exceeds the limit, never ends mid-word, and never repeats a code link', () => {
    for (const { abstract } of papers) {
      const summary = summarize(abstract);
      expect(summary.length).toBeGreaterThan(30);
      expect(summary.length).toBeLessThanOrEqual(SUMMARY_MAX);
      expect(summary).not.toMatch(/https?:\/\//);
      if (summary.endsWith('…')) {
        const head = summary.slice(0, -1).replace(/[^\p{L}\p{N}]+$/u, '');
        expect(abstract).toMatch(new RegExp(`${head.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`));
      } else {
        expect(abstract).toContain(summary.split(/(?<=[.?!]) /)[0]);
      }
    }
  });

  it('returns an empty summary for an empty abstract', () => {
    expect(summarize('')).toBe('');
  });
});

describe('trimAtClause', () => {
  it('cuts at the last clause boundary outside parentheses and adds an ellipsis', () => {
    const text = `We propose a method, which is fast (e.g., on GPUs, TPUs), ${'and very good '.repeat(20)}`;
    const trimmed = trimAtClause(text, 120);
    expect(trimmed).toBe('We propose a method, which is fast (e.g., on GPUs, TPUs)…');
  });

  it('falls back to a word boundary', () => {
    const trimmed = trimAtClause('word '.repeat(100), 52);
    expect(trimmed.length).toBeLessThanOrEqual(52);
    expect(trimmed).toMatch(/^(word )*word…$/);
  });
});
