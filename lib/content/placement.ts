import { isInline } from '../detect/dom';

/** Elements that cannot hold children: a marker for them goes after them. */
const VOID = new Set(['img', 'input', 'br', 'hr', 'area', 'embed', 'source', 'track', 'wbr']);

export interface Place {
  parent: Node;
  before: Node | null;
}

/** The outermost link around (or at) an element, if any. */
function outermostLink(el: Element): Element | null {
  let link = el.closest('a');
  for (let up = link?.parentElement?.closest('a'); up; up = up.parentElement?.closest('a'))
    link = up;
  return link;
}

/**
 * Where the marker for an anchor goes. Never inside a link: a button inside an `<a>` is invalid
 * markup, a click on it would follow the link, and screen readers would read it into the link's
 * name. So an anchor that is or sits in a link gets its marker right after the link. A block
 * anchor (heading, list row, paragraph) gets it as its last child, on the title's own line rather
 * than on a new line below; an inline anchor (a span) gets it right after itself.
 */
export function markerPlace(anchor: Element): Place | undefined {
  const link = outermostLink(anchor);
  const target = link ?? anchor;
  const after = link !== null || isInline(target) || VOID.has(target.localName);
  if (target === target.ownerDocument.documentElement) return undefined;
  if (!after) return { parent: target, before: null };
  return target.parentNode ? { parent: target.parentNode, before: target.nextSibling } : undefined;
}

/**
 * Where the marker for a title found inside running text goes: right after its last word. At the
 * end of a text node it goes after the inline elements that end there too (`<em>Title</em>`), so
 * the emphasis does not swallow it; mid-node the node is split there (`split`). Never inside a
 * link, for the reasons above: a title in link text gets its marker after the link.
 */
export function textPlace(
  block: Element,
  node: Text,
  offset: number,
): (Place & { split?: number }) | undefined {
  if (!block.contains(node)) return undefined;
  const link = node.parentElement ? outermostLink(node.parentElement) : null;
  if (link && block.contains(link) && link !== block) {
    return link.parentNode ? { parent: link.parentNode, before: link.nextSibling } : undefined;
  }
  if (offset < node.length) return { parent: node.parentNode!, before: node, split: offset };
  let ref: Node = node;
  while (
    !ref.nextSibling &&
    ref.parentElement &&
    ref.parentElement !== block &&
    isInline(ref.parentElement)
  ) {
    ref = ref.parentElement;
  }
  return ref.parentNode ? { parent: ref.parentNode, before: ref.nextSibling } : undefined;
}
