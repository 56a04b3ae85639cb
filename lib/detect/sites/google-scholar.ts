import { pushAll, titleCandidate } from '../clean';
import { textOf } from '../dom';
import { hrefCandidate } from '../identifiers';
import type { Candidate, SiteDetector } from '../types';

/** Result-type tags inside the title (`[CITATION][C]`, `[BOOK][B]`) and beside it (`[PDF]`). */
const TAGS = '.gs_ctc, .gs_ctu, .gs_ctg2, .gs_ct1, .gs_ct2';

/**
 * Result rows `.gs_r[data-cid]`: `h3.gs_rt` holds the sentence-case, possibly `…`-truncated title
 * (split by `<b>` highlights); its link and the side `[PDF]` link may point at arXiv.
 */
export const googleScholar: SiteDetector = {
  name: 'google-scholar',
  matches: ['*://scholar.google.com/*', '*://scholar.google.*/*'],
  detect(doc, url) {
    const out: Candidate[] = [];
    for (const row of doc.querySelectorAll('.gs_r[data-cid], .gs_r .gs_ri')) {
      const h3 = row.querySelector('h3.gs_rt');
      if (!h3 || (row.matches('.gs_ri') && row.closest('.gs_r[data-cid]'))) continue;
      const side = row.querySelector('.gs_or_ggsm a, .gs_ggs a');
      pushAll(
        out,
        hrefCandidate(h3.querySelector('a')?.getAttribute('href'), url, 'site', h3),
        hrefCandidate(side?.getAttribute('href'), url, 'site', h3),
        titleCandidate(textOf(h3, { skip: TAGS }), 'site', h3),
      );
    }
    return out;
  },
};
