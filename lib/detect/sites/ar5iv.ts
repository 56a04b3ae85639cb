import { pushAll, titleCandidate } from '../clean';
import { textOf } from '../dom';
import { idCandidate } from '../identifiers';
import type { Candidate, SiteDetector } from '../types';

/** ar5iv's LaTeXML rendering: the id is in the URL, the title in `h1.ltx_title_document`. */
export const ar5iv: SiteDetector = {
  name: 'ar5iv',
  matches: ['*://ar5iv.labs.arxiv.org/*', '*://ar5iv.org/*'],
  detect(doc, url) {
    const out: Candidate[] = [];
    for (const h1 of doc.querySelectorAll('h1.ltx_title_document')) {
      pushAll(
        out,
        idCandidate(url.href, 'url', h1),
        titleCandidate(textOf(h1, { skip: '.ltx_note, .ltx_role_footnote' }), 'site', h1),
      );
    }
    return out;
  },
};
