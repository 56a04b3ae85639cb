import { pushAll, titleCandidate } from '../clean';
import { textOf } from '../dom';
import { idCandidate } from '../identifiers';
import type { Candidate, SiteDetector } from '../types';

/**
 * alphaXiv abs/overview pages: a client-rendered app with utility-class markup, so the only
 * stable hooks are the URL (`/abs/ID`, `/overview/ID`) and the page's one `h1`.
 */
export const alphaxiv: SiteDetector = {
  name: 'alphaxiv',
  matches: ['*://alphaxiv.org/*', '*://www.alphaxiv.org/*'],
  detect(doc, url) {
    const out: Candidate[] = [];
    const h1 = doc.querySelector('main h1, h1');
    if (h1) pushAll(out, idCandidate(url.href, 'url', h1), titleCandidate(textOf(h1), 'site', h1));
    return out;
  },
};
