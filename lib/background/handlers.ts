import type { CatalogDb } from '../db/catalog-db';
import { getCatalogStatus } from '../db/catalog-status';
import {
  findTitlesInText,
  getPapers,
  lookupCandidates,
  lookupPaper,
  scanPageText,
} from '../db/lookup';
import { relatedPapers } from '../db/related-papers';
import type { Handlers } from '../messaging/register';
import { setPageBadge } from './badge';
import type { CatalogService } from './catalog-service';
import { createReadingListHandlers } from './reading-list-handlers';
import { createSyncHandlers } from './sync-handlers';
import { createFeedHandlers } from './feed-handlers';
import type { FeedService } from './feed-service';
import { isExtensionPage, rememberPagePapers, tabPapers } from './tab-papers';

/** The background's answers to the message contract (protocol.ts). */
export function createHandlers(
  db: CatalogDb,
  service: CatalogService,
  feeds: () => FeedService,
): Handlers {
  return {
    lookupPaper: ({ query }) => lookupPaper(db, query),
    lookupCandidates: ({ candidates }) => lookupCandidates(db, candidates),
    findTitlesInText: ({ texts }) => findTitlesInText(db, texts),
    scanPageText: ({ text }) => scanPageText(db, text),
    getPapers: ({ ids }) => getPapers(db, ids),
    getRelated: ({ id, k }) => relatedPapers(db, id, k),
    getCatalogStatus: () => getCatalogStatus(db),
    reportPagePapers: async ({ count, ids }, sender) => {
      await rememberPagePapers(ids ?? [], sender);
      return setPageBadge(count, sender);
    },
    getTabPapers: ({ tabId }, sender) => {
      if (!isExtensionPage(sender, browser.runtime.getURL('/'))) {
        throw new Error('getTabPapers is for PaperPeek pages only');
      }
      return tabPapers(tabId);
    },
    ...createReadingListHandlers(db),
    ...createSyncHandlers(),
    ...createFeedHandlers(feeds),
    // Answers once the load is under way or has failed; the status then shows progress or
    // lastError. Only a load refused outright (another one running) is an error answer.
    loadCatalogFile: async ({ fileId, keepFeeds }) => {
      await service.load({ kind: 'file', fileId }, keepFeeds === undefined ? {} : { keepFeeds });
      return getCatalogStatus(db);
    },
  };
}
