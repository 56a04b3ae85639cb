import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createFeedService, FEED_ALARM } from '@/lib/background/feed-service';
import type { CatalogDb } from '@/lib/db/catalog-db';
import { lookupPaper } from '@/lib/db/lookup';
import { relatedPapers } from '@/lib/db/related-papers';
import { readFeedStatus } from '@/lib/feeds/sources';
import { loadCatalog } from './catalog-upsert-fixture';
import { makePaper } from './catalog-fixture';

/**
 * The background's feed service against the real catalog (fake-indexeddb), the real runners and
 * storage (wxt's fake browser), with a fetch that serves a recorded Hugging Face day: what a user
 * sees happen when a source is turned on, fails, is turned off.
 */

const DAY = readFileSync('tests/fixtures/feeds/hf-daily.json', 'utf8');
// A Monday: the run asks Monday first, and no future day.
const NOW = new Date('2025-03-03T08:00:00Z');

type Answer = { status: number; body?: string; headers?: Record<string, string> };

function setup(db: CatalogDb, answer: (url: string) => Answer) {
  const requests: string[] = [];
  const alarms = new Map<string, number>();
  const clock = { now: NOW.getTime() };
  const service = createFeedService({
    db,
    catalog: {
      resume: async () => null,
      running: () => null,
      load: () => Promise.reject(new Error('no loads in this test')),
    },
    keepAlive: async () => undefined,
    paceStore: { get: async () => undefined, set: async () => undefined },
    alarms: {
      create: (name, { when }) => void alarms.set(name, when),
      clear: async (name) => alarms.delete(name),
    },
    fetch: (async (input: RequestInfo | URL) => {
      const url = String(input);
      requests.push(url);
      const { status, body, headers } = answer(url);
      return new Response(status === 304 ? null : (body ?? ''), { status, headers });
    }) as typeof fetch,
    now: () => new Date(clock.now),
    sleep: async (ms) => void (clock.now += ms),
    isOnline: () => true,
  });
  return { service, requests, alarms, clock };
}

const served = (url: string): Answer => {
  const u = new URL(url);
  if (u.searchParams.get('sort') === 'trending') return { status: 200, body: DAY };
  const today = u.searchParams.get('date') === '2025-03-03' && u.searchParams.get('p') === '0';
  return { status: 200, body: today ? DAY : '[]' };
};

