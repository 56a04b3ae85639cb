// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { renderPaper } from '@/lib/content/card-view';
import { originLine } from '@/lib/content/format';
import { makePaper } from './catalog-fixture';

const NOW = new Date('2026-05-12T13:00:00Z');

describe('originLine', () => {
  it('names the source and the day it last changed the paper', () => {
    const paper = { origin: [{ source: 'hf' as const, at: '2026-05-03T08:00:00Z' }] };
    expect(originLine(paper, NOW, 'en-GB')).toBe('From Hugging Face · updated 3 May');
  });

  it('joins several sources, and takes the latest of their times and updatedAt', () => {
    const paper = {
      origin: [
        { source: 'hf' as const, at: '2026-05-03T08:00:00Z' },
        { source: 'arxiv' as const, at: '2026-05-04T08:00:00Z' },
        { source: 'sub' as const, at: '2026-04-01T08:00:00Z' },
      ],
      updatedAt: '2026-05-06T10:00:00Z',
    };
    expect(originLine(paper, NOW, 'en-GB')).toBe(
      'From Hugging Face, arXiv and a catalog feed · updated 6 May',
    );
  });

  it('says nothing for a paper only the catalog file has', () => {
    expect(originLine({}, NOW)).toBe('');
    expect(originLine({ origin: [] }, NOW)).toBe('');
  });

  it('leaves out a time it cannot read', () => {
    expect(originLine({ origin: [{ source: 'arxiv', at: 'yesterday' }] }, NOW)).toBe('From arXiv');
  });
});

describe('the card', () => {
  const actions = { related: async () => [], open: () => {}, copy: async () => {} };

  it('shows where a fresh paper came from, and Hugging Face’s summary labelled as theirs', () => {
    const root = document.createElement('div');
    const paper = makePaper(1, {
      origin: [{ source: 'hf', at: new Date().toISOString() }],
      aiSummary: 'A model that reads papers for you.',
    });
    renderPaper(root, paper, actions);
    expect(root.querySelector('[data-origin]')?.textContent).toMatch(
      /^From Hugging Face · updated /,
    );
    const section = root.querySelector('.ai-summary');
    expect(section?.querySelector('h3')?.textContent).toBe('Summary by Hugging Face');
    expect(section?.querySelector('p')?.textContent).toBe('A model that reads papers for you.');
    // The summary taken from the abstract gives way to theirs: one summary per card.
    expect(root.querySelectorAll('.summary')).toHaveLength(1);
  });

  it('shows neither for a paper from the catalog file', () => {
    const root = document.createElement('div');
    renderPaper(root, makePaper(2), actions);
    expect(root.querySelector('[data-origin]')).toBeNull();
    expect(root.querySelector('.ai-summary')).toBeNull();
    expect(root.querySelector('.summary')?.textContent).toBe('Summary 2.');
  });
});
