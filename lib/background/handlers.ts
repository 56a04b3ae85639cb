import type { CatalogDb } from '../db/catalog-db';
import { getCatalogStatus } from '../db/catalog-status';
import { getPapers, lookupCandidates, lookupPaper } from '../db/lookup';
import type { Handlers } from '../messaging/register';
import { setPageBadge } from './badge';
import type { CatalogService } from './catalog-service';

/** The background's answers to the message contract (protocol.ts). */
export function createHandlers(db: CatalogDb, service: CatalogService): Handlers {
  return {
    lookupPaper: ({ query }) => lookupPaper(db, query),
    lookupCandidates: ({ candidates }) => lookupCandidates(db, candidates),
    getPapers: ({ ids }) => getPapers(db, ids),
    getCatalogStatus: () => getCatalogStatus(db),
    reportPagePapers: ({ count }, sender) => setPageBadge(count, sender),
    // Answers once the load is under way or has failed; the status then shows progress or
    // lastError. Only a load refused outright (another one running) is an error answer.
    loadCatalogFile: async ({ fileId }) => {
      await service.load({ kind: 'file', fileId });
      return getCatalogStatus(db);
    },
  };
}
