import type { PageContext } from './context';
import { candidateKey, pageSteps, type PagePass } from '../detect/detect-page';
import { chooseBlocks, gateRoots } from '../detect/gate';
import { locateInBlock } from '../detect/locate';
import { readPageText } from '../detect/page-text';
import { detectorsFor } from '../detect/sites';
import { subtreeSteps } from '../detect/subtree';
import type { Candidate, Shown } from '../detect/types';
import type { TextBlock } from '../detect/text';
import { send } from '../messaging/messenger';
import {
  findInBlocks,
  lookupAll,
  papersOf,
  scanAll,
  type FindTitles,
  type GetPapers,
  type Lookup,
  type ScanText,
} from './lookup-client';
import type { MarkerLayer } from './markers';
import { outsidePaper } from './outside';
import { inSlices, runSteps, type Pause } from './slices';
import { subtreeRoots } from './subtree-roots';

export { subtreeCandidates } from '../detect/subtree';

export interface ScanDeps {
  markers: MarkerLayer;
  lookup: Lookup;
  getPapers: GetPapers;
  findTitles: FindTitles;
  scanText: ScanText;
  pause: Pause;
  /** True once the scan's results would land on a page that moved on (navigation, reload). */
  cancelled: () => boolean;
  /**
   * Quiet markers (settings: quietMarkers): on a site with a detector, an arXiv id or DOI from the
   * page's URL, metadata or links that the catalog lacks gets a marker of its own (outside.ts).
   */
  quiet?: boolean;
}

export interface ScannerOptions extends Omit<
  ScanDeps,
  'findTitles' | 'scanText' | 'pause' | 'cancelled'
> {
  ctx: PageContext;
  doc: Document;
  /** Defaults to the background's findTitlesInText. */
  findTitles?: FindTitles;
  /** Defaults to the background's scanPageText. */
  scanText?: ScanText;
  /** Called after every scan with the distinct papers marked. */
  report: (count: number) => void;
}

/** Debounce for added content; doubled after each rescan that found nothing, up to the cap. */
export const BASE_DEBOUNCE_MS = 150;
export const MAX_DEBOUNCE_MS = 5_000;

/** The string the background looks up: a cut title says so with its ellipsis (protocol.ts). */
function queryOf(candidate: Candidate): string {
  return candidate.truncated ? `${candidate.query} …` : candidate.query;
}

