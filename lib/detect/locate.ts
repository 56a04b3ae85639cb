import { DESCEND, isInline, isSkipped, SKIP, SPACE_CHAR, walk } from './dom';

/** A point in the page's text: after `offset` characters of `node`. */
export interface TextPoint {
  node: Text;
  offset: number;
}

/**
 * The DOM point just after character `end - 1` of a block's text as textBlocks reports it
 * (nested blocks left out, `<br>` and link edges as a space, whitespace runs collapsed, ends
 * trimmed), so that a
 * span the background found in that text maps back onto the page's text nodes. Undefined when
 * the block's text changed so much that the span no longer exists.
 */
export function locateInBlock(block: Element, end: number): TextPoint | undefined {
  if (end <= 0) return undefined;
  let emitted = 0;
  let pendingSpace = false;
  let found: TextPoint | undefined;
  walk(block, {
    enter: (el) => {
      if (el.localName === 'br') {
        pendingSpace = emitted > 0;
        return SKIP;
      }
      if (isSkipped(el) || !isInline(el)) return SKIP;
      if (el.localName === 'a') pendingSpace = emitted > 0;
      return DESCEND;
    },
    leave: (el) => {
      if (el.localName === 'a') pendingSpace = emitted > 0;
    },
    text: (data, node) => {
      for (let i = 0; i < data.length; i++) {
        if (SPACE_CHAR.test(data[i]!)) {
          pendingSpace = emitted > 0;
          continue;
        }
        if (pendingSpace) emitted++;
        pendingSpace = false;
        if (++emitted === end) {
          found = { node, offset: i + 1 };
          return false;
        }
      }
    },
  });
  return found;
}
