import type { ExtensionMessage } from '@webext-core/messaging';
import { storage } from 'wxt/utils/storage';
import { pdfPaperId, type HasPaper } from './badge';

type Sender = ExtensionMessage['sender'];

/** The catalog papers a tab shows, for the popup's "This page" list. */
export interface TabPapers {
  /** Distinct catalog ids, in the order the page reported them. */
  ids: string[];
  /** The page they were found on (its hostname drives the popup's per-site switch). */
  url: string | null;
}

/** A page with more papers than this is a listing; the popup shows the first ones. */
export const MAX_TAB_PAPERS = 2000;

const NONE: TabPapers = { ids: [], url: null };

// storage.session: it outlives a stopped worker but not the browser session, as tab ids do, and
// content scripts cannot read it (its default access level is trusted contexts only).
const keyOf = (tabId: number) => `session:tabPapers.${tabId}` as const;

/**
 * A content script's list of its page's papers. As for the badge, the tab comes from the sender,
 * never from the payload, and only the top frame speaks for the tab.
 */
export async function rememberPagePapers(ids: readonly string[], sender: Sender): Promise<void> {
  const tabId = sender.tab?.id;
  if (tabId === undefined || tabId < 0) throw new Error('reportPagePapers must come from a tab');
  if (sender.frameId !== undefined && sender.frameId !== 0) return;
  const distinct = [...new Set(ids)].slice(0, MAX_TAB_PAPERS);
  await storage.setItem<TabPapers>(keyOf(tabId), {
    ids: distinct,
    url: sender.url ?? sender.tab?.url ?? null,
  });
}

/** What the tab reported last; nothing for a tab that never did or has since navigated. */
export async function tabPapers(tabId: number): Promise<TabPapers> {
  return (await storage.getItem<TabPapers>(keyOf(tabId))) ?? NONE;
}

/**
 * Only the extension's own pages may ask which papers a tab shows: a content script could
 * otherwise learn what another tab is reading.
 */
export function isExtensionPage(sender: Sender, extensionOrigin: string): boolean {
  return !!sender.url && sender.url.startsWith(extensionOrigin);
}

/**
 * Forgets a tab's papers when it starts loading a new page (its content script reports again) or
 * closes, and lists a PDF tab's paper from its URL: Chrome's PDF viewer runs no content script.
 * Registered synchronously from the background's main.
 */
export function watchTabPapers(hasPaper: HasPaper): void {
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status !== 'loading') return;
    void (async () => {
      await storage.removeItem(keyOf(tabId));
      const url = change.url ?? tab.url ?? '';
      const id = pdfPaperId(url);
      if (id && (await hasPaper(id)))
        await storage.setItem<TabPapers>(keyOf(tabId), { ids: [id], url });
    })().catch((error: unknown) => console.warn('PaperPeek: tab papers', error));
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    void storage.removeItem(keyOf(tabId)).catch(() => undefined);
  });
}
