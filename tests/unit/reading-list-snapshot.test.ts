import { describe, expect, it } from 'vitest';
import type { Paper } from '@/lib/catalog/schema';
import { snapshotSchema } from '@/lib/reading-list/entry';
import {
  idForSnapshot,
  snapshotFromMetadata,
  snapshotFromPaper,
} from '@/lib/reading-list/snapshot';

const paper: Paper = {
  id: '2312.00752',
  arxivId: '2312.00752',
  doi: '10.48550/arxiv.2312.00752',
  title: 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
  authors: ['Albert Gu', 'Tri Dao'],
  published: '2023-12-01',
  venue: 'COLM 2024',
  abstract: 'Foundation models...',
  summary: 'Selective state spaces.',
  links: { abs: 'https://arxiv.org/abs/2312.00752', pdf: 'https://arxiv.org/pdf/2312.00752' },
  code: [{ url: 'https://github.com/state-spaces/mamba', kind: 'repository', official: true }],
  keywords: [],
  related: [],
};

describe('snapshotFromPaper', () => {
  it('keeps what is needed to show and cite the paper', () => {
    const snap = snapshotFromPaper(paper);
    expect(snap).toEqual({
      title: paper.title,
      authors: ['Albert Gu', 'Tri Dao'],
      year: 2023,
      venue: 'COLM 2024',
      arxivId: '2312.00752',
      doi: '10.48550/arxiv.2312.00752',
      url: 'https://arxiv.org/abs/2312.00752',
      pdf: 'https://arxiv.org/pdf/2312.00752',
      code: 'https://github.com/state-spaces/mamba',
    });
    expect(snapshotSchema.parse(snap)).toEqual(snap);
  });

  it('builds the abstract link from the arXiv id, and caps very long author lists', () => {
    const many = Array.from({ length: 3000 }, (_, i) => `Author ${i}`);
    const snap = snapshotFromPaper({ ...paper, links: {}, authors: many, code: [] });
    expect(snap.url).toBe('https://arxiv.org/abs/2312.00752');
    expect(snap.authors).toHaveLength(500);
    expect(snap).not.toHaveProperty('code');
    expect(() => snapshotSchema.parse(snap)).not.toThrow();
  });
});

describe('snapshotFromMetadata', () => {
  it("cleans a page's citation metadata", () => {
    const snap = snapshotFromMetadata({
      title: '  Attention   Is All\nYou Need ',
      authors: ['Ashish Vaswani', ' ', 'Ashish Vaswani', 'Noam Shazeer'],
      date: '2017/06/12',
      venue: 'NeurIPS',
      arxivId: 'arXiv:1706.03762v7',
      doi: 'https://doi.org/10.5555/3295222.3295349',
      url: 'https://openreview.net/forum?id=abc',
      pdf: 'javascript:alert(1)',
    });
    expect(snap).toEqual({
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani', 'Noam Shazeer'],
      year: 2017,
      venue: 'NeurIPS',
      arxivId: '1706.03762',
      doi: '10.5555/3295222.3295349',
      url: 'https://openreview.net/forum?id=abc',
    });
    expect(idForSnapshot(snap)).toBe('1706.03762');
  });

  it('names a paper without an arXiv id by its title hash, as the catalog does', () => {
    const snap = snapshotFromMetadata({ title: 'A Workshop Paper', authors: [] });
    expect(idForSnapshot(snap)).toMatch(/^t-[0-9a-z]+$/);
    expect(idForSnapshot(snapshotFromMetadata({ title: 'a workshop paper!', authors: [] }))).toBe(
      idForSnapshot(snap),
    );
  });

  it('clips hostile lengths instead of failing, and refuses a page without a title', () => {
    const snap = snapshotFromMetadata({ title: 'T'.repeat(5000), authors: ['x'.repeat(900)] });
    expect(snap.title.length).toBe(1000);
    expect(snap.authors[0]!.length).toBe(300);
    expect(() => snapshotFromMetadata({ title: '   ', authors: [] })).toThrow(
      'This page does not name a paper title.',
    );
  });
});
