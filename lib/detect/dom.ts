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

/** Inline elements join their text with their neighbours' (`<b>Ma</b>mba` reads "Mamba"). */
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
  text?: (text: string) => boolean | void;
}

/** Depth-first walk without recursion, so a 100,000-deep tree cannot overflow the stack. */
export function walk(root: Node, visitor: Visitor): void {
  let node: Node | null = root.firstChild;
  while (node) {
    let descend = false;
    if (node.nodeType === 1) {
      const verdict = visitor.enter(node as Element);
      if (verdict === STOP) return;
      descend = verdict === DESCEND;
    } else if (node.nodeType === 3 && visitor.text?.((node as Text).data) === false) {
      return;
    }
    if (descend && node.firstChild) {
      node = node.firstChild;
      continue;
    }
    if (descend) visitor.leave?.(node as Element);
    while (node !== root && !node.nextSibling) {
      node = node.parentNode;
      if (!node || node === root) return;
      visitor.leave?.(node as Element);
    }
    if (node === root) return;
    node = node.nextSibling;
  }
}

const SPACES = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g;

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
