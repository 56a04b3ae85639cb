import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from '@playwright/test';
import type { Entry } from '../../../lib/reading-list/entry';
import { encodeHlc } from '../../../lib/sync/hlc';
import { emptyState, visibleEntries } from '../../../lib/sync/state';
import { decodeState, encodeState } from '../../../lib/sync/wire';
import { expect, extensionWorker, launchExtension, test } from '../fixtures';
import { send } from '../messages';
import {
  DAV_PASS,
  DAV_USER,
  startDavServer,
  startFaultProxy,
  type DavServer,
  type FaultProxy,
} from '../webdav-server';

/**
 * Deletion in steps (issue 12): another device's file on a real WebDAV server (`rclone serve
 * webdav`) deletes half of a ten-paper list, then the other half. Each step alone stays under the
 * old per-sync guard (5 is not more than 5), so before the fix both went through silently and
 * every paper went with its note. Now the step that crosses the window asks, nothing more goes
 * without the user's word, and what went is in the manager's Recently deleted, restorable.
 */

const TEN: string[] = gunzipSync(readFileSync('public/catalog/default.ndjson.gz'))
  .toString('utf8')
  .trim()
  .split('\n')
  .slice(1, 11)
  .map((line) => (JSON.parse(line) as { id: string }).id);
const FIRST = TEN.slice(0, 5);
const SECOND = TEN.slice(5);
const DB = 'paperpeek-user';
const AUTH = `Basic ${Buffer.from(`${DAV_USER}:${DAV_PASS}`).toString('base64')}`;

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

/** Writes the device file a hostile (or broken) device "evil" would: tombstones for `ids`. */
async function putTombstones(ids: readonly string[]): Promise<void> {
  const clock = encodeHlc({ wall: Date.now() + 1000, counter: 0, node: 'evil' });
  const state = emptyState();
  for (const id of ids) state.tombstones.set(id, clock);
  const body = gzipSync(
    JSON.stringify({ v: 1, device: 'evil', at: Date.now(), doc: encodeState(state) }),
  );
  const res = await fetch(`${server.url}paperpeek/devices/evil.json.gz`, {
    method: 'PUT',
    headers: { Authorization: AUTH },
    body,
  });
  expect(res.ok).toBe(true);
}

/** The papers device `device` last wrote to the server that are shown (not hidden by a tombstone). */
async function liveOnServer(device: string): Promise<Entry[]> {
  const res = await fetch(`${server.url}paperpeek/devices/${device}.json.gz`, {
    headers: { Authorization: AUTH },
  });
  const file = JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8')) as {
    doc: unknown;
  };
  return visibleEntries(decodeState(file.doc));
}

/** Every entry in the database, by raw IndexedDB (independent of the extension's code). */
function entries(page: Page): Promise<Entry[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = db.transaction('entries').objectStore('entries').getAll();
    const rows = await new Promise<Entry[]>(
      (resolve) => (all.onsuccess = () => resolve(all.result)),
    );
    db.close();
    return rows.sort((a, b) => (a.id < b.id ? -1 : 1));
  }, DB);
}

const ids = async (page: Page) => (await entries(page)).map((e) => e.id);
const noteOf = (id: string) => `Why ${id} matters for chapter 3`;

/** Gives each saved paper a note and tags, as the user would have written them. */
async function annotate(page: Page): Promise<void> {
  await page.evaluate(
    async ({ name, notes }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction('entries', 'readwrite');
      const store = tx.objectStore('entries');
      const all = store.getAll();
      all.onsuccess = () => {
        for (const e of all.result as Entry[])
          store.put({ ...e, note: notes[e.id], tags: ['chapter-3', 'thesis'] });
      };
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    },
    { name: DB, notes: Object.fromEntries(TEN.map((id) => [id, noteOf(id)])) },
  );
}

async function openDevice(): Promise<{ context: BrowserContext; page: Page; origin: string }> {
  const context = await launchExtension();
  const davHost = new URL(proxy.url).host;
  await context.route(
    (url) => url.host === davHost,
    (route) => route.continue(),
  );
  const worker = await extensionWorker(context);
  const origin = `chrome-extension://${new URL(worker.url()).host}`;
  const page = await context.newPage();
  await page.goto(`${origin}/options.html`);
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
  return { context, page, origin };
}

const webdav = async (page: Page, confirmDeletions = false) =>
  (await send(page, 'syncNow', { confirmDeletions })).remotes.find((r) => r.kind === 'webdav')!;

