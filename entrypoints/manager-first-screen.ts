import { FIRST_SCREEN, readNewestRaw, USER_DB_NAME } from '@/lib/reading-list/newest-raw';

/**
 * A classic script in the manager's `<head>` (`/manager-first-screen.js`): it starts reading the
 * newest entries as soon as the page begins to parse, while the manager's modules (React, Dexie)
 * are still being fetched and compiled; the manager takes the result (components/manager/
 * first-screen.ts) instead of opening the database only once its modules have run.
 */
export default defineUnlistedScript(() => {
  const read = readNewestRaw(indexedDB, USER_DB_NAME, FIRST_SCREEN);
  // Taken (and any failure shown) by the manager; handled here so an early failure is not
  // reported as unhandled before the manager asks.
  read.catch(() => {});
  window.paperpeekFirstScreen = read;
});
