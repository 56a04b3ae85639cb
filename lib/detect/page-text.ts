import { isInline, isSkipped } from './dom';

/**
 * The page's text as one string, read with a native TreeWalker: the cheapest way to look at every
 * word of a long page from a content script. The string is only a first look
 * (lib/detect/text-scan.ts finds where a catalog title or identifier may start); the blocks
 * around those places are then read exactly.
 *
 * The read keeps no reference to the nodes it passes: holding 20,000 text nodes' wrappers cost
 * several times the walk itself (the isolated world makes a wrapper per node, and kept ones must
 * be collected later). Places are mapped back to nodes by walking again, only when there are any
 * (textPointsAt), and only while the page's text is still what was read.
 *
 * Text nodes are joined with SEP, because markup between two text nodes may be a block edge
 * ("…end.</p><p>Mamba…") or nothing at all ("<b>Ma</b>mba"): the background tries both readings.
 * Script and style text is left out; other hidden text stays in (it can only add a place to look,
 * and the exact pass skips hidden subtrees).
 */
export const SEP = '\ue000';

/**
 * At most this much text per scan (about 150,000 words; a long paper in arXiv's HTML view is a
 * fifth of it): a longer page's tail is not searched for titles or identifiers in its text, while
 * its site layout, links and metadata still are. Reading and sending text costs the page's main
 * thread about 0.1 ms per thousand characters (bench/detect).
 */
export const MAX_PAGE_TEXT = 1_000_000;

/** Elements whose text is not page text; by tag, through the document's cached tag lists. */
const UNREAD = ['script', 'style', 'noscript', 'template', 'textarea', 'title'];

/** How many text nodes one step reads before it lets the caller pause (slices.ts). */
const NODES_PER_STEP = 1024;

/**
 * Every text node of `roots` the page text holds, with its data and the index of its root, in
 * document order; `skip` are containers left out (SiteDetector.claims), inside the roots, in
 * document order and not nested. `visit` returns false to stop.
 */
function* eachText(
  roots: readonly Node[],
  skip: readonly Element[],
  visit: (node: Text, data: string, root: number) => boolean,
): Generator<void, void> {
  // Each skipped container as its first and last text node: the walk jumps from one to the other.
  const jumps = new Map<Node, Node>();
  for (const container of skip) {
    const doc = container.ownerDocument;
    const first = doc.createTreeWalker(container, 4).nextNode();
    const last = doc.createTreeWalker(container, 4).lastChild();
    if (first && last) jumps.set(first, last);
  }
  let length = 0;
  for (let r = 0; r < roots.length; r++) {
    const root = roots[r]!;
    const unread = new Set<Node>();
    if (root.nodeType === 1 || root.nodeType === 9) {
      for (const tag of UNREAD) {
        for (const el of (root as Element).getElementsByTagName(tag)) unread.add(el);
      }
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
      length += data.length + 1;
      if (length > MAX_PAGE_TEXT + 1 || visit(node as Text, data, r) === false) return;
    }
  }
}

/** The text of `roots` joined by SEP (see above). */
export function* readPageText(
  roots: readonly Node[],
  skip: readonly Element[] = [],
): Generator<void, string> {
  const parts: string[] = [];
  yield* eachText(roots, skip, (_, data) => {
    parts.push(data);
    return true;
  });
  return parts.join(SEP);
}

/** A place in the page text: a text node, the offset inside it, and its root's index. */
export interface TextPoint {
  node: Text;
  offset: number;
  root: number;
}

/**
 * The text nodes holding `offsets` (ascending) of `text`, as readPageText read it from the same
 * roots. Undefined for an offset the walk did not reach, or once the page's text no longer matches
 * what was read (the page changed it meanwhile; its MutationObserver records bring a rescan).
 */
export function* textPointsAt(
  roots: readonly Node[],
  skip: readonly Element[],
  text: string,
  offsets: readonly number[],
): Generator<void, (TextPoint | undefined)[]> {
  const out: (TextPoint | undefined)[] = offsets.map(() => undefined);
  let next = 0;
  let at = 0;
  if (!offsets.length) return out;
  yield* eachText(roots, skip, (node, data, root) => {
    if (
      !text.startsWith(data, at) ||
      (at + data.length < text.length && text[at + data.length] !== SEP)
    ) {
      return false;
    }
    const end = at + data.length;
    for (; next < offsets.length && offsets[next]! <= end; next++) {
      if (offsets[next]! >= at) out[next] = { node, offset: offsets[next]! - at, root };
    }
    at = end + 1;
    return next < offsets.length;
  });
  return out;
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
