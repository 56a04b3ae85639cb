/**
 * The tab the popup speaks about. A real popup asks for the active tab of its window. Opened as a
 * page (end-to-end tests, a popup detached into a tab), "active tab" would be the popup itself, so
 * `popup.html?tab=ID` names the tab explicitly; it is read only when present.
 */

export interface PageTab {
  id: number;
  /** Known when the browser reveals it to the extension (pages it may run on). */
  url?: string;
}

export function tabFromSearch(search: string): number | undefined {
  const raw = new URLSearchParams(search).get('tab');
  if (raw === null || !/^\d{1,10}$/.test(raw)) return undefined;
  return Number(raw);
}

export async function activeTab(search = location.search): Promise<PageTab | null> {
  const named = tabFromSearch(search);
  if (named !== undefined) {
    try {
      const tab = await browser.tabs.get(named);
      return { id: named, url: tab.url };
    } catch {
      return null;
    }
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id === undefined ? null : { id: tab.id, url: tab.url };
}

/** The hostname of an http(s) page; undefined for the browser's own pages, files and PDFs' viewer. */
export function webHostname(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:'
      ? parsed.hostname
      : undefined;
  } catch {
    return undefined;
  }
}
