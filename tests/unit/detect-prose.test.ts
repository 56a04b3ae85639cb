import { describe, expect, it } from 'vitest';
import { buildIndex, headPositions, idAt, keyPart, positionsOf } from '@/lib/db/catalog-index';
import { findTitles, type TitleIndexView } from '@/lib/detect/prose-match';
import { FIRST, LAST, titleWords } from '@/lib/detect/title-words';
import { makePaper } from './catalog-fixture';

/** Catalog titles inside running text, against a small index built the way the loader builds it. */

const titles = [
  'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
  'Improving the Training of Rectified Flows',
  'Scalable Neural Network Kernels',
  'Sliced Recursive Transformer',
  'Diversify and Conquer: Diversity-Centric Data Selection with Iterative Refinement',
  'How Efficient is LLM-Generated Code? A Rigorous & High-Standard Benchmark',
];
const papers = titles.map((title, i) => makePaper(i, { title }));
const index = buildIndex([keyPart(0, papers)], papers.length);
const view: TitleIndexView = {
  headPositions: (hash) => headPositions(index.head, hash),
  wordCount: (position) => index.wordCount[position]!,
  titleAt: (hash) => positionsOf(index.title, hash)[0],
};

/** The titles found in `text`, as the page shows them. */
function found(text: string): string[] {
  return findTitles(view, text).map((hit) => text.slice(hit.start, hit.end));
}

describe('titleWords', () => {
  it('normalizes like the catalog and keeps each word on its chunk of the text', () => {
    const text = 'Mamba: Linear-Time “Dao’s”  R&D, café.';
    const words = titleWords(text);
    expect(
      words.word.map((word, i) => [
        word,
        text.slice(words.start[i], words.end[i]),
        (words.edge[i]! & FIRST) > 0,
        (words.edge[i]! & LAST) > 0,
      ]),
    ).toEqual([
      ['mamba', 'Mamba', true, true],
      ['linear', 'Linear-Time', true, false],
      ['time', 'Linear-Time', false, true],
      ['daos', '“Dao’s', true, true],
      ['r', 'R&D', true, false],
      ['and', 'R&D', false, false],
      ['d', 'R&D', false, true],
      ['cafe', 'café', true, true],
    ]);
  });
});

describe('findTitles in prose', () => {
  it.each([
    [
      'As shown in Mamba: Linear-Time Sequence Modeling with Selective State Spaces, the model wins.',
      'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
    ],
    [
      'We read “Improving the Training of Rectified Flows” last week.',
      '“Improving the Training of Rectified Flows”',
    ],
    [
      'DIVERSIFY & CONQUER: DIVERSITY-CENTRIC DATA SELECTION WITH ITERATIVE REFINEMENT.',
      'DIVERSIFY & CONQUER: DIVERSITY-CENTRIC DATA SELECTION WITH ITERATIVE REFINEMENT',
    ],
    [
      'read How Efficient is LLM-Generated Code? A Rigorous and High-Standard Benchmark: it helps',
      'How Efficient is LLM-Generated Code? A Rigorous and High-Standard Benchmark',
    ],
    ['In Scalable Neural Network Kernels, the authors', 'Scalable Neural Network Kernels'],
    [
      'we re-read mamba linear time sequence modeling with selective state spaces again',
      'mamba linear time sequence modeling with selective state spaces',
    ],
  ])('finds the title in: %s', (text, title) => {
    expect(found(text)).toEqual([title]);
  });

  it.each([
    // Longer titles that start or end with a catalog title.
    'This term we read Improving the Training of Rectified Flows in Practice, a tutorial.',
    'See Towards Improving the Training of Rectified Flows, a workshop paper.',
    'The post “Scalable Neural Network Kernels for optics” is marketing.',
    'Improving the Training of Rectified Flows: A Retrospective',
    'Improving the Training of Rectified Flows and Diffusion',
    'Improving the Training of Rectified Flows …',
    'Improving the Training of Rectified Flows-based samplers',
    // Short titles and phrases: never from prose.
    'Our sliced recursive transformer blocks and Sliced Recursive Transformer configs.',
    'we propose scalable neural network kernels for physics',
    'Mamba and Hydra are snakes; Mamba: Linear-Time is half a title.',
  ])('finds nothing in: %s', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('finds several titles in one text, each once, and names their papers', () => {
    const text =
      'First Scalable Neural Network Kernels. Then Improving the Training of Rectified Flows; done.';
    const hits = findTitles(view, text);
    expect(hits.map((h) => idAt(index, h.position))).toEqual([papers[2]!.id, papers[1]!.id]);
  });
});
