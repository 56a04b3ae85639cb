import { expect, test } from './fixtures';
import { send } from './messages';

/**
 * Browser sync with a reading list far larger than storage.sync's 100 KB: the newest papers
 * that fit are synced, the user is told plainly (options page), and no paper is lost here.
 */

const COUNT = 3000;

test('a list too large for browser sync: partial sync, a plain message, nothing lost', async ({
  context,
  extensionId,
}) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  // The background opens (and so creates) the reading-list database on first use.
  await send(page, 'getSavedState', { ids: [] });
  await page.evaluate(async (count) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('paperpeek-user');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction('entries', 'readwrite');
    for (let i = 0; i < count; i++) {
      const at = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
      const clock = `${(Date.UTC(2025, 0, 1) + i * 60_000).toString(36).padStart(11, '0')}-0000-seeddevice`;
      const noise = Math.imul(i + 1, 2654435761).toString(36);
      tx.objectStore('entries').put({
        id: `2501.${String(i).padStart(5, '0')}`,
        inCatalog: false,
        snapshot: {
          title: `A study ${noise} of topic ${i}`,
          authors: [`Author ${noise}`],
          year: 2025,
        },
        status: 'to-read',
        tags: [`t${i % 17}`],
        note: `note ${noise}`,
        addedAt: at,
        updatedAt: at,
        readAt: null,
        clock: Object.fromEntries(
          ['added', 'snapshot', 'status', 'tags', 'note', 'readAt'].map((k) => [k, clock]),
        ),
      });
    }
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
  }, COUNT);

  const status = await send(page, 'syncNow', {});
  const browserSync = status.remotes.find((r) => r.kind === 'storage-sync')!;
  expect(browserSync.error).toBeNull();
  const { synced, total } = browserSync.overQuota!;
  expect(total).toBe(COUNT);
  expect(synced).toBeGreaterThan(100);
  expect(synced).toBeLessThan(COUNT);

  // What the browser holds is within its quota; the list here is whole.
  const bytes = await page.evaluate(() =>
    (
      globalThis as unknown as {
        chrome: { storage: { sync: { getBytesInUse(k: null): Promise<number> } } };
      }
    ).chrome.storage.sync.getBytesInUse(null),
  );
  expect(bytes).toBeLessThanOrEqual(102_400);
  const localCount = () =>
    page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open('paperpeek-user');
          open.onsuccess = () => {
            const c = open.result.transaction('entries').objectStore('entries').count();
            c.onsuccess = () => resolve(c.result);
          };
        }),
    );
  expect(await localCount()).toBe(COUNT);
  // A second sync changes nothing and sends nothing.
  const again = (await send(page, 'syncNow', {})).remotes.find((r) => r.kind === 'storage-sync')!;
  expect(again.lastBytesSent).toBe(0);
  expect(await localCount()).toBe(COUNT);

  await page.reload();
  await expect(page.getByTestId('sync-over-quota')).toHaveText(
    `${synced.toLocaleString('en')} of 3,000 papers sync through the browser; set up WebDAV to sync all.`,
  );
  // A bad WebDAV address gets a clear message and nothing is stored.
  const section = page.getByTestId('sync-settings');
  await section.getByLabel('Folder address').fill('ftp://files.example.org/');
  await section.getByLabel('User name').fill('me');
  await section.getByLabel('App password').fill('secret');
  await section.getByRole('button', { name: 'Test connection' }).click();
  await expect(section.getByRole('status')).toHaveText(
    'The WebDAV address must start with https:// (or http://).',
  );
  await section.getByRole('button', { name: 'Save and sync' }).click();
  expect(
    await page.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
        }
      ).chrome.storage.local.get('syncWebdav'),
    ),
  ).toEqual({});

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page
      .getByTestId('sync-settings')
      .screenshot({ path: `test-results/sync-settings-${colorScheme}.png` });
  }
});
