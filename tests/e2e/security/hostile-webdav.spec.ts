import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, extensionWorker, launchExtension, test } from '../fixtures';
import { send } from '../messages';
import {
  clock,
  clocksIn,
  deviceFile,
  saneClock,
  startHostileDav,
  type HostileDav,
} from './hostile-dav-server';
import { editRow, rows, storageSet, type Row } from './hostile-webdav-page';

/**
 * Issue 12, a hostile or broken sync server: a device file with a malformed clock, one dated in
 * the year 9999, an endless body, one byte a second, a damaged file next to a good one. Each
 * sync must end in time, leave the reading list as it was (plus the good device's papers), keep
 * this device's clock sane, say what happened, and never upload a bad clock; the next sync
 * against an honest server works.
 */

const [P0, P1, P2, P3] = gunzipSync(readFileSync('public/catalog/default.ndjson.gz'))
  .toString('utf8')
  .trim()
  .split('\n')
  .slice(1, 5)
  .map((line) => (JSON.parse(line) as { id: string }).id) as [string, string, string, string];
const DAY = 24 * 60 * 60 * 1000;

let dav: HostileDav;
let context: BrowserContext;
let page: Page;

test.beforeEach(async () => {
  dav = await startHostileDav();
  context = await launchExtension();
  const host = new URL(dav.url).host;
  await context.route(
    (url) => url.host === host,
    (route) => route.continue(),
  );
  const worker = await extensionWorker(context);
  page = await context.newPage();
  await page.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
  await expect
    .poll(async () => (await send(page, 'getCatalogStatus')).active?.count, { timeout: 30_000 })
    .toBeGreaterThan(0);
  await storageSet(page, { syncWebdav: { url: dav.url, username: 'u', password: 'p' } });
  await storageSet(page, { syncStorageSyncEnabled: false });
  // The list a user would notice losing: two papers with a note and tags.
  await send(page, 'savePaper', { id: P0 });
  await send(page, 'savePaper', { id: P1 });
  await editRow(page, P0, 'my note on P0', ['mine', 'todo']);
});
test.afterEach(async () => {
  await context.close();
  await dav.close();
});

async function syncTimed() {
  const started = Date.now();
  const status = await send(page, 'syncNow', {});
  return { webdav: status.remotes.find((r) => r.kind === 'webdav')!, ms: Date.now() - started };
}

/** The list is what it was, plus `gained`; every stored clock is sane; a save after works. */
async function expectListIntact(before: Row[], gained: string[]) {
  const after = await rows(page);
  const mine = after.filter((r) => !gained.includes(r.id));
  expect(mine).toEqual(before);
  expect(after.map((r) => r.id).filter((id) => gained.includes(id))).toEqual([...gained].sort());
  expect(after.flatMap((r) => Object.values(r.clock)).filter((c) => !saneClock(c))).toEqual([]);
  await send(page, 'savePaper', { id: P3 });
  const saved = (await rows(page)).find((r) => r.id === P3)!;
  const wall = parseInt(saved.clock.added!.split('-')[0]!, 36);
  expect(Math.abs(wall - Date.now())).toBeLessThan(DAY);
}

/** What the extension uploaded holds no bad or future clock. */
function expectUploadsSane() {
  expect(dav.puts.length).toBeGreaterThan(0);
  for (const put of dav.puts) expect(clocksIn(put.body).filter((c) => !saneClock(c))).toEqual([]);
}

/** Remove the crafted files: the same server is now honest, and the next sync is clean. */
async function expectHonestSyncWorks(crafted: string[]) {
  for (const name of crafted) dav.files.delete(name);
  const { webdav } = await syncTimed();
  expect(webdav.error).toBeNull();
  expect(webdav.warnings).toEqual([]);
  expectUploadsSane();
}

async function expectStatusShows(text: string) {
  await page.reload();
  await expect(page.getByTestId('sync-warning').first()).toContainText(text);
}

