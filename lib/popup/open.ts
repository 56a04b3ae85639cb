import { send } from '../messaging/messenger';
import { arxivAbsUrl } from './rows';

/** Opens a web page in a new tab next to the current one. */
export async function openTab(url: string): Promise<void> {
  await browser.tabs.create({ url });
}

/**
 * Opens a paper's arXiv page (Ctrl/Cmd+Enter): straight from an arXiv id, else the catalog's
 * abstract link. Returns false when the paper has no such page.
 */
export async function openPaperPage(id: string): Promise<boolean> {
  let url = arxivAbsUrl(id);
  if (!url) {
    const [paper] = await send('getPapers', { ids: [id] });
    url = paper?.links.abs;
  }
  if (!url) return false;
  await openTab(url);
  return true;
}
