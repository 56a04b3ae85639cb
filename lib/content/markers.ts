import type { Paper } from '../catalog/schema';
import { createMarker } from './marker-element';
import { markerPlace } from './placement';

interface Placed {
  anchor: Element;
  marker: HTMLElement;
  paper: Paper;
}

/**
 * The markers this content script put on the page. One marker per anchor (the first paper found
 * there wins), so an anchor never gets two; the same paper at several anchors gets one at each.
 * Papers are kept here, in the isolated world, never on the page's DOM.
 */
export class MarkerLayer {
  private readonly byAnchor = new Map<Element, Placed>();
  private readonly byMarker = new WeakMap<Element, Placed>();

  constructor(private readonly doc: Document) {}

  /** Adds a marker for `paper` at `anchor`; false when the anchor already has one or cannot. */
  add(anchor: Element, paper: Paper): boolean {
    if (this.byAnchor.has(anchor) || !anchor.isConnected) return false;
    const place = markerPlace(anchor);
    if (!place) return false;
    const marker = createMarker(this.doc, paper);
    place.parent.insertBefore(marker, place.before);
    const placed = { anchor, marker, paper };
    this.byAnchor.set(anchor, placed);
    this.byMarker.set(marker, placed);
    return true;
  }

  /** The paper behind one of our markers; undefined for anything else (a page's look-alike). */
  paperOf(el: Element | null): Paper | undefined {
    return el ? this.byMarker.get(el)?.paper : undefined;
  }

  isMarker(el: EventTarget | null): el is HTMLElement {
    return el !== null && this.byMarker.has(el as Element);
  }

  /** Drops markers whose anchor left the page, and records of markers the page removed. */
  prune(): number {
    let removed = 0;
    for (const [anchor, placed] of this.byAnchor) {
      if (anchor.isConnected && placed.marker.isConnected) continue;
      placed.marker.remove();
      this.byAnchor.delete(anchor);
      removed++;
    }
    return removed;
  }

  clear(): void {
    for (const placed of this.byAnchor.values()) placed.marker.remove();
    this.byAnchor.clear();
  }

  /** Distinct catalog papers currently marked (for the toolbar badge). */
  paperCount(): number {
    return new Set([...this.byAnchor.values()].map((placed) => placed.paper.id)).size;
  }
}
