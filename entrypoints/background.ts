import { createCatalogService } from '@/lib/background/catalog-service';
import { acceptContentPorts } from '@/lib/background/content-port';
import { watchTabsForBadge } from '@/lib/background/badge';
import { watchCommands } from '@/lib/background/commands';
import { syncService } from '@/lib/background/sync-handlers';
import { watchSync } from '@/lib/background/sync-watch';
import { createHandlers } from '@/lib/background/handlers';
import { createDigest } from '@/lib/background/digest';
import { FEED_ALARM, createFeedService } from '@/lib/background/feed-service';
import { areaPaceStore } from '@/lib/feeds/pace';
import { BUNDLED_CATALOG_PATH, ensureBundledCatalog, openWelcome } from '@/lib/background/install';
import { watchTabPapers } from '@/lib/background/tab-papers';
import { catalogDb } from '@/lib/db/catalog-db';
import { lookupPaper } from '@/lib/db/lookup';
import { registerHandlers } from '@/lib/messaging/register';
import { rebuildSearchIndex } from '@/lib/search/rebuild';
import { userDb } from '@/lib/reading-list/db';
import { fillSavedFromCatalog } from '@/lib/background/saved-fill';

// Every listener is registered synchronously here: MV3 drops events that arrive before one exists.
export default defineBackground(() => {
  const db = catalogDb();
  // Saved papers the catalog lacked get what a load or a feed update brings for them.
  const fillSaved = () => fillSavedFromCatalog(db, userDb());
  const catalog = createCatalogService(db, {
    keepAlive: () => browser.runtime.getPlatformInfo(),
    onLoaded: fillSaved,
  });
  const bundledUrl = browser.runtime.getURL(BUNDLED_CATALOG_PATH as '/');
  const digest = createDigest({
    db,
    user: userDb,
    notifications: browser.notifications,
    openTab: (url) => browser.tabs.create({ url }),
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    buttons: import.meta.env.BROWSER !== 'firefox',
  });
  browser.notifications.onClicked.addListener((id) => void digest.clicked(id));
  browser.notifications.onButtonClicked?.addListener(
    (id, button) => void digest.buttonClicked(id, button),
  );
  const feeds = createFeedService({
    db,
    catalog,
    keepAlive: () => browser.runtime.getPlatformInfo(),
    paceStore: areaPaceStore(browser.storage.session),
    alarms: browser.alarms,
    digest,
    onPapers: fillSaved,
  });
  registerHandlers(
    createHandlers(db, catalog, () => feeds),
    browser.runtime.id,
  );
  acceptContentPorts();
  watchTabsForBadge(async (id) => (await lookupPaper(db, id)) !== null);
  watchTabPapers(async (id) => (await lookupPaper(db, id)) !== null);
  watchCommands(db, userDb);
  watchSync(syncService());
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install' || reason === 'update') void ensureBundledCatalog(catalog, bundledUrl);
    void openWelcome(reason);
  });
  browser.runtime.onStartup.addListener(() => void ensureBundledCatalog(catalog, bundledUrl));
  // A catalog installed before the popup's search index existed gets one (resumes on next start).
  const rebuildSearch = () =>
    void rebuildSearchIndex(db).catch((e: unknown) => console.error('PaperPeek: search index', e));
  browser.runtime.onInstalled.addListener(rebuildSearch);
  browser.runtime.onStartup.addListener(rebuildSearch);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === FEED_ALARM) void feeds.runDue();
  });
  // Whatever woke the worker, a load or a feed update that a stopped worker left half done
  // carries on (the feed service waits for the catalog load).
  void catalog.resume();
  void feeds.resume().catch((e: unknown) => console.error('PaperPeek: feeds', e));
});
