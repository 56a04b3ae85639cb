import type { CatalogDb } from '../db/catalog-db';
import { ARXIV_ID_RE, arxivIdFromDoi, parseDoi } from '../catalog/identifiers';
import { getPapers, lookupCandidates } from '../db/lookup';
import type { Handlers } from '../messaging/register';
import { userDb, type UserDb } from '../reading-list/db';
import { restoreDeleted } from '../reading-list/deleted';
import { deleteEntries, saveEntry, savedIds } from '../reading-list/entries';
import {
  outsideEntry,
  snapshotFromPaper,
  snapshotFromSeen,
  type OutsideRef,
} from '../reading-list/snapshot';
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
    savePaper: async (input) => {
      let ref: OutsideRef;
      let id: string | undefined;
      if ('doi' in input) {
        const doi = parseDoi(input.doi);
        if (!doi) throw new Error(`${input.doi} is not a DOI.`);
        const arxivId = arxivIdFromDoi(doi);
        ref = arxivId ? { arxivId } : { doi };
        [id] = arxivId ? [arxivId] : (await lookupCandidates(catalog, [doi])).map((m) => m?.id);
      } else {
        id = input.id;
        ref = { arxivId: input.id };
      }
      const [paper] = id ? await getPapers(catalog, [id]) : [];
      if (paper) {
        return saveEntry(user(), {
          id: paper.id,
          inCatalog: true,
          snapshot: snapshotFromPaper(paper),
        });
      }
      // A paper the catalog lacks, as its page shows it (a quiet marker's card): filled in later
      // from a catalog that brings it (lib/reading-list/catalog-fill.ts).
      if ('id' in input && input.page) {
        return saveEntry(user(), {
          id: input.id,
          inCatalog: false,
          snapshot: snapshotFromSeen(input.page, input.id),
        });
      }
      // Outside the catalog: an arXiv id or a DOI names the paper well enough to keep and open.
      if ('arxivId' in ref && !ARXIV_ID_RE.test(ref.arxivId)) {
        throw new Error(`Paper ${ref.arxivId} is not in the catalog.`);
      }
      return saveEntry(user(), outsideEntry(ref));
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
