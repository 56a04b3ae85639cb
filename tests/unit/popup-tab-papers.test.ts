import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  MAX_TAB_PAPERS,
  isExtensionPage,
  rememberPagePapers,
  tabPapers,
  watchTabPapers,
} from '@/lib/background/tab-papers';
import { handleMessage, type Handlers } from '@/lib/messaging/register';

const OWN = fakeBrowser.runtime.id;
const page = (tabId: number, url = 'https://arxiv.org/list/cs.LG/new') => ({
  id: OWN,
  url,
  frameId: 0,
  tab: { id: tabId, url } as Browser.tabs.Tab,
});

/** Lets the listeners' async work settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('papers per tab', () => {
  it('keeps each tab its own distinct ids, in page order, with the page URL', async () => {
    await rememberPagePapers(['2312.00752', '2305.18403', '2312.00752'], page(3));
    await rememberPagePapers(['2111.00396'], page(4, 'https://example.org/blog'));
    expect(await tabPapers(3)).toEqual({
      ids: ['2312.00752', '2305.18403'],
      url: 'https://arxiv.org/list/cs.LG/new',
    });
    expect((await tabPapers(4)).ids).toEqual(['2111.00396']);
    expect(await tabPapers(5)).toEqual({ ids: [], url: null });
  });

  it('bounds a huge listing', async () => {
    const ids = Array.from({ length: MAX_TAB_PAPERS + 50 }, (_, i) => `t-${i}`);
    await rememberPagePapers(ids, page(3));
    expect((await tabPapers(3)).ids).toHaveLength(MAX_TAB_PAPERS);
  });

  it('refuses a report from outside a tab and ignores sub-frames', async () => {
    await expect(rememberPagePapers(['2312.00752'], { id: OWN })).rejects.toThrow(/from a tab/);
    await rememberPagePapers(['2312.00752'], { ...page(3), frameId: 2 });
    expect((await tabPapers(3)).ids).toEqual([]);
  });

  it('answers extension pages only', () => {
    const origin = `chrome-extension://${OWN}/`;
    expect(isExtensionPage({ id: OWN, url: `${origin}popup.html` }, origin)).toBe(true);
    expect(isExtensionPage(page(3), origin)).toBe(false);
    expect(isExtensionPage({ id: OWN }, origin)).toBe(false);
  });

  it('forgets a tab that navigates or closes, and lists a PDF tab from its URL', async () => {
    const hasPaper = vi.fn(async (id: string) => id === '2312.00752');
    watchTabPapers(hasPaper);
    await rememberPagePapers(['2305.18403'], page(3));
    await rememberPagePapers(['2305.18403'], page(4));

    const pdf = 'https://arxiv.org/pdf/2312.00752v2';
    await fakeBrowser.tabs.onUpdated.trigger(3, { status: 'loading', url: pdf }, {
      id: 3,
      url: pdf,
    } as Browser.tabs.Tab);
    await settle();
    expect(await tabPapers(3)).toEqual({ ids: ['2312.00752'], url: pdf });

    // A PDF the catalog does not know lists nothing.
    const other = 'https://arxiv.org/pdf/2401.00001';
    await fakeBrowser.tabs.onUpdated.trigger(3, { status: 'loading', url: other }, {
      id: 3,
      url: other,
    } as Browser.tabs.Tab);
    await settle();
    expect((await tabPapers(3)).ids).toEqual([]);

    await fakeBrowser.tabs.onRemoved.trigger(4, { windowId: 1, isWindowClosing: false });
    await settle();
    expect((await tabPapers(4)).ids).toEqual([]);
  });

  it('rejects a malformed request before any handler runs', async () => {
    const getTabPapers = vi.fn();
    const handlers = { getTabPapers } as unknown as Handlers;
    const sender = { id: OWN, url: `chrome-extension://${OWN}/popup.html` };
    for (const data of [{ tabId: -1 }, { tabId: 'x' }, {}]) {
      expect(await handleMessage('getTabPapers', data, sender, handlers, OWN)).toEqual({
        ok: false,
        error: 'Malformed getTabPapers request',
      });
    }
    expect(getTabPapers).not.toHaveBeenCalled();
  });
});
