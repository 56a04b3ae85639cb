import { describe, expect, it } from 'vitest';
import { tabFromSearch, webHostname } from '@/lib/popup/active-tab';
import { LatestRunner, type Outcome } from '@/lib/popup/latest';
import { PAGE_STEP, nextActive } from '@/lib/popup/listbox';
import { RECENT_LIMIT, recentPapers, rememberViewed, withRecent } from '@/lib/popup/recent';
import { arxivAbsUrl, venueAndYear } from '@/lib/popup/rows';
import { resultSummary } from '@/lib/popup/summary';

describe('listbox keys', () => {
  it('moves one row per arrow and stops at the ends', () => {
    expect(nextActive(-1, 'ArrowDown', 5)).toBe(0);
    expect(nextActive(0, 'ArrowDown', 5)).toBe(1);
    expect(nextActive(4, 'ArrowDown', 5)).toBe(4);
    expect(nextActive(0, 'ArrowUp', 5)).toBe(0);
    expect(nextActive(3, 'ArrowUp', 5)).toBe(2);
  });

  it('pages by a screenful, and ignores other keys and empty lists', () => {
    expect(nextActive(0, 'PageDown', 30)).toBe(PAGE_STEP);
    expect(nextActive(28, 'PageDown', 30)).toBe(29);
    expect(nextActive(3, 'PageUp', 30)).toBe(0);
    expect(nextActive(2, 'a', 5)).toBeUndefined();
    expect(nextActive(0, 'ArrowDown', 0)).toBeUndefined();
  });
});

describe('latest query wins', () => {
  it('drops the answer of a query overtaken by a newer one, even when it arrives last', async () => {
    const runner = new LatestRunner();
    const heard: Outcome<string>[] = [];
    let finishSlow!: (v: string) => void;
    runner.run(
      () => new Promise<string>((resolve) => (finishSlow = resolve)),
      (o) => heard.push(o),
    );
    runner.run(
      async () => 'new',
      (o) => heard.push(o),
    );
    await Promise.resolve();
    finishSlow('old');
    await new Promise((r) => setTimeout(r, 0));
    expect(heard).toEqual([{ ok: true, value: 'new' }]);
  });

  it('reports a failure of the current query, and nothing after cancel', async () => {
    const runner = new LatestRunner();
    const heard: Outcome<string>[] = [];
    runner.run(
      async () => Promise.reject(new Error('index missing')),
      (o) => heard.push(o),
    );
    await new Promise((r) => setTimeout(r, 0));
    expect(heard).toEqual([{ ok: false, error: new Error('index missing') }]);
    runner.run(
      async () => 'late',
      (o) => heard.push(o),
    );
    runner.cancel();
    await new Promise((r) => setTimeout(r, 0));
    expect(heard).toHaveLength(1);
  });
});

describe('recently viewed', () => {
  it('puts the opened paper first, once, and keeps the newest ten', () => {
    expect(withRecent(['a', 'b', 'c'], 'b')).toEqual(['b', 'a', 'c']);
    const full = Array.from({ length: RECENT_LIMIT }, (_, i) => `p${i}`);
    const next = withRecent(full, 'new');
    expect(next).toHaveLength(RECENT_LIMIT);
    expect(next[0]).toBe('new');
    expect(next).not.toContain(`p${RECENT_LIMIT - 1}`);
  });

  it('stores the list, dropping junk another version left behind', async () => {
    await browser.storage.local.set({ popupRecentPapers: ['x', 42, null] });
    await rememberViewed('2312.00752');
    expect(await recentPapers.getValue()).toEqual(['2312.00752', 'x']);
  });
});

describe('tab and row helpers', () => {
  it('reads ?tab= only when it is a tab id', () => {
    expect(tabFromSearch('?tab=42')).toBe(42);
    expect(tabFromSearch('')).toBeUndefined();
    expect(tabFromSearch('?tab=-1')).toBeUndefined();
    expect(tabFromSearch('?tab=4x')).toBeUndefined();
  });

  it('gives a hostname for web pages only', () => {
    expect(webHostname('https://arxiv.org/abs/2312.00752')).toBe('arxiv.org');
    expect(webHostname('chrome://extensions')).toBeUndefined();
    expect(webHostname(null)).toBeUndefined();
    expect(webHostname('not a url')).toBeUndefined();
  });

  it('shows the venue and the year once', () => {
    expect(venueAndYear({ venue: 'NeurIPS', year: 2023 })).toBe('NeurIPS · 2023');
    expect(venueAndYear({ venue: 'ICML 2025', year: 2024 })).toBe('ICML 2025');
    expect(venueAndYear({ year: 2021 })).toBe('2021');
    expect(venueAndYear({})).toBe('');
  });

  it('links arXiv ids to arXiv and nothing else', () => {
    expect(arxivAbsUrl('2312.00752')).toBe('https://arxiv.org/abs/2312.00752');
    expect(arxivAbsUrl('hep-th/9901001')).toBe('https://arxiv.org/abs/hep-th/9901001');
    expect(arxivAbsUrl('t-1x2y3z')).toBeUndefined();
  });
});

describe('result summary', () => {
  it('counts what matches, never less than what is shown', () => {
    expect(resultSummary(1, 1, false, 'en')).toBe('1 paper');
    expect(resultSummary(1234, 50, false, 'en')).toBe('1,234 papers, top 50 shown');
    expect(resultSummary(3, 7, false, 'en')).toBe('7 papers');
    expect(resultSummary(1, 1, true, 'en')).toBe('Exact match');
    expect(resultSummary(0, 0, true, 'en')).toBe('0 papers');
    // Issue 16: papers with only some of the words are counted as the closest, not as matches.
    expect(resultSummary(10, 10, false, 'en', 10)).toBe('10 closest');
    expect(resultSummary(3, 22, false, 'en', 19)).toBe('3 papers');
    expect(resultSummary(1, 5, false, 'en', 4)).toBe('1 paper');
  });
});
