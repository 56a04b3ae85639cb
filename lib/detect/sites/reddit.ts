import { pushAll, titleCandidate } from '../clean';
import { textOf } from '../dom';
import { hrefCandidate } from '../identifiers';
import type { Candidate, SiteDetector } from '../types';

/**
 * New Reddit keeps a post's title and link in attributes of `shreddit-post` (its body lives in a
 * shadow root); old Reddit in `div.thing[data-url]` with `a.title`. Titles carry `[R]`/`[D]`/`[P]`.
 */
export const reddit: SiteDetector = {
  name: 'reddit',
  matches: [
    '*://www.reddit.com/*',
    '*://reddit.com/*',
    '*://old.reddit.com/*',
    '*://new.reddit.com/*',
  ],
  detect(doc, url) {
    const out: Candidate[] = [];
    for (const post of doc.querySelectorAll('shreddit-post[post-title], div.thing[data-url]')) {
      const titleLink = post.querySelector('[slot="title"], a.title');
      const anchor = titleLink ?? post;
      const title = post.getAttribute('post-title') ?? (titleLink && textOf(titleLink));
      pushAll(
        out,
        hrefCandidate(
          post.getAttribute('content-href') ?? post.getAttribute('data-url'),
          url,
          'site',
          anchor,
        ),
        titleCandidate(title, 'site', anchor),
      );
    }
    return out;
  },
};
