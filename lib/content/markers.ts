import type { Paper } from '../catalog/schema';
import type { TextPoint } from '../detect/locate';
import { createMarker, MARKER_SELECTOR } from './marker-element';
import type { OutsidePaper } from './outside';
import { markerPlace, textPlace, type Place } from './placement';

interface Placed {
  anchor: Element;
  marker: HTMLElement;
  /** A catalog paper, or (quiet marker) a paper the page names that the catalog lacks. */
  paper: Paper | OutsidePaper;
  quiet: boolean;
}

/**
 * The markers this content script put on the page. One marker per anchor (the first paper found
 * there wins), so an anchor never gets two; the same paper at several anchors gets one at each.
 * A title found in running text gets one right after its words, but only for a paper not marked on
 * the page yet: prose repeats what a page's links, headings and reference lists already show (and
 * screen-reader copies of a link's text), and one marker per mention would clutter a post.
 * Quiet markers stand for papers the page names by identifier but the catalog lacks
 * (outside.ts); they never count as catalog papers (paperCount, the badge).
 * Papers are kept here, in the isolated world, never on the page's DOM.
 */
export class MarkerLayer {
  /** By anchor element for candidates; by the marker itself for titles in text. */
  private readonly placed = new Map<Element, Placed>();
  private readonly byMarker = new WeakMap<Element, Placed>();
  /** Catalog markers per paper id. */
  private readonly counts = new Map<string, number>();

  constructor(private readonly doc: Document) {}

  /**
   * Adds a marker for `paper` at `anchor`; false when the anchor already has one or cannot, or
   * when the post (`post`, a selector: SiteDetector.post) holding the anchor already marks it.
   */
  add(anchor: Element, paper: Paper, post?: string): boolean {
    if (this.placed.has(anchor) || !anchor.isConnected) return false;
    if (post && this.marksIn(anchor.closest(post), paper.id)) return false;
    const place = markerPlace(anchor);
    return !!place && this.insert(anchor, anchor, place, paper);
  }

  /** A quiet marker for a paper the catalog lacks, on the same terms as `add`. */
  addQuiet(anchor: Element, paper: OutsidePaper, post?: string): boolean {
    if (this.placed.has(anchor) || !anchor.isConnected) return false;
    if (post && this.marksIn(anchor.closest(post), paper.id)) return false;
    const place = markerPlace(anchor);
    return !!place && this.insert(anchor, anchor, place, paper, true);
  }

  /**
   * Adds a marker right after a title found in `block`'s text; false when this paper is already
   * marked on the page or the point is gone.
   */
  addInText(block: Element, at: TextPoint, paper: Paper): boolean {
    if (!block.isConnected || this.counts.has(paper.id)) return false;
    const place = textPlace(block, at.node, at.offset);
    if (!place) return false;
    if (place.split !== undefined) {
      place.before = (place.before as Text).splitText(place.split);
    }
    return this.insert(block, null, place, paper);
  }

  /** Whether one of our markers for `id` sits inside `root`. */
  private marksIn(root: Element | null, id: string): boolean {
    if (!root) return false;
    for (const el of root.querySelectorAll(MARKER_SELECTOR)) {
      if (el.getAttribute('data-paper-id') === id && this.isMarker(el)) return true;
    }
    return false;
  }

  private insert(
    anchor: Element,
    key: Element | null,
    place: Place,
    paper: Paper | OutsidePaper,
    quiet = false,
  ): boolean {
    const marker = createMarker(this.doc, paper, quiet);
    place.parent.insertBefore(marker, place.before);
    const placed = { anchor, marker, paper, quiet };
    this.placed.set(key ?? marker, placed);
    this.byMarker.set(marker, placed);
    if (!quiet) this.counts.set(paper.id, (this.counts.get(paper.id) ?? 0) + 1);
    return true;
  }

  private forget(key: Element, placed: Placed): void {
    placed.marker.remove();
    this.placed.delete(key);
    if (placed.quiet) return;
    const left = (this.counts.get(placed.paper.id) ?? 1) - 1;
    if (left > 0) this.counts.set(placed.paper.id, left);
    else this.counts.delete(placed.paper.id);
  }

  /** The catalog paper behind one of our markers; undefined for anything else (a page's look-alike). */
  paperOf(el: Element | null): Paper | undefined {
    const placed = el ? this.byMarker.get(el) : undefined;
    return placed && !placed.quiet ? (placed.paper as Paper) : undefined;
  }

  /** The paper outside the catalog behind one of our quiet markers. */
  outsideOf(el: Element | null): OutsidePaper | undefined {
    const placed = el ? this.byMarker.get(el) : undefined;
    return placed?.quiet ? (placed.paper as OutsidePaper) : undefined;
  }

  isMarker(el: EventTarget | null): el is HTMLElement {
    return el !== null && this.byMarker.has(el as Element);
  }

  /** Drops markers whose anchor left the page, and records of markers the page removed. */
  prune(): number {
    let removed = 0;
    for (const [key, placed] of this.placed) {
      if (placed.anchor.isConnected && placed.marker.isConnected) continue;
      this.forget(key, placed);
      removed++;
    }
    return removed;
  }

  clear(): void {
    for (const [key, placed] of this.placed) this.forget(key, placed);
  }

  /** Distinct catalog papers currently marked (for the toolbar badge). */
  paperCount(): number {
    return this.counts.size;
  }
}
