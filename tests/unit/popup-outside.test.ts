import { describe, expect, it } from 'vitest';
import { outsidePaper } from '@/lib/popup/outside';
import { rowFromResult } from '@/lib/popup/rows';
import { outsideId } from '@/lib/reading-list/outside-id';

describe('outsidePaper: the row for a pasted id the catalog lacks', () => {
  it.each([
    '1706.03762',
    'arXiv:1706.03762v7',
    'https://arxiv.org/abs/1706.03762v5',
    'https://arxiv.org/pdf/1706.03762',
    'https://www.alphaxiv.org/overview/1706.03762',
    'https://huggingface.co/papers/1706.03762',
    '10.48550/arXiv.1706.03762',
  ])('%s names arXiv:1706.03762, opened on arXiv, saved by its id', (query) => {
    expect(outsidePaper(query)).toEqual({
      id: '1706.03762',
      label: 'arXiv:1706.03762',
      url: 'https://arxiv.org/abs/1706.03762',
      site: 'arXiv',
      save: { id: '1706.03762' },
    });
  });

  it('names a DOI, opened on doi.org, saved under the id its entry will have', () => {
    const paper = outsidePaper('https://doi.org/10.1145/3394486.3403172')!;
    expect(paper).toMatchObject({
      label: '10.1145/3394486.3403172',
      url: 'https://doi.org/10.1145/3394486.3403172',
      site: 'doi.org',
      save: { doi: '10.1145/3394486.3403172' },
    });
    // The id a quiet marker gives the same DOI (outside-id.ts), so both save one entry.
    expect(paper.id).toBe(outsideId({ doi: '10.1145/3394486.3403172' }));
    expect(paper.id).toBe('doi:10.1145/3394486.3403172');
    // A DOI's own ? and # are part of it, escaped in the link.
    expect(outsidePaper('doi:10.1000/a#b?c')?.url).toBe('https://doi.org/10.1000/a%23b%3Fc');
  });

  it.each([
    'mamba selective',
    'https://openreview.net/forum?id=abc',
    'https://github.com/state-spaces/mamba',
    't-2etpm5hoeu8',
    '',
  ])('offers nothing for %j', (query) => {
    expect(outsidePaper(query)).toBeNull();
  });
});

describe('search rows say how much of the query they match', () => {
  const hit = { id: 'x', title: 'T', authors: [], hasCode: false, score: 1, matched: [] };
  it('all words, or only the closest', () => {
    expect(rowFromResult(hit).match).toBe('all');
    expect(rowFromResult({ ...hit, partial: true }).match).toBe('partial');
  });
});
