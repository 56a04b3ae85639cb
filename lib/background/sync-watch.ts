import Dexie from 'dexie';
import { USER_DB_NAME } from '../reading-list/db';
import { disabledSites, hoverDelayMs, markersEnabled } from '../settings';
import { isOurKey } from '../sync/sync-quota';
import { storageSyncEnabled, webdavConfig } from '../sync/sync-items';
import { PERIODIC_ALARM, PERIOD_MINUTES, RETRY_ALARM, type SyncService } from './sync-service';

/**
 * The triggers of sync, registered synchronously from the background's main: a reading-list or
 * settings change here (debounced), another device's write arriving in storage.sync, the
 * periodic and retry alarms, and browser start. A sync's own writes trigger one more sync, which
 * finds nothing to do and writes nothing, so this settles.
 */
export function watchSync(sync: SyncService): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === PERIODIC_ALARM || alarm.name === RETRY_ALARM) void sync.syncNow();
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync' && Object.keys(changes).some(isOurKey)) sync.syncSoon();
  });
  // Dexie tells every context of this origin (pages through BroadcastChannel, and this worker)
  // when the reading list changes; the worker hears it while it is running.
  Dexie.on('storagemutated', (parts) => {
    const prefix = `idb://${USER_DB_NAME}/`;
    if (
      Object.keys(parts).some(
        (k) => k.startsWith(`${prefix}entries/`) || k.startsWith(`${prefix}tombstones/`),
      )
    ) {
      sync.syncSoon();
    }
  });
  for (const item of [disabledSites, hoverDelayMs, markersEnabled]) {
    (item as { watch(cb: () => void): void }).watch(() => sync.syncSoon());
  }
  for (const item of [storageSyncEnabled, webdavConfig]) {
    (item as { watch(cb: () => void): void }).watch(() => sync.syncSoon());
  }
  browser.runtime.onStartup.addListener(() => sync.syncSoon());
  // Alarms survive worker restarts; creating one again would restart its period every time.
  void browser.alarms.get(PERIODIC_ALARM).then((alarm) => {
    if (!alarm)
      void browser.alarms.create(PERIODIC_ALARM, {
        periodInMinutes: PERIOD_MINUTES,
        delayInMinutes: 1,
      });
  });
}