/** Each query once, at its first (most trusted) anchor, as pageSteps keeps them. */
function distinct(candidates: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return candidates.filter((c) => {
    const key = candidateKey(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What the page's site detectors read completely (SiteDetector.claims), in document order. */
function claimedBy(doc: ParentNode, url: URL): Element[] {
  const all = detectorsFor(url).flatMap((site) => {
    try {
      return site.claims?.(doc) ?? [];
    } catch {
      return [];
    }
  });
  return all.length > 1 ? all.sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1)) : all;
}

/**
 * One scan of `roots` (the document, or subtrees the page added), in ~10 ms slices: the site
 * layouts, the page's URL and metadata and the identifier links first; then the roots' whole text,
 * read natively and sent to the background in bounded messages, which name the offsets where a catalog
 * title may start or a catalog paper's identifier is written (lib/detect/gate.ts). Only the blocks
 * there are read exactly: their headings, links and list items as titles, their text for titles in
 * prose. Then batched lookups and markers, in slices. Returns how many markers it added; the eval
 * script (scripts/eval-detect.ts) runs this too.
 */
export async function scanRoots(
  roots: readonly ParentNode[],
  url: URL,
  { markers, lookup, getPapers, findTitles, scanText, pause, cancelled, quiet = false }: ScanDeps,
): Promise<number> {
  const found: Candidate[] = [];
  const covered = new Set<Element>();
  const whole = roots.find((root) => (root as Node).nodeType === 9);
  const claimed = whole ? claimedBy(whole, url) : [];
  for (const root of roots) {
    const doc = (root as Node).nodeType === 9;
    const steps: Generator<void, PagePass> = doc
      ? pageSteps(root, url, { gate: true, claimed })
      : subtreeSteps(root as Element, url, { gate: true });
    const pass = await runSteps(steps, pause, { cancelled });
    if (!pass) return 0;
    found.push(...pass.candidates);
    for (const link of pass.gate?.covered ?? []) covered.add(link);
  }
  const nodes = roots as unknown as Node[];
  const text = await runSteps(readPageText(nodes, claimed), pause, { cancelled });
  if (text === undefined) return 0;
  const scan = await scanAll(text, scanText, pause);
  if (cancelled()) return 0;
  const steps = chooseBlocks(nodes, claimed, text, scan, covered);
  const chosen = await runSteps(steps, pause, { cancelled });
  if (!chosen) return 0;
  const blocks: TextBlock[] = [];
  for (const [r, blocksHere] of chosen.entries()) {
    const order = new Map(blocksHere.map((el, i) => [el, i]));
    for (const root of gateRoots(blocksHere, order, roots[r] as Node)) {
      const steps = pageSteps(root, url, { whole: false, sites: false, self: true });
      const pass = await runSteps(steps, pause, { cancelled });
      if (!pass) return 0;
      found.push(...pass.candidates);
      blocks.push(...pass.blocks);
    }
  }
  const inText = await findInBlocks(
    blocks.map((b) => b.text),
    findTitles,
  );
  if (cancelled()) return 0;
  const candidates = distinct(found);
  const answers = await lookupAll(candidates.map(queryOf), lookup);
  // Records only for the distinct papers found: the marker's label and the card need them.
  const papers = await papersOf(
    [...answers, ...inText.matches.map(({ id }) => ({ id, matchedBy: 'title' as const }))],
    getPapers,
  );
  if (cancelled()) return 0;
  let added = 0;
  const sites = detectorsFor(url);
  const post = sites.find((site) => site.post)?.post;
  const placed = await inSlices(
    candidates.keys(),
    (i) => {
      const id = answers[i]?.id;
      const paper = id === undefined ? undefined : papers.get(id);
      if (paper && markers.add(candidates[i]!.anchor, paper, post)) added++;
    },
    pause,
    { cancelled },
  );
  if (!placed) return added;
  // After the catalog's markers, which keep their anchors: identifiers the catalog lacks.
  if (quiet && sites.length > 0) {
    const done = await inSlices(
      candidates.keys(),
      (i) => {
        if (answers[i]) return;
        const candidate = candidates[i]!;
        const shown = sites.find((site) => site.shown)?.shown;
        const paper = outsidePaper(candidate, safeShown(shown, candidate.anchor));
        if (paper && markers.addQuiet(candidate.anchor, paper, post)) added++;
      },
      pause,
      { cancelled },
    );
    if (!done) return added;
  }
  // After the candidates, so that a heading or list row already marked keeps its one marker.
  await inSlices(
    inText.matches,
    ({ block, id, end }) => {
      const paper = papers.get(id);
      const element = blocks[block]!.element;
      const at = paper && locateInBlock(element, end);
      if (at && markers.addInText(element, at, paper)) added++;
    },
    pause,
    { cancelled },
  );
  return added;
}

/** A site's reading of a paper's title and authors; a hostile page that breaks it costs only those. */
function safeShown(shown: ((anchor: Element) => Shown | undefined) | undefined, anchor: Element) {
  try {
    return shown?.(anchor);
  } catch {
    return undefined;
  }
}

/**
 * Scans the page once, then only what is added: a MutationObserver (childList + subtree) queues
 * added subtrees, rescanned after a debounce that grows while a busy page's mutations produce no
 * markers. A new URL (pushState, popstate) clears the markers and scans the whole page again.
 */
export function startScanner(options: ScannerOptions): void {
  const { ctx, doc, markers, lookup, getPapers, report, quiet } = options;
  const findTitles: FindTitles =
    options.findTitles ?? ((texts) => send('findTitlesInText', { texts }));
  const scanText: ScanText = options.scanText ?? ((text) => send('scanPageText', { text }));
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

  async function run(): Promise<void> {
    running = true;
    try {
      const current = generation;
      const url = new URL(location.href);
      const roots: ParentNode[] = full ? [doc] : subtreeRoots([...pending]);
      full = false;
      pending.clear();
      const cancelled = () => current !== generation || !ctx.isValid;
      const added = await scanRoots(roots, url, {
        markers,
        lookup,
        getPapers,
        findTitles,
        scanText,
        pause,
        cancelled,
        quiet,
      });
      if (cancelled()) return;
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
