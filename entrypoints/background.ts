import { createCatalogService } from '@/lib/background/catalog-service';
import { watchTabsForBadge } from '@/lib/background/badge';
import { createHandlers } from '@/lib/background/handlers';
import { BUNDLED_CATALOG_PATH, ensureBundledCatalog } from '@/lib/background/install';
import { catalogDb } from '@/lib/db/catalog-db';
import { lookupPaper } from '@/lib/db/lookup';
import { registerHandlers } from '@/lib/messaging/register';

// Every listener is registered synchronously here: MV3 drops events that arrive before one exists.
export default defineBackground(() => {
  const db = catalogDb();
  const catalog = createCatalogService(db, { keepAlive: () => browser.runtime.getPlatformInfo() });
  const bundledUrl = browser.runtime.getURL(BUNDLED_CATALOG_PATH as '/');
  registerHandlers(createHandlers(db, catalog), browser.runtime.id);
  watchTabsForBadge(async (id) => (await lookupPaper(db, id)) !== null);
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install' || reason === 'update') void ensureBundledCatalog(catalog, bundledUrl);
  });
  browser.runtime.onStartup.addListener(() => void ensureBundledCatalog(catalog, bundledUrl));
  // Whatever woke the worker, a load that a stopped worker left half done carries on.
  void catalog.resume();
});
