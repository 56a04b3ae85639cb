/**
 * Tree walking without layout reads: hidden content is judged by tag and attributes only, so a
 * 50,000-node page costs one linear pass and never forces a style recalculation.
 */

const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'textarea',
  'select',
  'option',
  'svg',
  'canvas',
  'iframe',
  'object',
  'video',
  'audio',
  'input',
]);
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

/**
 * Inline elements join their text with their neighbours' (`<b>Ma</b>mba` reads "Mamba"); the
 * text reader (text.ts) still separates links, which pages set side by side without a space.
 */
const INLINE_TAGS = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'big',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'label',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
  'math',
]);

export function isInline(el: Element): boolean {
  return INLINE_TAGS.has(el.localName) || el.localName.startsWith('mjx-');
}

/** Content a reader does not see, or that is ours (`[data-paperpeek]` markers). */
export function isSkipped(el: Element): boolean {
  if (SKIPPED_TAGS.has(el.localName)) return true;
  // Most elements carry no attribute at all: one call instead of four lookups (bench: 50k nodes).
  if (!el.hasAttributes()) return false;
  if (el.hasAttribute('hidden') || el.hasAttribute('data-paperpeek')) return true;
  // X hides the scheme and the tail of a shortened URL in aria-hidden spans inside the link.
  if (el.getAttribute('aria-hidden') === 'true' && el.parentElement?.localName !== 'a') return true;
  const style = el.getAttribute('style');
  return style !== null && HIDDEN_STYLE.test(style);
}

export const DESCEND = 1;
export const SKIP = 0;
export const STOP = 2;

export interface Visitor {
  /** DESCEND into the element, SKIP its subtree, or STOP the walk. */
  enter: (el: Element) => number;
  leave?: (el: Element) => void;
  /** Return false to stop the walk. */
  text?: (text: string, node: Text) => boolean | void;
}

/** Depth-first walk without recursion, so a 100,000-deep tree cannot overflow the stack. */
export function walk(root: Node, visitor: Visitor): void {
  // A plain loop, not walkSteps: textOf walks every title-like element, and a generator per
  // element showed up in the detection bench's profile.
  let node: Node | null = root.firstChild;
  while (node) {
    const verdict = visit(node, visitor);
    if (verdict === STOP) return;
    node = following(node, root, verdict === DESCEND, visitor);
  }
}

/**
 * The same walk, pausable: it yields after every `every` nodes so that a caller can give the page
 * its main thread back (lib/content/slices.ts). If the page removes the node the walk stands on
 * meanwhile, the walk ends early; the scanner's MutationObserver covers what changed.
 */
export function* walkSteps(
  root: Node,
  visitor: Visitor,
  every = 256,
  { self = false }: { self?: boolean } = {},
): Generator<void, void> {
  // The root itself as the first node of the walk (an element a gate chose, lib/detect/gate.ts).
  if (self && root.nodeType === 1) {
    if (visitor.enter(root as Element) !== DESCEND) return;
    yield* walkSteps(root, visitor, every);
    visitor.leave?.(root as Element);
    return;
  }
  let node: Node | null = root.firstChild;
  let count = 0;
  while (node) {
    if (++count >= every) {
      count = 0;
      yield;
    }
    const verdict = visit(node, visitor);
    if (verdict === STOP) return;
    node = following(node, root, verdict === DESCEND, visitor);
  }
}

function visit(node: Node, visitor: Visitor): number {
  if (node.nodeType === 1) return visitor.enter(node as Element);
  if (node.nodeType === 3 && visitor.text?.((node as Text).data, node as Text) === false) {
    return STOP;
  }
  return SKIP;
}

/** The next node in document order below `root`, calling `leave` on the elements it closes. */
function following(node: Node, root: Node, descend: boolean, visitor: Visitor): Node | null {
  if (descend && node.firstChild) return node.firstChild;
  if (descend) visitor.leave?.(node as Element);
  let at: Node | null = node;
  while (at !== root && !at.nextSibling) {
    at = at.parentNode;
    if (!at || at === root) return null;
    visitor.leave?.(at as Element);
  }
  return at === root ? null : at.nextSibling;
}

const WHITESPACE = String.raw`\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff`;
/**
 * Whitespace runs that are not already one plain space: a run that starts with any other space
 * character, or a plain space followed by more. Matching every single space instead made the
 * replace rebuild every string (60x slower on prose, the top entry of the detection profile).
 */
const SPACES = new RegExp(String.raw`(?:[^\S ]|\u200b)[${WHITESPACE}]*| [${WHITESPACE}]+`, 'g');
/** One character `collapse` turns into (part of) a single space. */
export const SPACE_CHAR = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]/;

export function collapse(text: string): string {
  return text.replace(SPACES, ' ').trim();
}

/**
 * The visible text of an element with markup splits joined, or undefined when it exceeds
 * `maxChars` or `maxNodes`: such an element is not a title, and the bound keeps nested lists cheap.
 */
export function textOf(
  el: Element,
  {
    maxChars = 400,
    maxNodes = 300,
    skip,
  }: { maxChars?: number; maxNodes?: number; skip?: string } = {},
): string | undefined {
  // Most links, list items and emphasis hold one text node: no walk needed.
  const only = el.firstChild;
  if (only && only === el.lastChild && only.nodeType === 3) {
    const data = (only as Text).data;
    if (data.length > maxChars * 2) return undefined;
    const text = collapse(data);
    return text.length > maxChars ? undefined : text;
  }
  let out = '';
  let nodes = 0;
  let over = false;
  const space = (child: Element) => {
    if (!isInline(child) || child.localName === 'br') out += ' ';
  };
  walk(el, {
    enter: (child) => {
      if (++nodes > maxNodes) return ((over = true), STOP);
      if (isSkipped(child) || (skip && child.matches(skip))) return SKIP;
      space(child);
      return DESCEND;
    },
    leave: space,
    text: (data) => {
      out += data;
      if (out.length > maxChars * 2) over = true;
      return !over;
    },
  });
  if (over) return undefined;
  const text = collapse(out);
  return text.length > maxChars ? undefined : text;
}
