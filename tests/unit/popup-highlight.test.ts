import { describe, expect, it } from 'vitest';
import { highlightRuns } from '@/lib/popup/highlight';
import { looksLikeIdentifier, queryWords } from '@/lib/popup/query-words';

/** The marked words of a title for a query, as the popup would show them. */
const marked = (title: string, query: string) =>
  highlightRuns(title, queryWords(query))
    .filter((run) => run.hit)
    .map((run) => run.text);

describe('title highlighting', () => {
  it.each([
    ['Denoising Diffusion Probabilistic Models', 'diffus', ['Diffusion']],
    ['Taming Rectified Flow for Inversion and Editing', 'rectifed flow', ['Rectified Flow']],
    ['Echocardiographic View Classification', 'echocardiography', ['Echocardiographic']],
    ['Mamba: Linear-Time Sequence Modeling', 'sequence models', ['Sequence Modeling']],
    ['Élan: Réseaux Neuronaux', 'reseaux', ['Réseaux']],
  ])('%s for %j marks %j', (title, query, expected) => {
    expect(marked(title, query)).toEqual(expected);
  });

  it('joins marked words across spaces but not across other words', () => {
    expect(marked('Sparse Attention with Linear Units', 'sparse linear attention')).toEqual([
      'Sparse Attention',
      'Linear',
    ]);
  });

  it('keeps the title intact, character for character', () => {
    const title = 'FlowSep: Language-Queried Sound Separation (with RFM)';
    const runs = highlightRuns(title, queryWords('sound separation'));
    expect(runs.map((r) => r.text).join('')).toBe(title);
  });

  it('marks nothing for little words, unrelated words or short shared prefixes', () => {
    expect(marked('The State of the Art in Flow Models', 'the of in')).toEqual([]);
    expect(marked('Structured State Spaces', 'stable')).toEqual([]);
    expect(marked('Graph Neural Networks', 'grid')).toEqual([]);
  });

  it('knows a pasted identifier from words', () => {
    expect(looksLikeIdentifier('2312.00752')).toBe(true);
    expect(looksLikeIdentifier('https://arxiv.org/abs/2312.00752')).toBe(true);
    expect(looksLikeIdentifier('10.48550/arXiv.2312.00752')).toBe(true);
    expect(looksLikeIdentifier('mamba state space')).toBe(false);
  });
});
