import { describe, expect, it } from 'vitest';
import { codeLabel, shortAuthors, venueYear } from '@/lib/content/format';

describe('card text', () => {
  it.each([
    [['Albert Gu', 'Tri Dao'], 'Albert Gu, Tri Dao'],
    [['A', 'B', 'C'], 'A, B, C'],
    [['A', 'B', 'C', 'D'], 'A, B, C et al.'],
    [[], ''],
  ])('authors %j read %s', (authors, text) => {
    expect(shortAuthors(authors)).toBe(text);
  });

  it.each([
    [{ venue: 'ICLR', published: '2022-01' }, 'ICLR 2022'],
    [{ venue: 'ICASSP 2025', published: '2024-09' }, 'ICASSP 2025'],
    [{ published: '2023-12-01' }, '2023'],
    [{ venue: 'NeurIPS' }, 'NeurIPS'],
    [{}, ''],
  ])('venue and year of %j read %s', (paper, text) => {
    expect(venueYear(paper)).toBe(text);
  });

  it.each([
    ['https://github.com/state-spaces/mamba', 'state-spaces/mamba'],
    ['https://www.github.com/state-spaces/mamba.git', 'state-spaces/mamba'],
    ['https://gitlab.com/group/project/-/tree/main', 'group/project'],
    ['https://github.com/state-spaces', 'github.com'],
    ['https://mamba-project.github.io/demo/', 'mamba-project.github.io'],
    ['https://www.example.org/code', 'example.org'],
  ])('code link %s reads %s', (url, label) => {
    expect(codeLabel({ url })).toBe(label);
  });
});
