import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Paper } from '@/lib/catalog/schema';
import { citationKey, escapeBibtex, toBibtex } from '@/lib/content/bibtex';

const mamba: Paper = {
  id: '2312.00752',
  arxivId: '2312.00752',
  title: 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
  authors: ['Albert Gu', 'Tri Dao'],
  published: '2023-12-01',
  abstract: '',
  summary: '',
  links: { abs: 'https://arxiv.org/abs/2312.00752' },
  code: [],
  keywords: [],
  related: [],
};

/** pandoc's BibTeX reader, as a reference manager would read the entry. */
function pandocRead(bibtex: string): Record<string, unknown>[] {
  const out = execFileSync('pandoc', ['-f', 'bibtex', '-t', 'csljson'], { input: bibtex });
  return JSON.parse(out.toString('utf8'));
}

describe('BibTeX for a catalog paper', () => {
  it('is an arXiv @misc entry', () => {
    expect(toBibtex(mamba)).toBe(
      [
        '@misc{gu2023mamba,',
        '  title = {Mamba: Linear-Time Sequence Modeling with Selective State Spaces},',
        '  author = {Albert Gu and Tri Dao},',
        '  year = {2023},',
        '  eprint = {2312.00752},',
        '  archivePrefix = {arXiv},',
        '  url = {https://arxiv.org/abs/2312.00752},',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('follows the venue: a conference paper is @inproceedings, a journal paper @article', () => {
    const colm = toBibtex({ ...mamba, venue: 'COLM 2024', categories: ['cs.LG', 'cs.AI'] });
    expect(colm).toMatch(/^@inproceedings\{gu2023mamba,\n/);
    expect(colm).toContain('  booktitle = {COLM 2024},');
    expect(colm).toContain('  primaryClass = {cs.LG},');
    expect(colm).not.toContain('howpublished');
    const journal = toBibtex({ ...mamba, venue: 'Transactions on Machine Learning Research' });
    expect(journal).toMatch(/^@article\{/);
    expect(journal).toContain('  journal = {Transactions on Machine Learning Research},');
    expect(toBibtex({ ...mamba, venue: 'arXiv' })).toMatch(/^@misc\{/);
    // As a reference manager reads them.
    const [inproceedings, article] = pandocRead(colm + journal);
    expect(inproceedings).toMatchObject({
      type: 'paper-conference',
      'container-title': 'COLM 2024',
    });
    expect(article).toMatchObject({
      type: 'article-journal',
      'container-title': 'Transactions on Machine Learning Research',
    });
  });

  it('escapes LaTeX specials and unbalanced braces', () => {
    expect(escapeBibtex('50% of {R&D} costs $5 #1 a_b ~ ^ \\')).toBe(
      '50\\% of \\{R\\&D\\} costs \\$5 \\#1 a\\_b \\textasciitilde{} \\textasciicircum{} \\textbackslash{}',
    );
  });

  it('keys fall back to the id when there is no author or year', () => {
    expect(citationKey({ ...mamba, authors: [], published: undefined, title: 'A b c' })).toBe(
      '231200752',
    );
    expect(citationKey({ ...mamba, authors: ['Łukasz Kaiser'] })).toBe('kaiser2023mamba');
  });

  it('reads back through pandoc with title and authors intact, even with hostile titles', () => {
    const title = 'Sparse {Mixtures} of 100% R&D_experts: $O(n)$ } time';
    const [entry] = pandocRead(toBibtex({ ...mamba, title }));
    expect(entry).toMatchObject({
      id: 'gu2023sparse',
      author: [
        { given: 'Albert', family: 'Gu' },
        { given: 'Tri', family: 'Dao' },
      ],
      issued: { 'date-parts': [[2023]] },
    });
    // pandoc sentence-cases titles for CSL; every character must survive, braces included.
    expect(String(entry!.title).toLowerCase()).toBe(title.toLowerCase());
  });
});