describe('feed service', () => {
  let db: CatalogDb;
  beforeEach(async () => {
    fakeBrowser.reset();
    db = await loadCatalog([makePaper(1), makePaper(2)]);
  });

  it('fetches nothing until a source is on, then brings its papers and schedules the next run', async () => {
    const { service, requests, alarms } = setup(db, served);
    await expect(service.updateNow()).rejects.toThrow('No source is turned on');
    await service.resume();
    await service.idle();
    expect(requests).toEqual([]);

    await service.setSource({ source: 'hf', enabled: true, backfillDays: 30 });
    await service.idle();
    expect(requests.length).toBeGreaterThan(1);
    expect(requests.every((u) => u.startsWith('https://huggingface.co/api/daily_papers?'))).toBe(
      true,
    );
    expect((await lookupPaper(db, '2106.09685'))?.paper.title).toContain('LoRA');

    const { hf } = await readFeedStatus();
    expect(hf).toMatchObject({
      lastError: null,
      failures: 0,
      progress: null,
      lastAdded: 3,
      added: 3,
    });
    expect(Date.parse(hf.nextAt!)).toBeGreaterThan(NOW.getTime());
    expect(alarms.get(FEED_ALARM)).toBe(Date.parse(hf.nextAt!));
    // Related papers are not searched for on arrival, but when first asked for (a card), in the
    // extension against the whole catalog, never naming the paper itself.
    const lora = (await lookupPaper(db, '2106.09685'))!.paper;
    expect(lora.related).toEqual([]);
    const related = await relatedPapers(db, '2106.09685', 5);
    expect(related.length).toBeGreaterThan(0);
    expect(related.map((p) => p.id)).not.toContain('2106.09685');
    const view = await service.view();
    expect(view.feedPapers).toBe(3);
    const trending = await service.trending();
    expect(
      trending.lists.find((l) => l.name === 'hf-trending')?.items.map((i) => i.paper.id),
    ).toContain('2106.09685');
  });

  it('a 503 is recorded in words with a backed-off next run, and the next update carries on', async () => {
    let down = true;
    const { service, clock } = setup(db, (url) => (down ? { status: 503 } : served(url)));
    await service.setSource({ source: 'hf', enabled: true });
    await service.idle();
    let { hf } = await readFeedStatus();
    expect(hf.failures).toBe(1);
    expect(hf.lastError).toMatchObject({ kind: 'http', status: 503 });
    expect(Date.parse(hf.nextAt!)).toBeGreaterThan(NOW.getTime());
    expect(await lookupPaper(db, '2106.09685')).toBeNull();

    down = false;
    clock.now += 60 * 60_000;
    await service.updateNow(['hf']);
    await service.idle();
    ({ hf } = await readFeedStatus());
    expect(hf).toMatchObject({ failures: 0, lastError: null });
    expect(await lookupPaper(db, '2106.09685')).not.toBeNull();
  });

  it('a 429 waits at least as long as Retry-After asks', async () => {
    const { service } = setup(db, () => ({ status: 429, headers: { 'retry-after': '7200' } }));
    await service.setSource({ source: 'hf', enabled: true });
    await service.idle();
    const { hf } = await readFeedStatus();
    expect(hf.lastError).toMatchObject({ kind: 'rate-limited' });
    expect(Date.parse(hf.nextAt!)).toBeGreaterThanOrEqual(NOW.getTime() + 7_200_000);
  });

  it('turning a source off clears its next run and the alarm; its papers stay until removed', async () => {
    const { service, alarms } = setup(db, served);
    await service.setSource({ source: 'hf', enabled: true });
    await service.idle();
    await service.setSource({ source: 'hf', enabled: false });
    expect((await readFeedStatus()).hf.nextAt).toBeNull();
    expect(alarms.has(FEED_ALARM)).toBe(false);
    expect(await lookupPaper(db, '2106.09685')).not.toBeNull();
    expect(await service.removeSource('hf')).toBe(3);
    expect(await lookupPaper(db, '2106.09685')).toBeNull();
    expect((await service.view()).feedPapers).toBe(0);
  });

  it('a run a stopped worker left half done is taken up again on wake', async () => {
    const first = setup(db, served);
    await first.service.setSource({ source: 'hf', enabled: true });
    await first.service.idle();
    // What a worker stopped mid-run leaves behind: progress recorded, no outcome.
    const status = await readFeedStatus();
    await fakeBrowser.storage.local.set({
      feedStatus: { ...status, hf: { ...status.hf, progress: { done: 1, total: 5 } } },
    });
    const second = setup(db, served);
    await second.service.resume();
    await second.service.idle();
    expect(second.requests.length).toBeGreaterThan(0);
    expect((await readFeedStatus()).hf.progress).toBeNull();
  });

  it('a full disk is said in words; nothing half-written, and the next update carries on', async () => {
    const { service } = setup(db, served);
    const real = db.feed.bulkPut.bind(db.feed);
    db.feed.bulkPut = (() =>
      Promise.reject(
        new DOMException('Quota exceeded', 'QuotaExceededError'),
      )) as unknown as typeof real;
    await service.setSource({ source: 'hf', enabled: true });
    await service.idle();
    const { hf } = await readFeedStatus();
    expect(hf.lastError?.kind).toBe('quota');
    expect(hf.lastError?.message).toMatch(/storage|space|full/i);
    expect(await lookupPaper(db, '2106.09685')).toBeNull();
    expect((await service.view()).feedPapers).toBe(0);

    db.feed.bulkPut = real;
    await service.updateNow(['hf']);
    await service.idle();
    expect((await readFeedStatus()).hf.lastError).toBeNull();
    expect(await lookupPaper(db, '2106.09685')).not.toBeNull();
  });
});
