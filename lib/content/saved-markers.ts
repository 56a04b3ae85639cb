import type { PageContext } from './context';
import type { Paper } from '../catalog/schema';
import { MARKER_SELECTOR, setMarkerSaved } from './marker-element';
import { MarkerLayer } from './markers';
import type { OutsidePaper } from './outside';
import type { SavedState } from './saved-state';

/**
 * Markers that show whether their paper is saved. New markers' ids are asked about in one batch
 * per scan; a change of state (the card's toggle, another tab, the manager) redraws every
 * marker of that paper, and a tab coming back into view asks again.
 */
export class SavedMarkerLayer extends MarkerLayer {
  private readonly pending = new Set<string>();
  private flushTimer: number | undefined;

  constructor(
    private readonly page: Document,
    private readonly ctx: PageContext,
    private readonly state: SavedState,
  ) {
    super(page);
    const stop = state.onChange((changes) => this.draw(changes));
    ctx.onInvalidated(stop);
    ctx.addEventListener(page, 'visibilitychange', () => {
      if (page.visibilityState === 'visible') void state.refreshKnown().catch(warn(ctx));
    });
  }

  override add(anchor: Element, paper: Paper, post?: string): boolean {
    if (!super.add(anchor, paper, post)) return false;
    this.queue(paper.id);
    return true;
  }

  override addQuiet(anchor: Element, paper: OutsidePaper, post?: string): boolean {
    if (!super.addQuiet(anchor, paper, post)) return false;
    this.queue(paper.id);
    return true;
  }

  private queue(id: string): void {
    this.pending.add(id);
    this.flushTimer ??= this.ctx.setTimeout(() => {
      this.flushTimer = undefined;
      const known = new Map<string, boolean>();
      const unknown: string[] = [];
      for (const id of this.pending) {
        const saved = this.state.peek(id);
        if (saved === undefined) unknown.push(id);
        else known.set(id, saved);
      }
      this.pending.clear();
      // A paper already known (marked again further down the page) is drawn without asking.
      if (known.size > 0) this.draw(known);
      if (unknown.length > 0) void this.state.check(unknown).catch(warn(this.ctx));
    }, 0);
  }

  /** One pass over the page's markers for a whole batch of changes. */
  private draw(changes: ReadonlyMap<string, boolean>): void {
    for (const el of this.page.querySelectorAll(MARKER_SELECTOR)) {
      const saved = changes.get(el.getAttribute('data-paper-id')!);
      if (saved !== undefined && this.isMarker(el)) setMarkerSaved(el, saved);
    }
  }
}

const warn = (ctx: PageContext) => (error: unknown) => {
  if (ctx.isValid) console.warn('PaperPeek: saved state', error);
};
