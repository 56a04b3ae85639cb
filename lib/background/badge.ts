import type { ExtensionMessage } from '@webext-core/messaging';
import { parseArxivId } from '../catalog/identifiers';

type Sender = ExtensionMessage['sender'];

/** How the background asks the catalog whether a paper id is in it. */
export type HasPaper = (arxivId: string) => Promise<boolean>;

/** Badge text for a count of papers: nothing for none, capped so it fits the toolbar icon. */
export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}

/**
 * A content script's count for its own tab. Only a message from a tab may set a tab's badge:
 * the tab id comes from the sender, never from the payload, so no page can draw on another tab.
 */
export async function setPageBadge(count: number, sender: Sender): Promise<null> {
  const tabId = sender.tab?.id;
  if (tabId === undefined || tabId < 0) throw new Error('reportPagePapers must come from a tab');
  // Only the top frame speaks for the tab (the content script runs in top frames only).
  if (sender.frameId !== undefined && sender.frameId !== 0) return null;
  await browser.action.setBadgeText({ tabId, text: badgeText(count) });
  return null;
}

/**
 * Hosts whose PDF URLs name an arXiv paper. Chrome's PDF viewer runs no content script, so such a
 * tab is recognised by its URL alone. OpenReview's `/pdf?id=` names an OpenReview id, which the
 * catalog does not index (yet), so it is left out rather than guessed.
 */
const PDF_URL = /^https?:\/\/(?:(?:www\.|export\.)?arxiv\.org|(?:www\.)?alphaxiv\.org)\/pdf\//i;

export function pdfPaperId(url: string): string | undefined {
  return PDF_URL.test(url) ? parseArxivId(url) : undefined;
}

/**
 * Clears a tab's badge when it starts loading a new page (the new page's content script reports
 * again), and badges PDF tabs from their URL. Registered synchronously from the background's main.
 */
export function watchTabsForBadge(hasPaper: HasPaper): void {
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status !== 'loading') return;
    void (async () => {
      await browser.action.setBadgeText({ tabId, text: '' });
      const id = pdfPaperId(change.url ?? tab.url ?? '');
      if (id && (await hasPaper(id))) await browser.action.setBadgeText({ tabId, text: '1' });
    })().catch((error: unknown) => console.warn('PaperPeek: badge', error));
  });
}
