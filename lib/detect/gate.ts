import { isSkipped } from './dom';
import { TITLE_TAGS } from './generic';
import { PLAIN_ARXIV_URL, resolveUrl } from './identifiers';
import { ID_LIKE_HREF, linkCandidate } from './links';
import { blockOf, textPointsAt } from './page-text';
import type { TextScan } from './text-scan';
import type { Candidate } from './types';

/**
 * The first look at a page (or an added subtree) that decides where the costly pass runs.
 *
 * Reading every heading, link, list item and emphasis as a possible title, and every block's text
 * for titles in prose, cost most of the content script's time on a long article that names no
 * paper. But every title that pass can match, whole or cut short, starts with the title's first
 * three normalized words, and the background knows every catalog title's first three words (its
 * head). So the content script reads the page's whole text natively (page-text.ts), the
 * background names the offsets where a head or a catalog paper's identifier starts (text-scan.ts),
 * and only the blocks there, widened to their title-like ancestors (gateRoots), are read exactly.
 * This pass reads the links whose target looks like an identifier, by selector, not by walking.
 */
export interface GatePass {
  /** Identifier candidates from link targets. */
  links: Candidate[];
  /** Links whose target gave an identifier: their text ("arXiv:2312.00752") needs no second look. */
  covered: Set<Element>;
}

/** How far up from a chosen block a title-like element (generic.ts) is looked for. */
const ANCESTOR_LEVELS = 3;
const LINKS_PER_STEP = 512;

/** Whether `el` or an ancestor below `root` is content a reader does not see (dom.ts). */
function hidden(el: Element, root: Node): boolean {
  for (let up: Element | null = el; up && up !== root; up = up.parentElement) {
    if (isSkipped(up)) return true;
  }
  return false;
}

/** The index of the last of `all` inside `container`, from `first`, which is inside it. */
function lastInside(all: NodeListOf<Element>, first: number, container: Element): number {
  let low = first;
  let high = all.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (container.contains(all[mid]!)) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Identifier links below `root`. `known` holds the candidate keys found before (a site layout's
 * rows): an arXiv link whose plain URL gives one of those is covered without parsing it again, the
 * bulk of a 5,000-row listing's 15,000 links.
 */
export function* gateSteps(
  root: Node,
  url: URL,
  known: ReadonlySet<string> = new Set(),
  claimed: readonly Element[] = [],
): Generator<void, GatePass> {
  const links: Candidate[] = [];
  const covered = new Set<Element>();
  if (root.nodeType !== 1 && root.nodeType !== 9 && root.nodeType !== 11) {
    return { links, covered };
  }
  const all = (root as ParentNode).querySelectorAll('a[href]');
  // A claimed container's links (SiteDetector.claims) are one run of `all`, in document order: from
  // its first link, the run's end is found by bisection rather than by listing its links again.
  const claims = new Map<Element, Element>();
  for (const container of claimed) {
    const first = container.querySelector('a[href]');
    if (first) claims.set(first, container);
  }
  for (let i = 0; i < all.length; i++) {
    if (i % LINKS_PER_STEP === LINKS_PER_STEP - 1) yield;
    const link = all[i]!;
    const container = claims.size ? claims.get(link) : undefined;
    if (container) {
      i = lastInside(all, i, container);
      continue;
    }
    const href = link.getAttribute('href')!;
    if (!ID_LIKE_HREF.test(href)) continue;
    const plain = PLAIN_ARXIV_URL.exec(resolveUrl(href, url) ?? '');
    if (plain && known.has(`arxiv:${plain[1]}`)) {
      covered.add(link);
      continue;
    }
    const candidate = linkCandidate(link, url, '');
    if (!candidate || hidden(link, root)) continue;
    covered.add(link);
    links.push(candidate);
  }
  return { links, covered };
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

/**
 * Per root, the blocks the background's offsets in the page text fall in (the text readPageText
 * read from `roots` without `skip`), in document order: where a title may start, and where a
 * catalog identifier is written outside a link already read for it.
 */
export function* chooseBlocks(
  roots: readonly Node[],
  skip: readonly Element[],
  text: string,
  scan: TextScan,
  covered: ReadonlySet<Element>,
): Generator<void, Element[][]> {
  const chosen = roots.map(() => new Set<Element>());
  const places = [
    ...scan.heads.map((at) => ({ at, id: false })),
    ...scan.ids.map((at) => ({ at, id: true })),
  ].sort((a, b) => a.at - b.at);
  const points = yield* textPointsAt(
    roots,
    skip,
    text,
    places.map((p) => p.at),
  );
  places.forEach(({ id }, i) => {
    const point = points[i];
    if (!point) return;
    if (id) {
      const link = point.node.parentElement?.closest('a');
      if (link && covered.has(link)) return;
    }
    const block = blockOf(point.node, roots[point.root]!);
    if (block) chosen[point.root]!.add(block);
  });
  return chosen.map((set) => [...set]);
}
