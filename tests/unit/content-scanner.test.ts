// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { MarkerLayer } from '@/lib/content/markers';
import { MAX_DEBOUNCE_MS, startScanner } from '@/lib/content/scanner';
import { SEP } from '@/lib/detect/page-text';
import { stubPaper as paper } from './catalog-fixture';

/**
 * The scanner's schedule on a busy page: added content is rescanned after a debounce that grows
 * while rescans find nothing, and shrinks again once they do. Timers are faked; the page,
 * MutationObserver and markers are happy-dom's.
 */

/** The few ContentScriptContext members the scanner uses, on the test's (fake) timers. */
function context(): ContentScriptContext {
  return {
    isValid: true,
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms) as unknown as number,
    requestIdleCallback: (fn: () => void) => setTimeout(fn, 0) as unknown as number,
    addEventListener: (target: EventTarget, type: string, fn: () => void) =>
      target.addEventListener(type, fn),
    onInvalidated: () => () => undefined,
  } as unknown as ContentScriptContext;
}

beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = '<main><p>Nothing to see here on this quiet page today.</p></main>';
});
afterEach(() => vi.useRealTimers());

describe('the scanner on a busy page', () => {
  it('rescans added content less and less often while it holds no paper', async () => {
    // What each scan sent: its text, node by node.
    const sent: string[][] = [];
    const markers = new MarkerLayer(document);
    startScanner({
      ctx: context(),
      doc: document,
      markers,
      lookup: async (queries) =>
        queries.map((q) => (q === '2312.00752' ? { id: q, matchedBy: 'arxiv' as const } : null)),
      getPapers: async (ids) => ids.map(paper),
      findTitles: async (batch) => ({ titles: batch.map(() => []) }),
      scanText: async (text) => {
        sent.push(text.split(SEP));
        return { heads: [], ids: [] };
      },
      report: () => undefined,
    });
    await vi.advanceTimersByTimeAsync(100);
    const initial = sent.length;
    expect(initial).toBe(1);
    expect(sent[0]!.some((t) => t.includes('quiet page'))).toBe(true);
    // A ticker adds a line every 100 ms for 30 s: 300 mutations.
    for (let i = 0; i < 300; i++) {
      const line = document.createElement('div');
      line.textContent = `tick ${i}: the feed is still running, nothing new`;
      document.querySelector('main')!.append(line);
      await vi.advanceTimersByTimeAsync(100);
    }
    const rescans = sent.length - initial;
    // 150, 300, 600 ... ms between rescans, then one every MAX_DEBOUNCE_MS: about ten, not 300.
    expect(rescans).toBeGreaterThanOrEqual(5);
    expect(rescans).toBeLessThanOrEqual(Math.ceil(30_000 / MAX_DEBOUNCE_MS) + 6);
    // Each rescan read only the lines added since the one before, never the whole page again.
    const later = sent.slice(initial).flat();
    expect(new Set(later).size).toBe(later.length);
    // All but the lines of the last few seconds, still waiting for the next rescan.
    expect(later.length).toBeGreaterThan(300 - MAX_DEBOUNCE_MS / 100);
    expect(later.some((t) => t.includes('quiet page'))).toBe(false);

    // A paper shows up: it is marked within one (backed-off) debounce.
    const link = document.createElement('p');
    link.innerHTML = 'New: <a href="https://arxiv.org/abs/2312.00752">the paper</a>';
    document.querySelector('main')!.append(link);
    await vi.advanceTimersByTimeAsync(MAX_DEBOUNCE_MS + 100);
    expect(markers.paperCount()).toBe(1);
    expect(link.querySelector('[data-paperpeek="marker"]')?.getAttribute('data-paper-id')).toBe(
      '2312.00752',
    );
  });
});
