import type { CatalogDb } from '../db/catalog-db';
import { getPapers } from '../db/lookup';
import type { Handlers } from '../messaging/register';
import { userDb, type UserDb } from '../reading-list/db';
import { restoreDeleted } from '../reading-list/deleted';
import { deleteEntries, saveEntry, savedIds } from '../reading-list/entries';
import { snapshotFromPaper, snapshotFromSeen } from '../reading-list/snapshot';
import { savePageOfTab } from './page-paper';
import { isExtensionPage } from './tab-papers';

type ReadingListHandlers = Pick<
  Handlers,
  'savePaper' | 'removePaper' | 'restoreDeletedEntries' | 'getSavedState' | 'savePagePaper'
>;

/**
 * The reading list's messages. Content scripts never open the user database: they ask here, and
 * saved state travels only in answers to the script that asked, never onto the page.
 */
export function createReadingListHandlers(
  catalog: CatalogDb,
  user: () => UserDb = userDb,
): ReadingListHandlers {
  return {
    savePaper: async ({ id, page }) => {
      const [paper] = await getPapers(catalog, [id]);
      // A paper the catalog lacks is saved from what its page shows (filled in later from a
      // catalog that brings it: lib/reading-list/catalog-fill.ts).
      if (!paper && page) {
        return saveEntry(user(), { id, inCatalog: false, snapshot: snapshotFromSeen(page, id) });
      }
      if (!paper) throw new Error(`Paper ${id} is not in the catalog.`);
      return saveEntry(user(), {
        id: paper.id,
        inCatalog: true,
        snapshot: snapshotFromPaper(paper),
      });
    },
    removePaper: async ({ id }) => (await deleteEntries(user(), [id]))[0] ?? null,
    restoreDeletedEntries: async ({ ids }, sender) => {
      // A content script (the card's Undo, in a tab) or a PaperPeek page; nothing else.
      const fromTab = sender.tab?.id !== undefined && sender.tab.id >= 0;
      if (!fromTab && !isExtensionPage(sender, browser.runtime.getURL('/'))) {
        throw new Error('restoreDeletedEntries is for PaperPeek only');
      }
      return { restored: (await restoreDeleted(user(), ids)).length };
    },
    getSavedState: async ({ ids }) => [...(await savedIds(user(), ids))],
    savePagePaper: async ({ tabId }, sender) => {
      // A content script must not make the extension read (and save from) another tab.
      if (!isExtensionPage(sender, browser.runtime.getURL('/'))) {
        throw new Error('savePagePaper is for PaperPeek pages only');
      }
      const tab = await browser.tabs.get(tabId).catch(() => undefined);
      if (!tab) throw new Error('That tab is gone.');
      return savePageOfTab(catalog, user(), tab);
    },
  };
}
