import { pushAll, titleCandidate } from '../clean';
import { textOf } from '../dom';
import { hrefCandidate } from '../identifiers';
import type { Candidate, SiteDetector } from '../types';

/** Paper pages (`.paper-title h1` and the arXiv "Paper" badge) and list cards (`.paper-card h1 a`). */
export const papersWithCode: SiteDetector = {
  name: 'papers-with-code',
  matches: ['*://paperswithcode.com/*', '*://www.paperswithcode.com/*'],
  detect(doc, url) {
    const out: Candidate[] = [];
    const h1 = doc.querySelector('.paper-title h1');
    if (h1) {
      const arxivLink = doc.querySelector(
        '.paper-abstract a[href*="arxiv.org"], a[href*="arxiv.org/"]',
      );
      pushAll(
        out,
        hrefCandidate(arxivLink?.getAttribute('href'), url, 'site', h1),
        titleCandidate(textOf(h1), 'site', h1),
      );
    }
    for (const link of doc.querySelectorAll('.paper-card h1 a')) {
      pushAll(out, titleCandidate(textOf(link), 'site', link));
    }
    return out;
  },
};