const good = () => deviceFile('good1', [[P2, clock(Date.now() - 60_000, 'good1')]]);

test('a device file with a malformed clock: refused, the rest merged, the clock stays sane', async () => {
  const evil = 'zzzzzzzzzzz-zzzz-evil';
  dav.files.set('good1.json.gz', good());
  dav.files.set(
    'evil1.json.gz',
    deviceFile(
      'evil1',
      [
        [P0, evil],
        [P3, evil],
      ],
      { tombstone: [P1, evil], setting: evil },
    ),
  );
  const before = await rows(page);
  const { webdav } = await syncTimed();
  await expectListIntact(before, [P2]);
  expectUploadsSane();
  expect(webdav.error).toBeNull();
  expect(webdav.warnings).toEqual([
    "Ignored 4 entries from device evil1 dated more than a day ahead of this device's clock.",
  ]);
  await expectStatusShows('Ignored 4 entries from device evil1');
  await expectHonestSyncWorks(['evil1.json.gz']);
});

test('a device file dated in the year 9999: ignored, named in the status', async () => {
  const future = clock(Date.UTC(9999, 0, 1), 'future1');
  dav.files.set('good1.json.gz', good());
  dav.files.set(
    'future1.json.gz',
    deviceFile('future1', [[P0, future]], { tombstone: [P1, future] }),
  );
  const before = await rows(page);
  const { webdav } = await syncTimed();
  await expectListIntact(before, [P2]);
  expectUploadsSane();
  expect(webdav.error).toBeNull();
  expect(webdav.warnings).toEqual([
    "Ignored 2 entries from device future1 dated more than a day ahead of this device's clock.",
  ]);
  await expectStatusShows('device future1 dated more than a day ahead');
  await expectHonestSyncWorks(['future1.json.gz']);
});

test('an endless body: reading stops at the cap, the file is skipped, the sync completes', async () => {
  dav.files.set('good1.json.gz', good());
  dav.files.set('huge1.json.gz', 'huge');
  const before = await rows(page);
  const { webdav, ms } = await syncTimed();
  expect(ms).toBeLessThan(20_000);
  // Stopped near the 8 MB cap, not at the server's 100 MB (sockets buffer a few MB more).
  expect(dav.hugeBytesSent).toBeLessThan(50 * 1024 * 1024);
  expect(webdav.error).toBeNull();
  expect(webdav.warnings).toEqual([
    'Skipped the sync file of device huge1: it is damaged (larger than 8 MB).',
  ]);
  await expectListIntact(before, [P2]);
  await expectStatusShows('device huge1: it is damaged (larger than 8 MB)');
  await expectHonestSyncWorks(['huge1.json.gz']);
});

test('one byte a second: the sync times out in about 15 s with a clear status, the next works', async () => {
  dav.files.set('slow1.json.gz', 'slow');
  const before = await rows(page);
  const { webdav, ms } = await syncTimed();
  expect(ms).toBeLessThan(25_000);
  expect(webdav.error).toMatch(/did not answer within 15 s/);
  expect(await rows(page)).toEqual(before);
  await page.reload();
  await expect(page.locator('[data-remote="webdav"]')).toContainText('did not answer within 15 s');
  await expectHonestSyncWorks(['slow1.json.gz']);
  await expectListIntact(before, []);
});

test('a damaged file next to a good one: skipped by name, the good one merged', async () => {
  dav.files.set('good1.json.gz', good());
  dav.files.set('broken1.json.gz', Buffer.from('this is not gzip'));
  const before = await rows(page);
  const { webdav } = await syncTimed();
  expect(webdav.error).toBeNull();
  expect(webdav.warnings).toEqual([
    'Skipped the sync file of device broken1: it is damaged (not gzip).',
  ]);
  await expectListIntact(before, [P2]);
  expectUploadsSane();
  await expectStatusShows('Skipped the sync file of device broken1');
  await expectHonestSyncWorks(['broken1.json.gz']);
});
