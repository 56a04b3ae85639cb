import { pushAll, titleCandidate } from '../clean';
import { parseIdentifier } from '../identifiers';
import { linkTextUrl } from '../links';
import type { Candidate, SiteDetector } from '../types';

/**
 * Posts `article[data-testid="tweet"]`: links are t.co redirects whose text (hidden spans
 * included) is the real URL, and a paper's title often sits alone on a line of the post, inside
 * one of the text's spans.
 */
export const x: SiteDetector = {
  name: 'x',
  matches: ['*://x.com/*', '*://twitter.com/*', '*://mobile.x.com/*', '*://mobile.twitter.com/*'],
  post: 'article[data-testid="tweet"]',
  detect(doc) {
    const out: Candidate[] = [];
    for (const body of doc.querySelectorAll(
      'article[data-testid="tweet"] div[data-testid="tweetText"]',
    )) {
      for (const link of body.querySelectorAll('a[href*="t.co/"]')) {
        const id = parseIdentifier(linkTextUrl(link));
        if (id) out.push({ ...id, source: 'site', anchor: link });
      }
      // Lines break inside the text spans; the span holding a title line is its marker's place.
      for (const span of body.querySelectorAll(':scope > span')) {
        const text = span.textContent ?? '';
        if (text.length > 10_000) continue;
        for (const line of text.split('\n')) pushAll(out, titleCandidate(line, 'site', span));
      }
    }
    return out;
  },
};
