import type { Page } from '@playwright/test';

/** The extension's storage and reading-list database as seen from one of its pages. */

export interface Row {
  id: string;
  note: string;
  tags: string[];
  clock: Record<string, string>;
}

export const storageSet = (page: Page, items: object) =>
  page.evaluate(
    (v) =>
      (
        globalThis as unknown as {
          chrome: { storage: { local: { set(v: object): Promise<void> } } };
        }
      ).chrome.storage.local.set(v),
    items,
  );

/** The reading list as stored, read straight from the extension's database. */
export function rows(page: Page): Promise<Row[]> {
  return page.evaluate(
    () =>
      new Promise<Row[]>((resolve, reject) => {
        const open = indexedDB.open('paperpeek-user');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('entries').objectStore('entries').getAll();
          all.onsuccess = () => {
            open.result.close();
            resolve(
              (all.result as Row[])
                .map(({ id, note, tags, clock }) => ({ id, note, tags, clock }))
                .sort((a, b) => a.id.localeCompare(b.id)),
            );
          };
        };
      }),
  );
}

/** A note and tags as the manager would store them (fixture set-up, not under test). */
export function editRow(page: Page, id: string, note: string, tags: string[]) {
  return page.evaluate(
    ({ id, note, tags }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('paperpeek-user');
        open.onsuccess = () => {
          const store = open.result.transaction('entries', 'readwrite').objectStore('entries');
          const get = store.get(id);
          get.onsuccess = () => {
            const put = store.put({ ...get.result, note, tags });
            put.onsuccess = () => (open.result.close(), resolve());
            put.onerror = () => reject(put.error);
          };
        };
      }),
    { id, note, tags },
  );
}
