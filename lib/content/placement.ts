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
