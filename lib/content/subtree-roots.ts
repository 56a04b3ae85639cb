/**
 * The added nodes that still need a scan: those still on the page and not inside another added
 * node (a scan of the outer one covers them). Sorted in document order so markers appear top down.
 */
export function subtreeRoots(added: Node[]): Element[] {
  const live = added.filter((node): node is Element => node.nodeType === 1 && node.isConnected);
  const set = new Set(live);
  const roots = live.filter((node) => {
    for (let up = node.parentElement; up; up = up.parentElement) if (set.has(up)) return false;
    return true;
  });
  return roots.sort((a, b) =>
    a.compareDocumentPosition(b) & 4 /* DOCUMENT_POSITION_FOLLOWING */ ? -1 : 1,
  );
}
