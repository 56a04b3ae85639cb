import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, extensionWorker, launchExtension, test } from './fixtures';
import { send } from './messages';
import {
  DAV_PASS,
  DAV_USER,
  startDavServer,
  startFaultProxy,
  type DavServer,
  type FaultProxy,
} from './webdav-server';

/**
 * Two browser profiles (two devices) syncing through a real WebDAV server (`rclone serve webdav`)
 * behind a small proxy that can inject 500 and 412 answers or stop the server mid-sync.
 */

const CATALOG_IDS: string[] = gunzipSync(readFileSync('public/catalog/default.ndjson.gz'))
  .toString('utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => (JSON.parse(line) as { id: string }).id);
const [P0, P1, P2, P3, P4, P5] = CATALOG_IDS as [string, string, string, string, string, string];

interface Device {
  context: BrowserContext;
  page: Page;
  ids(): Promise<string[]>;
  sync(): ReturnType<typeof syncNow>;
  close(): Promise<void>;
  offline: boolean;
}

function syncNow(page: Page) {
  return send(page, 'syncNow', {});
}

let server: DavServer;
let proxy: FaultProxy;

test.beforeEach(async () => {
  server = await startDavServer();
  proxy = await startFaultProxy(server);
});
test.afterEach(async () => {
  await proxy.close();
  await server.dispose();
});

async function openDevice(): Promise<Device> {
  const context = await launchExtension();
  const device = { offline: false } as Device;
  const davHost = new URL(proxy.url).host;
  // Registered after launchExtension's abort-all route, so it is asked first; only the local
  // WebDAV proxy is let through, and only while the device is "online".
  await context.route(
    (url) => url.host === davHost,
    (route) => (device.offline ? route.abort('internetdisconnected') : route.continue()),
  );
  const worker = await extensionWorker(context);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
  await expect
    .poll(async () => (await send(page, 'getCatalogStatus')).active?.count, { timeout: 30_000 })
    .toBeGreaterThan(0);
  await page.evaluate(
    (dav) =>
      (
        globalThis as unknown as {
          chrome: { storage: { local: { set(v: object): Promise<void> } } };
        }
      ).chrome.storage.local.set({ syncWebdav: dav, syncStorageSyncEnabled: false }),
    { url: proxy.url, username: DAV_USER, password: DAV_PASS },
  );
  return Object.assign(device, {
    context,
    page,
    ids: () =>
      page.evaluate(
        () =>
          new Promise<string[]>((resolve, reject) => {
            const open = indexedDB.open('paperpeek-user');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const db = open.result;
              if (!db.objectStoreNames.contains('entries')) return resolve([]);
              const all = db.transaction('entries').objectStore('entries').getAllKeys();
              all.onsuccess = () => resolve((all.result as string[]).sort());
            };
          }),
      ),
    sync: () => syncNow(page),
    close: () => context.close(),
  });
}

const webdavStatus = (status: Awaited<ReturnType<typeof syncNow>>) =>
  status.remotes.find((r) => r.kind === 'webdav')!;

test('two devices: concurrent saves and deletions end identical; a deletion is not resurrected', async () => {
  const [a, b] = [await openDevice(), await openDevice()];
  try {
    await send(a.page, 'savePaper', { id: P0 });
    await send(a.page, 'savePaper', { id: P1 });
    await a.sync();
    await b.sync();
    expect(await b.ids()).toEqual([P0, P1].sort());

    // Concurrent: A deletes P0 and saves P2 while B saves P3 and P4; both sync at once.
    await send(a.page, 'removePaper', { id: P0 });
    await send(a.page, 'savePaper', { id: P2 });
    await send(b.page, 'savePaper', { id: P3 });
    await send(b.page, 'savePaper', { id: P4 });
    const [sa, sb] = await Promise.all([a.sync(), b.sync()]);
    expect(webdavStatus(sa).error).toBeNull();
    expect(webdavStatus(sb).error).toBeNull();
    await a.sync();
    await b.sync();
    const expected = [P1, P2, P3, P4].sort();
    expect(await a.ids()).toEqual(expected);
    expect(await b.ids()).toEqual(expected);

    // B still syncing many times never brings P0 back to A.
    await b.sync();
    await a.sync();
    expect(await a.ids()).not.toContain(P0);

    // The options page shows when it last synced and where.
    await a.page.reload();
    await expect(a.page.locator('[data-remote="webdav"]')).toContainText(
      /WebDAV \(127\.0\.0\.1:\d+\): synced just now/,
    );
  } finally {
    await a.close();
    await b.close();
  }
});