test('a deletion split in two syncs asks at the second; Recently deleted restores, and sync spreads it', async () => {
  const { context, page, origin } = await openDevice();
  try {
    for (const id of TEN) await send(page, 'savePaper', { id });
    await annotate(page);
    expect((await webdav(page)).error).toBeNull();
    const device = (
      await (
        await fetch(`${server.url}paperpeek/devices/`, {
          method: 'PROPFIND',
          headers: { Authorization: AUTH, Depth: '1' },
        })
      ).text()
    ).match(/devices\/([a-z0-9]+)\.json\.gz/)![1]!;

    // Step one: five tombstones. Five is a handful, so this sync goes through.
    await putTombstones(FIRST);
    const first = await webdav(page);
    expect(first.needsConfirmation).toBeNull();
    expect(await ids(page)).toEqual([...SECOND].sort());

    // Step two: tombstones for all ten. Alone it is again five, but over the window it is all.
    await putTombstones(TEN);
    const second = await webdav(page);
    // Before the fix: synced, and all ten were gone with their notes.
    expect(await ids(page)).toEqual([...SECOND].sort());
    expect(second.needsConfirmation).toEqual({ deleting: 5, total: 5, recent: 5 });
    expect(second.lastSuccessAt).toBe(first.lastSuccessAt);
    // Asking again (the periodic sync) removes nothing either.
    expect((await webdav(page)).needsConfirmation).not.toBeNull();
    const kept = await entries(page);
    expect(kept.map((e) => e.id)).toEqual([...SECOND].sort());
    for (const e of kept) expect([e.note, e.tags]).toEqual([noteOf(e.id), ['chapter-3', 'thesis']]);

    await page.reload();
    await expect(page.getByTestId('sync-settings').getByRole('alert')).toContainText(
      'Sync would remove 5 more of your 5 papers (deleted on another device), after removing 5 papers in the last 7 days. Nothing more was removed yet. Removed papers go to Recently deleted in the reading list, where you can restore them for 30 days.',
    );

    // The five already gone are in Recently deleted, removed by sync; Restore all brings them back.
    const manager = await context.newPage();
    await manager.goto(`${origin}/manager.html`);
    await manager.getByRole('button', { name: 'Recently deleted', exact: true }).click();
    const list = manager.locator('[data-list="recently-deleted"]');
    await expect(list.locator('[data-paper-id]')).toHaveCount(5);
    expect(
      (
        await list
          .locator('[data-paper-id]')
          .evaluateAll((els) => els.map((el) => el.getAttribute('data-paper-id')))
      ).sort(),
    ).toEqual([...FIRST].sort());
    await expect(list.locator('li').first()).toContainText('removed by sync');
    await manager.getByRole('button', { name: 'Restore all', exact: true }).click();
    await expect(
      manager.getByRole('status').filter({ hasText: 'Restored 5 papers.' }),
    ).toBeVisible();
    await expect(list).toHaveCount(0);
    const back = await entries(manager);
    expect(back.map((e) => e.id)).toEqual([...TEN].sort());
    for (const e of back) expect([e.note, e.tags]).toEqual([noteOf(e.id), ['chapter-3', 'thesis']]);

    // The other five still wait for the user: a restore does not reset the window.
    expect((await webdav(page)).needsConfirmation).toEqual({ deleting: 5, total: 10, recent: 5 });
    expect(await ids(page)).toEqual([...TEN].sort());

    // The user lets them go, then restores them one by one from Recently deleted.
    expect((await webdav(page, true)).needsConfirmation).toBeNull();
    expect(await ids(page)).toEqual([...FIRST].sort());
    await expect(list.locator('[data-paper-id]')).toHaveCount(5);
    for (const id of SECOND) {
      await list.locator(`[data-paper-id="${id}"] [data-action="restore"]`).focus();
      await manager.keyboard.press('Enter');
      await expect(list.locator(`[data-paper-id="${id}"]`)).toHaveCount(0);
    }
    const all = await entries(manager);
    expect(all.map((e) => [e.id, e.note])).toEqual([...TEN].sort().map((id) => [id, noteOf(id)]));

    // The next sync writes all ten back to the server as live entries, beating the tombstones.
    const last = await webdav(page);
    expect([last.error, last.needsConfirmation]).toEqual([null, null]);
    const live = await liveOnServer(device);
    expect(live.map((e) => [e.id, e.note, e.tags]).sort()).toEqual(
      [...TEN].sort().map((id) => [id, noteOf(id), ['chapter-3', 'thesis']]),
    );
  } finally {
    await context.close();
  }
});

test('a page script clicking Restore in Recently deleted restores nothing', async () => {
  const { context, page, origin } = await openDevice();
  try {
    for (const id of FIRST) await send(page, 'savePaper', { id });
    await send(page, 'removePaper', { id: FIRST[0]! });
    const manager = await context.newPage();
    await manager.goto(`${origin}/manager.html`);
    await manager.getByRole('button', { name: 'Recently deleted', exact: true }).click();
    const row = manager.locator(`[data-list="recently-deleted"] [data-paper-id="${FIRST[0]}"]`);
    await expect(row).toContainText('removed on this device');
    await row
      .locator('[data-action="restore"]')
      .evaluate((button) => (button as HTMLElement).click());
    await manager.waitForTimeout(500);
    expect(await ids(page)).not.toContain(FIRST[0]);
    await row.locator('[data-action="restore"]').click();
    await expect(row).toHaveCount(0);
    expect(await ids(page)).toContain(FIRST[0]);
  } finally {
    await context.close();
  }
});
