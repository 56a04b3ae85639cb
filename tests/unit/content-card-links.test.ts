// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { renderPaper } from '@/lib/content/card-view';
import { makePaper } from './catalog-fixture';

/**
 * A catalog loaded before links were checked may still hold `javascript:` links; the card shows
 * their text but never makes them clickable.
 */
describe('card links', () => {
  it('renders only http(s) links as links', () => {
    const root = document.createElement('div');
    const paper = makePaper(1, {
      links: { abs: 'javascript:alert(1)', pdf: 'https://arxiv.org/pdf/2401.10001' },
      code: [
        { url: 'JavaScript:alert(2)', kind: 'repository', official: true },
        { url: 'https://github.com/a/b', kind: 'repository', official: false },
      ],
    });
    renderPaper(root, paper, { related: async () => [], open: () => {}, copy: async () => {} });
    const hrefs = [...root.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://github.com/a/b', 'https://arxiv.org/pdf/2401.10001']);
    expect(root.querySelector('h2')?.textContent).toBe(paper.title);
  });
});
