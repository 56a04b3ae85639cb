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
}

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
      for (const marker of document.querySelectorAll<HTMLElement>('paperpeek-marker')) {
        const row = marker.closest('dd')?.previousElementSibling?.id;
        if (row && byRow.get(row) === marker.dataset.paperId) marked.add(row);
        else wrong++;
      }
      return { marked: marked.size, wrong };
    }, options.expected);
    return { trace, longTasks, marked, wrong, expected: options.expected.length };
  } finally {
    await page.close();
  }
}
