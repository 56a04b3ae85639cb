import { pushAll, titleCandidate } from './clean';
import { DESCEND, isSkipped, SKIP, textOf, walk, type Visitor } from './dom';
import { linkCandidate } from './links';
import type { Candidate } from './types';

/** Elements whose whole text is often a title: headings, links, list items, citations. */
export const TITLE_TAGS = new Set([
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'a',
  'li',
  'dt',
  'cite',
  'q',
  'figcaption',
  'caption',
]);
/** Emphasis is a title in prose (`<em>Title</em>, NeurIPS`), but only a highlight inside a heading or link. */
const EMPHASIS_TAGS = new Set(['em', 'i', 'strong', 'b']);
const HIGHLIGHTED_IN = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a']);

/**
 * Identifiers in visible links and title-sized text of title-like elements, in one walk that
 * prunes hidden subtrees. Each element's text is read with a small budget, so the pass stays
 * linear even on deeply nested markup.
 */
export function genericCandidates(root: ParentNode, url: URL): Candidate[] {
  const out: Candidate[] = [];
  walk(root as Node, genericVisitor(url, out));
  return out;
}

/**
 * The walk's visitor, pushing into `out`; detect-page.ts runs it in the same walk as textBlocks,
 * where the combined visitor has already judged isSkipped (`checked`): one check per element.
 */
export function genericVisitor(url: URL, out: Candidate[], checked = false): Visitor {
  let highlighted = 0;
  return {
    enter: (el) => {
      if (!checked && isSkipped(el)) return SKIP;
      const tag = el.localName;
      const titleLike = TITLE_TAGS.has(tag) || (EMPHASIS_TAGS.has(tag) && highlighted === 0);
      const text = titleLike ? textOf(el, { maxNodes: 100 }) : undefined;
      if (tag === 'a') pushAll(out, linkCandidate(el, url, text));
      if (titleLike) pushAll(out, titleCandidate(text, tag === 'a' ? 'link' : 'text', el));
      if (HIGHLIGHTED_IN.has(tag)) highlighted++;
      return DESCEND;
    },
    leave: (el) => {
      if (HIGHLIGHTED_IN.has(el.localName)) highlighted--;
    },
  };
}
