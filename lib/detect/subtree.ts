import { candidateKey, finish, pageSteps, type PagePass } from './detect-page';
import { detectorsFor } from './sites';
import type { Candidate } from './types';

/** Site layouts are read from a parent of at most this many children (cheap selector queries). */
const SMALL_PARENT = 50;

/**
 * What an added subtree holds. The detectors look below the root they are given, and a site
 * layout may need the added row's context (arXiv's `dt` + `dd` pairs), so site detectors read the
 * parent when it is small and keep what lies in the added element; the generic and prose passes
 * read the added element itself. The page's URL and <meta> tags are the whole page's, not the
 * subtree's, so those candidates are dropped.
 */
export function* subtreeSteps(
  added: Element,
  url: URL,
  { gate = false }: { gate?: boolean } = {},
): Generator<void, PagePass> {
  const parent = added.parentElement;
  const siteRoot = parent && parent.childElementCount <= SMALL_PARENT ? parent : added;
  const site = detectorsFor(url).flatMap((detector) => {
    try {
      return detector.detect(siteRoot, url);
    } catch {
      return [];
    }
  });
  yield;
  const own = yield* pageSteps(added, url, { whole: false, gate });
  // As in pageSteps: each query once, at its first (most trusted) anchor in this subtree.
  const seen = new Set<string>();
  const candidates = [...site, ...own.candidates].filter((c: Candidate) => {
    if (c.source === 'url' || c.source === 'meta' || !added.contains(c.anchor)) return false;
    const key = candidateKey(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { candidates, blocks: own.blocks, gate: own.gate };
}

export function subtreeCandidates(added: Element, url: URL): Candidate[] {
  return finish(subtreeSteps(added, url)).candidates;
}
