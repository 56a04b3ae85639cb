import type { Page } from '@playwright/test';
import { readCatalogDb, stageSyntheticCatalog, syntheticId, syntheticTitle } from './catalog-pages';
import { expect, test } from './fixtures';
import { send } from './messages';

const BIG = { count: 60_000, offset: 0, version: 'big-1', name: 'big.ndjson.gz' };
const OLD = { count: 20, offset: 1_000_000, version: 'old-1', name: 'old.ndjson.gz' };

async function statusOf(page: Page) {
  return send(page, 'getCatalogStatus');
}

test('a load interrupted by stopping the worker resumes and completes exactly', async ({
  context,
  extensionId,
}) => {
  test.setTimeout(180_000);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  // A fresh profile installs the bundled catalog first; on a slow machine that is still running
  // when the page opens, and a second load is refused until it ends.
  await expect
    .poll(
      async () => {
        const status = await statusOf(page);
        return status.active !== null && status.job === null;
      },
      { timeout: 60_000 },
    )
    .toBe(true);

  await send(page, 'loadCatalogFile', { fileId: await stageSyntheticCatalog(page, OLD) });
  await expect.poll(async () => (await statusOf(page)).active?.version).toBe(OLD.version);

  const bigId = await stageSyntheticCatalog(page, BIG);
  const started = Date.now();
  const accepted = await send(page, 'loadCatalogFile', { fileId: bigId });
  expect(accepted.job).toMatchObject({ total: BIG.count, source: BIG.name });

  await expect
    // Poll tightly: the stop must land while the load has most of its batches still to go.
    .poll(async () => (await statusOf(page)).job?.done ?? 0, { timeout: 60_000, intervals: [50] })
    .toBeGreaterThan(0);
  // Mid-load, lookups answer from the old catalog only.
  const [newHit, oldHit] = await send(page, 'lookupCandidates', {
    candidates: [syntheticId(0), syntheticTitle(OLD.offset + 3)],
  });
  expect(newHit).toBeNull();
  expect(oldHit?.id).toBe(syntheticId(OLD.offset + 3));

  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  // Playwright reports the worker's close late (about 90 s), so the proof that it stopped is the
  // checkpoint: a running load commits a batch every fraction of a second.
  await page.waitForTimeout(500);
  const atStop = await readCatalogDb(page);
  expect(atStop.job!.done).toBeGreaterThan(0);
  expect(atStop.job!.done).toBeLessThan(BIG.count);
  // The checkpoint counts exactly the papers the new slot holds (the old slot holds OLD's).
  expect(atStop.papers0 + atStop.papers1).toBe(atStop.job!.done + OLD.count);
  // A stopped worker writes nothing: the checkpoint stays put.
  await page.waitForTimeout(1500);
  expect((await readCatalogDb(page)).job).toEqual(atStop.job);

  // Any event wakes the worker; it resumes from the checkpoint, not from zero.
  const afterWake = await statusOf(page);
  expect(afterWake.job?.done).toBeGreaterThanOrEqual(atStop.job!.done);
  await expect
    .poll(async () => (await readCatalogDb(page)).job?.done ?? BIG.count)
    .toBeGreaterThan(atStop.job!.done);
  await expect
    .poll(async () => (await statusOf(page)).active?.version, { timeout: 120_000 })
    .toBe(BIG.version);
  const seconds = (Date.now() - started) / 1000;
  console.log(`${BIG.count} papers loaded in ${seconds.toFixed(1)} s including the stop`);

  const status = await statusOf(page);
  expect(status).toMatchObject({ active: { count: BIG.count, source: BIG.name }, job: null });
  expect(status.lastError).toBeNull();
  const slots = await readCatalogDb(page);
  expect(slots.papers0 + slots.papers1).toBe(BIG.count);
  expect(Math.min(slots.papers0, slots.papers1)).toBe(0);

  const probes = [0, 1, 33_333, BIG.count - 1];
  const answers = await send(page, 'lookupCandidates', {
    candidates: [
      ...probes.map((i) => `https://arxiv.org/abs/${syntheticId(i)}v2`),
      syntheticTitle(BIG.count - 2).toUpperCase(),
      syntheticId(OLD.offset + 3),
    ],
  });
  expect(answers.map((a) => a?.id ?? null)).toEqual([
    ...probes.map(syntheticId),
    syntheticId(BIG.count - 2),
    null,
  ]);
});
