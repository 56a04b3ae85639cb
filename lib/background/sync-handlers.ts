import type { Handlers } from '../messaging/register';
import { createSyncService, type SyncService } from './sync-service';
import { isExtensionPage } from './tab-papers';

let shared: SyncService | undefined;

/** The background's one sync service (created on first use). */
export function syncService(): SyncService {
  shared ??= createSyncService();
  return shared;
}

type SyncHandlers = Pick<Handlers, 'syncNow' | 'getSyncStatus' | 'syncSoon'>;

/** Sync's messages. Only PaperPeek's own pages may start a sync or read its status. */
export function createSyncHandlers(sync: () => SyncService = syncService): SyncHandlers {
  const ownPage = (name: string, sender: Parameters<typeof isExtensionPage>[0]) => {
    if (!isExtensionPage(sender, browser.runtime.getURL('/'))) {
      throw new Error(`${name} is for PaperPeek pages only`);
    }
  };
  return {
    syncNow: async (input, sender) => {
      ownPage('syncNow', sender);
      return sync().syncNow({ confirmDeletions: input?.confirmDeletions ?? false });
    },
    getSyncStatus: async (_input, sender) => {
      ownPage('getSyncStatus', sender);
      return sync().status();
    },
    // Any PaperPeek context may ask (a page that just wrote to the reading list): it only schedules.
    syncSoon: async () => {
      sync().syncSoon();
      return null;
    },
  };
}
