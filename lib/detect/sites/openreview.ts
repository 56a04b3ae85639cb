import { pushAll, titleCandidate } from '../clean';
import { textOf } from '../dom';
import type { Candidate, SiteDetector } from '../types';

/**
 * Forum pages `openreview.net/forum?id=X`: OpenReview ids are not arXiv ids, so the title is the
 * candidate (`.note h2.citation_title` in the legacy UI, `.forum-title h2` in the current one).
 */
export const openreview: SiteDetector = {
  name: 'openreview',
  matches: ['*://openreview.net/*'],
  detect(doc) {
    const out: Candidate[] = [];
    for (const h2 of doc.querySelectorAll('.note h2.citation_title, .forum-title h2')) {
      pushAll(out, titleCandidate(textOf(h2), 'site', h2));
    }
    return out;
  },
};
