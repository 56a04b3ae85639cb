import { pushAll, titleCandidate } from '../clean';
import { textOf } from '../dom';
import { hrefCandidate, idCandidate } from '../identifiers';
import type { Candidate, SiteDetector } from '../types';

/** Paper pages `huggingface.co/papers/ID` and the daily/trending lists of paper cards. */
export const huggingface: SiteDetector = {
  name: 'huggingface',
  matches: ['*://huggingface.co/papers*', '*://hf.co/papers*'],
  detect(doc, url) {
    const out: Candidate[] = [];
    // Paper page: the id is the URL, the title the page's `h1`.
    const h1 = /^\/papers\/[^/]+\/?$/.test(url.pathname) ? doc.querySelector('h1') : null;
    if (h1) pushAll(out, idCandidate(url.href, 'url', h1), titleCandidate(textOf(h1), 'site', h1));
    // List pages: each `article` card has an `h3` whose link goes to `/papers/ID`.
    for (const h3 of doc.querySelectorAll('article h3')) {
      const href = h3.querySelector('a[href*="/papers/"]')?.getAttribute('href');
      pushAll(out, hrefCandidate(href, url, 'site', h3), titleCandidate(textOf(h3), 'site', h3));
    }
    return out;
  },
};
