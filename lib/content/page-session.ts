import type { PageContext } from './context';
import type { Paper } from '../catalog/schema';
import { send } from '../messaging/messenger';
import { startCard } from './card';
import type { GetPapers, Lookup } from './lookup-client';
import { followHoverDelay, whileMarkersAllowed } from './marker-switch';
import { MARKER_SELECTOR } from './marker-element';
import type { MarkerLayer } from './markers';
import { startReadingListClient } from './reading-list-client';
import { SavedMarkerLayer } from './saved-markers';
import { startScanner } from './scanner';

/** Everything the content script does on one page, wired to the background's messages. */
export function startPageSession(ctx: PageContext): void {
  const doc = document;
  const lookup: Lookup = (candidates) => send('lookupCandidates', { candidates });
  const getPapers: GetPapers = (ids) => send('getPapers', { ids });
  const related = (paper: Paper, k: number) => send('getRelated', { id: paper.id, k });
  const report = (count: number, ids: string[] = []) =>
    void send('reportPagePapers', { count, ids }).catch((error: unknown) => {
      if (ctx.isValid) console.warn('PaperPeek: badge', error);
    });
  const hoverDelay = followHoverDelay(ctx);
  const saved = startReadingListClient(ctx, doc);
  // A session per stretch of time the settings allow markers here; its end removes them all.
  whileMarkersAllowed(
    ctx,
    location.hostname,
    (session, { quiet }) => {
      const markers = new SavedMarkerLayer(doc, session, saved);
      const reportMarked = (count: number) => report(count, markedIds(doc, markers));
      startScanner({ ctx: session, doc, markers, lookup, getPapers, report: reportMarked, quiet });
      startCard({ ctx: session, doc, markers, related, hoverDelay, saved });
    },
    () => report(0),
  );
}

/**
 * Catalog ids of this script's own catalog markers (never a page's look-alikes, nor quiet markers
 * for papers the catalog lacks), in page order, for the popup's "This page" list; bounded as the
 * message is.
 */
function markedIds(doc: Document, markers: MarkerLayer): string[] {
  const ids = new Set<string>();
  for (const el of doc.querySelectorAll(MARKER_SELECTOR)) {
    if (ids.size >= 2000) break;
    if (markers.paperOf(el)) ids.add(el.getAttribute('data-paper-id')!);
  }
  return [...ids];
}
