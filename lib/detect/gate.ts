import { DESCEND, isSkipped, SKIP, walkSteps } from './dom';
import { TITLE_TAGS } from './generic';
import { ID_LIKE_HREF, linkCandidate } from './links';
import { blockCollector, type TextBlock } from './text';
import type { Candidate } from './types';

/**
 * The first look at a page (or an added subtree) that decides where the costly pass runs.
 *
 * Reading every heading, link, list item and emphasis as a possible title cost most of the
 * content script's time on a long article that names no paper. But every title that pass can
 * match, whole or cut short, starts with the title's first three normalized words, and the
 * background, which sees the page's text blocks anyway to find titles in prose, knows every
 * catalog title's first three words (its head). So this pass only reads the visible text by block
 * and the links whose target looks like an identifier; the background names the blocks where a
 * head starts (findTitlesInText); the title-like elements are read only around those, and around
 * text that looks like it holds an identifier (gateRoots).
 */
export interface GatePass {
  /** Identifier candidates from link targets. */
  links: Candidate[];
  /** The visible text by block, in document order (as textBlocks reads it). */
  blocks: TextBlock[];
  /** Blocks with text that looks like an arXiv id, DOI or paper URL outside such a link. */
  flagged: Set<Element>;
}

/** A superset of what identifiersInText and a link's text can yield (identifiers.ts, links.ts). */
const ID_LIKE_TEXT = /arxiv|alphaxiv|huggingface|hf\.co|10\.\d{4}|\d{4}\.\d{4}|[a-z-]\/\d{7}/i;
/** How far up from a chosen block a title-like element (generic.ts) is looked for. */
const ANCESTOR_LEVELS = 3;

export function* gateSteps(root: Node, url: URL, every = 256): Generator<void, GatePass> {
  const links: Candidate[] = [];
  const flagged = new Set<Element>();
  const collector = blockCollector(root, true);
  // Links whose target gave an identifier: their text ("arXiv:2312.00752") needs no second look.
  const covered: Element[] = [];
  yield* walkSteps(
    root,
    {
      enter: (el) => {
        if (isSkipped(el)) return SKIP;
        collector.visitor.enter(el);
        if (el.localName === 'a') {
          const href = el.getAttribute('href');
          const candidate = href && ID_LIKE_HREF.test(href) && linkCandidate(el, url, '');
          if (candidate) {
            links.push(candidate);
            covered.push(el);
          }
        }
        return DESCEND;
      },
      leave: (el) => {
        if (covered.at(-1) === el) covered.pop();
        collector.visitor.leave!(el);
      },
      text: (data, node) => {
        collector.visitor.text!(data, node);
        if (!covered.length && ID_LIKE_TEXT.test(data)) {
          const block = collector.current();
          if (block) flagged.add(block);
        }
      },
    },
    every,
  );
  const blocks = yield* collector.blockSteps(512);
  return { links, blocks, flagged };
}

/**
 * The elements the full pass should read: `hit` blocks (where the background saw a title head
 * start) and flagged ones, each widened to the highest title-like ancestor within a few levels (a
 * title split over blocks inside a link is the link's), never above `within`. Nested ones are
 * dropped. Document order comes from `order` (the blocks' positions in the gate's list), not from
 * compareDocumentPosition, which walks siblings: quadratic on a 5,000-row listing.
 */
export function gateRoots(
  chosen: Iterable<Element>,
  order: ReadonlyMap<Element, number>,
  within: Node,
): Element[] {
  const sorted = [...new Set(chosen)].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const roots = new Set<Element>();
  for (const block of sorted) {
    let root = block;
    let up = block.parentElement;
    for (let level = 0; up && level < ANCESTOR_LEVELS && within.contains(up); level++) {
      if (TITLE_TAGS.has(up.localName)) root = up;
      up = up.parentElement;
    }
    roots.add(root);
  }
  return [...roots].filter((el) => {
    for (let up = el.parentElement; up; up = up.parentElement) if (roots.has(up)) return false;
    return true;
  });
}