test('an offline device catches up, and its offline edits reach the other', async () => {
  const [a, b] = [await openDevice(), await openDevice()];
  try {
    await send(a.page, 'savePaper', { id: P0 });
    await a.sync();
    await b.sync();
    b.offline = true;
    await send(b.page, 'savePaper', { id: P5 });
    const failed = webdavStatus(await b.sync());
    expect(failed.error).toMatch(/Could not reach the WebDAV server/);
    expect(failed.nextRetryAt).not.toBeNull();
    for (const id of [P1, P2]) {
      await send(a.page, 'savePaper', { id });
      await a.sync();
    }
    await send(a.page, 'removePaper', { id: P0 });
    await a.sync();
    expect(await b.ids()).toEqual([P0, P5].sort());

    b.offline = false;
    expect(webdavStatus(await b.sync()).error).toBeNull();
    await a.sync();
    const expected = [P1, P2, P5].sort();
    expect(await b.ids()).toEqual(expected);
    expect(await a.ids()).toEqual(expected);
  } finally {
    await a.close();
    await b.close();
  }
});

test('500, 412 and the server stopped mid-sync: clear status, nothing lost, next sync completes', async () => {
  const [a, b] = [await openDevice(), await openDevice()];
  try {
    await send(a.page, 'savePaper', { id: P0 });
    await a.sync();

    proxy.fail(500, 1, 'PROPFIND');
    await send(a.page, 'savePaper', { id: P1 });
    const five = webdavStatus(await a.sync());
    expect(five.error).toMatch(
      /answered PROPFIND with an error \(HTTP 500\); PaperPeek will retry/,
    );
    expect(await a.ids()).toEqual([P0, P1].sort());
    await a.page.reload();
    await expect(a.page.locator('[data-remote="webdav"]')).toContainText('HTTP 500');

    // A 412 on the upload: the service reads again and writes once more, within the same sync.
    proxy.fail(412, 1, 'PUT');
    expect(webdavStatus(await a.sync()).error).toBeNull();
    expect(proxy.log.some((line) => line.startsWith('PUT') && line.endsWith(' 412'))).toBe(true);

    // The server goes away just as A uploads.
    await send(a.page, 'savePaper', { id: P2 });
    proxy.onNext('PUT', () => server.stop());
    const stopped = webdavStatus(await a.sync());
    expect(stopped.error).toMatch(/HTTP 502/);
    expect(await a.ids()).toEqual([P0, P1, P2].sort());

    await server.start();
    expect(webdavStatus(await a.sync()).error).toBeNull();
    await b.sync();
    expect(await b.ids()).toEqual([P0, P1, P2].sort());
  } finally {
    await a.close();
    await b.close();
  }
});

test('a sync that would remove most of the list asks first; settings travel too', async () => {
  const [a, b] = [await openDevice(), await openDevice()];
  try {
    const ten = CATALOG_IDS.slice(0, 10);
    for (const id of ten) await send(a.page, 'savePaper', { id });
    await a.page.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: { storage: { local: { set(v: object): Promise<void> } } };
        }
      ).chrome.storage.local.set({ hoverDelayMs: 900 }),
    );
    await a.sync();
    await b.sync();
    expect(await b.ids()).toEqual([...ten].sort());
    const delay = await b.page.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
        }
      ).chrome.storage.local.get('hoverDelayMs'),
    );
    expect(delay.hoverDelayMs).toBe(900);

    for (const id of ten.slice(0, 8)) await send(a.page, 'removePaper', { id });
    await a.sync();
    const asked = webdavStatus(await b.sync());
    expect(asked.needsConfirmation).toEqual({ deleting: 8, total: 10 });
    expect((await b.ids()).length).toBe(10);

    await b.page.reload();
    const section = b.page.getByTestId('sync-settings');
    await expect(section.getByRole('alert')).toContainText(
      'Sync would remove 8 of your 10 papers (deleted on another device). Nothing was removed yet.',
    );
    await section.getByRole('button', { name: 'Remove them and sync' }).click();
    await expect.poll(() => b.ids()).toEqual(ten.slice(8).sort());
    await expect(section.getByRole('alert')).toHaveCount(0);
  } finally {
    await a.close();
    await b.close();
  }
});
