import { genericCandidates } from './generic';
import { idCandidate } from './identifiers';
import { metadataCandidates, pageAnchor } from './metadata';
import { detectorsFor } from './sites';
import { proseCandidates, textBlocks } from './text';
import type { Candidate } from './types';

/** The most candidates one `lookupCandidates` message carries (see lib/messaging/protocol.ts). */
export const MAX_CANDIDATES = 2000;

/** Titles are already whitespace-collapsed; case is the only rendering difference worth folding here. */
function key(candidate: Candidate): string {
  return `${candidate.kind}:${candidate.truncated ? '…' : ''}${candidate.query.toLowerCase()}`;
}

/** A detector that throws on a hostile page costs its own candidates, never the others'. */
function safely(run: () => Candidate[]): Candidate[] {
  try {
    return run();
  } catch {
    return [];
  }
}

/**
 * Every paper candidate on a page, most specific first: the site's own layout, then the page URL,
 * scholarly metadata, links and title-like elements, then prose. Each query is kept once, with the
 * anchor of its first (most trusted) finding, so that a paper linked five times in one listing row
 * gets one marker; the same paper elsewhere on the page is not marked again.
 */
export function detectPage(root: ParentNode, url: URL, limit = MAX_CANDIDATES): Candidate[] {
  const groups: (() => Candidate[])[] = [
    ...detectorsFor(url).map((site) => () => site.detect(root, url)),
    () => {
      const anchor = pageAnchor(root);
      const id = anchor && idCandidate(url.href, 'url', anchor);
      return id ? [id] : [];
    },
    () => metadataCandidates(root),
    () => genericCandidates(root, url),
    () => proseCandidates(textBlocks(root as Node)),
  ];
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const group of groups) {
    for (const candidate of safely(group)) {
      const id = key(candidate);
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(candidate);
      if (out.length >= limit) return out;
    }
  }
  return out;
}
