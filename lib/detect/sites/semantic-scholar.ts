import { pushAll, titleCandidate } from '../clean';
import { textOf } from '../dom';
import type { Candidate, SiteDetector } from '../types';

/**
 * Client-rendered result rows (`a[data-test-id="title-link"]` around `h2.cl-paper-title`) and
 * paper pages (`h1[data-test-id="paper-detail-title"]`, plus JSON-LD read by the metadata pass).
 * The link is the anchor so that a marker sits after it, not inside it.
 */
export const semanticScholar: SiteDetector = {
  name: 'semantic-scholar',
  matches: ['*://www.semanticscholar.org/*', '*://semanticscholar.org/*'],
  detect(doc) {
    const out: Candidate[] = [];
    const selector =
      '[data-test-id="title-link"], .cl-paper-title, h1[data-test-id="paper-detail-title"]';
    for (const el of doc.querySelectorAll(selector)) {
      // A title inside a title link is the same title; the link already covered it.
      if (el.parentElement?.closest('[data-test-id="title-link"]')) continue;
      pushAll(out, titleCandidate(textOf(el), 'site', el));
    }
    return out;
  },
};
