import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { detectPage } from '../detect/detect-page';
import { detectorsFor } from '../detect/sites';
import type { Candidate } from '../detect/types';
import { lookupAll, papersOf, type GetPapers, type Lookup } from './lookup-client';
import type { MarkerLayer } from './markers';
import { inSlices, type Pause } from './slices';
import { subtreeRoots } from './subtree-roots';

export interface ScannerOptions {
  ctx: ContentScriptContext;
  doc: Document;
  markers: MarkerLayer;
  lookup: Lookup;
  getPapers: GetPapers;
  /** Called after every scan with the distinct papers marked. */
  report: (count: number) => void;
}

/** Debounce for added content; doubled after each rescan that found nothing, up to the cap. */
export const BASE_DEBOUNCE_MS = 150;
export const MAX_DEBOUNCE_MS = 5_000;

/** Candidates worth a lookup: the background matches titles exactly, so a truncated title (it
 * ends in "…") would only ever match a different, shorter title. */
function lookable(candidate: Candidate): boolean {
  return !candidate.truncated;
}

/**
 * Scans the page once, then only what is added: a MutationObserver (childList + subtree) queues
 * added subtrees, rescanned after a debounce that grows while a busy page's mutations produce no
 * markers. A new URL (pushState, popstate) clears the markers and scans the whole page again.
 */
export function startScanner(options: ScannerOptions): void {
  const { ctx, doc, markers, lookup, getPapers, report } = options;
  const pause: Pause = () =>
    new Promise((resolve) => ctx.requestIdleCallback(() => resolve(), { timeout: 50 }));
  let href = location.href;
  let generation = 0;
  let full = true;
  const pending = new Set<Node>();
  let debounce = BASE_DEBOUNCE_MS;
  let timer: number | undefined;
  let running = false;
  let lastCount = -1;

  const schedule = (delay: number) => {
    if (timer !== undefined || running) return;
    timer = ctx.setTimeout(() => {
      timer = undefined;
      void run();
    }, delay);
  };

  const publish = () => {
    const count = markers.paperCount();
    if (count !== lastCount) report(count);
    lastCount = count;
  };

  async function candidatesOf(roots: ParentNode[], url: URL, current: number) {
    const found: Candidate[] = [];
    await inSlices(
      roots,
      (root) => {
        // A subtree's own scan must not claim the page's URL or <meta> tags for itself.
        const own = root === doc ? detectPage(doc, url) : subtreeCandidates(root as Element, url);
        found.push(...own.filter(lookable));
      },
      pause,
      { cancelled: () => current !== generation || !ctx.isValid },
    );
    return found;
  }

  async function run(): Promise<void> {
    running = true;
    try {
      const current = generation;
      const url = new URL(location.href);
      const roots: ParentNode[] = full ? [doc] : subtreeRoots([...pending]);
      full = false;
      pending.clear();
      const candidates = await candidatesOf(roots, url, current);
      const answers = await lookupAll(
        candidates.map((c) => c.query),
        lookup,
      );
      // Records only for the distinct papers found: the marker's label and the card need them.
      const papers = await papersOf(answers, getPapers);
      if (current !== generation || !ctx.isValid) return;
      let added = 0;
      await inSlices(
        candidates.keys(),
        (i) => {
          const id = answers[i]?.id;
          const paper = id === undefined ? undefined : papers.get(id);
          if (paper && markers.add(candidates[i]!.anchor, paper)) added++;
        },
        pause,
        { cancelled: () => current !== generation || !ctx.isValid },
      );
      debounce = added > 0 ? BASE_DEBOUNCE_MS : Math.min(debounce * 2, MAX_DEBOUNCE_MS);
      publish();
    } catch (error) {
      // The extension was reloaded or the background refused: the page stays as it is.
      if (ctx.isValid) console.warn('PaperPeek: scan failed', error);
    } finally {
      running = false;
    }
    if (ctx.isValid && (full || pending.size)) schedule(full ? 0 : debounce);
  }

  const checkLocation = () => {
    if (location.href === href) return;
    href = location.href;
    generation++;
    markers.clear();
    pending.clear();
    full = true;
    publish();
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    schedule(BASE_DEBOUNCE_MS);
  };

  const observer = new MutationObserver((records) => {
    let removed = false;
    for (const record of records) {
      for (const node of record.addedNodes) if (isPageContent(node)) pending.add(node);
      if (record.removedNodes.length) removed = true;
    }
    if (removed && markers.prune()) publish();
    checkLocation();
    if (pending.size) schedule(debounce);
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  ctx.addEventListener(window, 'wxt:locationchange', checkLocation);
  ctx.addEventListener(window, 'popstate', checkLocation);
  ctx.onInvalidated(() => {
    observer.disconnect();
    markers.clear();
  });
  schedule(0);
}

/** Added nodes worth scanning: elements, but not our own markers and card. */
function isPageContent(node: Node): boolean {
  return node.nodeType === 1 && !(node as Element).hasAttribute('data-paperpeek');
}

/** Site layouts are read from a parent of at most this many children (cheap selector queries). */
const SMALL_PARENT = 50;

/**
 * Candidates inside an added subtree. The detectors look below the root they are given, and a site
 * layout may need the added row's context (arXiv's `dt` + `dd` pairs), so site detectors read the
 * parent when it is small and keep what lies in the added element; the generic and prose passes
 * read the added element itself. The page's URL and <meta> tags are the whole page's, not the
 * subtree's, so those candidates are dropped.
 */
export function subtreeCandidates(added: Element, url: URL): Candidate[] {
  const parent = added.parentElement;
  const siteRoot = parent && parent.childElementCount <= SMALL_PARENT ? parent : added;
  const found = [
    ...detectorsFor(url).flatMap((site) => {
      try {
        return site.detect(siteRoot, url);
      } catch {
        return [];
      }
    }),
    ...detectPage(added, url),
  ];
  // As in detectPage: each query once, at its first (most trusted) anchor in this subtree.
  const seen = new Set<string>();
  return found.filter((c) => {
    if (c.source === 'url' || c.source === 'meta' || !added.contains(c.anchor)) return false;
    const key = `${c.kind}:${c.query.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
