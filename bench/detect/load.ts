import { readFileSync } from 'node:fs';
import type { BrowserContext } from '@playwright/test';
import type { ObservedLongTask } from './browsers';
import { startTrace, stopTrace, summarizeTrace, type TaskSummary } from './trace';

export interface LoadResult {
  trace: TaskSummary;
  longTasks: ObservedLongTask[];
  /** Expected rows that carry a marker for their paper; markers anywhere else. */
  marked: number;
  wrong: number;
  expected: number;
  /** Without the extension: reading the page's text once from a fresh isolated world (FLOOR). */
  floorMs?: number;
}

/**
 * The least any content script that looks at a page's whole text pays: every text node's data
 * read once with a native TreeWalker from an isolated world (fresh wrappers, as a content script
 * has) and joined into one string, then serialized once for a message. Timed in the page with
 * performance.now(), without a trace running.
 */
const FLOOR = `(() => {
  const start = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.data);
  JSON.stringify({ text: parts.join('\\ue000') });
  return performance.now() - start;
})()`;

/**
 * Names a content-script frame for the profile table. The build is minified, so a frame is its
 * (mangled) name plus the source text where it starts, which is enough to find it in lib/.
 */
export function frameLabeller(contentScript: string) {
  const source = readFileSync(contentScript, 'utf8').split('\n');
  return (frame: {
    functionName: string;
    url?: string;
    lineNumber?: number;
    columnNumber?: number;
  }) => {
    const line = source[frame.lineNumber ?? 0] ?? '';
    const at = frame.columnNumber ?? 0;
    const snippet = line.slice(at, at + 70).replace(/\s+/g, ' ');
    return `${frame.functionName || '(anonymous)'} «${snippet}»`;
  };
}

/** Loads `url` in a fresh tab under a trace that runs until `settleMs` after the load event. */
export async function loadOnce(
  context: BrowserContext,
  url: string,
  options: {
    settleMs: number;
    prefix: string;
    expected: readonly { row: number; arxivId: string }[];
    label: Parameters<typeof summarizeTrace>[3];
    /** Also time FLOOR (in the browser without the extension). */
    floor?: boolean;
  },
): Promise<LoadResult> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await startTrace(cdp);
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    await page.waitForTimeout(options.settleMs);
    const events = await stopTrace(cdp);
    const trace = summarizeTrace(events, url, options.prefix, options.label);
    // Read only after the trace: these checks are the bench's work, not the page's.
    const longTasks = await page.evaluate(() => window.detectBenchLongTasks ?? []);
    const { marked, wrong } = await page.evaluate((expected) => {
      const byRow = new Map(expected.map((e) => [`row-${e.row}`, e.arxivId]));
      const marked = new Set<string>();
      let wrong = 0;
      for (const marker of document.querySelectorAll<HTMLElement>('[data-paperpeek="marker"]')) {
        const row = marker.closest('dd')?.previousElementSibling?.id;
        if (row && byRow.get(row) === marker.dataset.paperId) marked.add(row);
        else wrong++;
      }
      return { marked: marked.size, wrong };
    }, options.expected);
    let floorMs: number | undefined;
    if (options.floor) {
      const { frameTree } = await cdp.send('Page.getFrameTree');
      const world = await cdp.send('Page.createIsolatedWorld', {
        frameId: frameTree.frame.id,
        worldName: 'detect-bench-floor',
      });
      const timed = await cdp.send('Runtime.evaluate', {
        expression: FLOOR,
        contextId: world.executionContextId,
        returnByValue: true,
      });
      floorMs = timed.result.value as number;
    }
    return { trace, longTasks, marked, wrong, expected: options.expected.length, floorMs };
  } finally {
    await page.close();
  }
}
