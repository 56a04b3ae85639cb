import { describe, expect, it } from 'vitest';
import type { Entry } from '@/lib/reading-list/entry';
import { displayName } from '@/lib/reading-list/author-name';
import { toMarkdown } from '@/lib/reading-list/export/markdown';
import { authorsShort } from '@/lib/reading-list/query';

/** Names saved from a page's citation_author ("Hu, Edward J.") read "Edward J. Hu" where shown. */

describe('displayName', () => {
  it.each([
    ['Hu, Edward J.', 'Edward J. Hu'],
    ['Edward J. Hu', 'Edward J. Hu'],
    ['van der Berg, Jan', 'Jan van der Berg'],
    ['King, Jr., Martin Luther', 'Martin Luther King Jr.'],
    ['Martin Luther King, Jr.', 'Martin Luther King, Jr.'],
    ['Google, Inc.', 'Google, Inc.'],
    ['张伟', '张伟'],
    ['Research and Development Team', 'Research and Development Team'],
  ])('%s → %s', (stored, shown) => {
    expect(displayName(stored)).toBe(shown);
  });
});

const saved: Entry = {
  id: '2106.09685',
  inCatalog: false,
  snapshot: {
    title: 'LoRA: Low-Rank Adaptation of Large Language Models',
    authors: ['Hu, Edward J.', 'Shen, Yelong', 'Wallis, Phillip', 'Allen-Zhu, Zeyuan'],
    year: 2021,
    arxivId: '2106.09685',
  },
  status: 'to-read',
  tags: [],
  note: '',
  addedAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  readAt: null,
  clock: {},
};

describe('authors saved from a page', () => {
  it('show given name first in the manager row', () => {
    expect(authorsShort(saved.snapshot.authors)).toBe(
      'Edward J. Hu, Yelong Shen, Phillip Wallis et al.',
    );
    expect(authorsShort(saved.snapshot.authors.slice(0, 2))).toBe('Edward J. Hu, Yelong Shen');
  });

  it('show given name first in the Markdown export, and stay stored as declared', () => {
    const md = toMarkdown([saved], new Date('2026-11-27T00:00:00Z'));
    expect(md).toContain('Edward J\\. Hu, Yelong Shen, Phillip Wallis et al\\.');
    expect(md).not.toContain('Hu, Edward');
    expect(saved.snapshot.authors[0]).toBe('Hu, Edward J.');
  });
});
