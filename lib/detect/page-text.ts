import { isInline, isSkipped } from './dom';

/**
 * The page's text as one string, read with a native TreeWalker: the cheapest way to look at every
 * word of a long page from a content script. A 50,000-node article costs a few milliseconds this
 * way, against ~200 ms for a walk that tracks blocks node by node in script (the gate before,
 * bench/detect). The string is only a first look (lib/detect/text-scan.ts finds where a catalog
 * title or identifier may start); the blocks around those places are then read exactly.
 *
 * Text nodes are joined with SEP, because markup between two text nodes may be a block edge
 * ("…end.</p><p>Mamba…") or nothing at all ("<b>Ma</b>mba"): the background tries both readings.
 * Script and style text is left out; other hidden text stays in (it can only add a place to look,
 * and the exact pass skips hidden subtrees).
 */
export const SEP = '\ue000';

/** At most this much text per scan: a longer page's tail is not searched for titles in prose. */
export const MAX_PAGE_TEXT = 3_000_000;

export interface PageText {
  text: string;
  /** The text nodes read, in document order, and where each one's data starts in `text`. */
  nodes: Text[];
  starts: number[];
  /** Per root: the index of its first node in `nodes`. */
  firstNode: number[];
}

const UNREAD = 'script, style, noscript, template, textarea, title';

/** How many text nodes one step reads before it lets the caller pause (slices.ts). */
const NODES_PER_STEP = 1024;

/**
 * The text of `roots`, without the text of `skip` (containers a site detector reads completely:
 * SiteDetector.claims), which must lie inside the roots, in document order and not nested.
 */
export function* readPageText(
  roots: readonly Node[],
  skip: readonly Element[] = [],
): Generator<void, PageText> {
  const nodes: Text[] = [];
  const starts: number[] = [];
  const parts: string[] = [];
  const firstNode: number[] = [];
  let length = 0;
  // Each skipped container as its first and last text node: the walk jumps from one to the other.
  const jumps = new Map<Node, Node>();
  for (const container of skip) {
    const doc = container.ownerDocument;
    const first = doc.createTreeWalker(container, 4).nextNode();
    const last = doc.createTreeWalker(container, 4).lastChild();
    if (first && last) jumps.set(first, last);
  }
  for (const root of roots) {
    firstNode.push(nodes.length);
    const unread = new Set<Node>();
    if (root.nodeType === 1 || root.nodeType === 9) {
      for (const el of (root as ParentNode).querySelectorAll(UNREAD)) unread.add(el);
    }
    const doc = root.ownerDocument ?? (root as Document);
    const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    let count = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (++count % NODES_PER_STEP === 0) yield;
      const last = jumps.size ? jumps.get(node) : undefined;
      if (last) {
        walker.currentNode = last;
        continue;
      }
      const data = (node as Text).data;
      if (!data || (unread.size && unread.has(node.parentNode!))) continue;
      if (length + data.length + 1 > MAX_PAGE_TEXT) break;
      nodes.push(node as Text);
      starts.push(length);
      parts.push(data);
      length += data.length + 1;
    }
  }
  return { text: parts.join(SEP), nodes, starts, firstNode };
}

/** The text node holding character `offset` of `text` (its index in `nodes`), and the offset in it. */
export function pointAt(
  page: PageText,
  offset: number,
): { node: Text; index: number; offset: number } | undefined {
  const { starts, nodes } = page;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  const node = nodes[low];
  return node && starts[low]! <= offset
    ? { node, index: low, offset: offset - starts[low]! }
    : undefined;
}

/** Which root (index into the roots read) a node index belongs to. */
export function rootOf(page: PageText, nodeIndex: number): number {
  let root = 0;
  while (root + 1 < page.firstNode.length && page.firstNode[root + 1]! <= nodeIndex) root++;
  return root;
}

/**
 * The block a text node belongs to, as textBlocks sees it (the nearest element that is not inline,
 * or `within` itself), or undefined when the node sits inside content a reader does not see (a
 * hidden ancestor, our own markers).
 */
export function blockOf(node: Text, within: Node): Element | undefined {
  let block: Element | undefined;
  for (let el = node.parentElement; el; el = el.parentElement) {
    if (isSkipped(el)) return undefined;
    if (!block && (el === within || !isInline(el))) block = el;
    if (el === within) break;
  }
  return block;
}
