import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createCatalogService } from '@/lib/background/catalog-service';
import { createFeedService } from '@/lib/background/feed-service';
import { createReadingListHandlers } from '@/lib/background/reading-list-handlers';
import { fillSavedFromCatalog } from '@/lib/background/saved-fill';
import type { CatalogDb } from '@/lib/db/catalog-db';
import { stageCatalogFile } from '@/lib/db/catalog-files';
import { filledSnapshot } from '@/lib/reading-list/catalog-fill';
import { openUserDb, type UserDb } from '@/lib/reading-list/db';
import { getEntry, updateEntries } from '@/lib/reading-list/entries';
import { catalogText, makePaper } from './catalog-fixture';
import { loadCatalog } from './catalog-upsert-fixture';

/**
 * Papers saved while the catalog lacked them (a quiet marker's Save) keep what the page showed,
 * and get the rest from the catalog when a catalog load or a feed update brings the paper: the
 * background's own services, the real catalog and reading list (fake-indexeddb).
 */

const contentScript = { id: fakeBrowser.runtime.id, tab: { id: 3 }, url: 'https://arxiv.org/' };
const LORA = '2106.09685';
const DAY = readFileSync('tests/fixtures/feeds/hf-daily.json', 'utf8');

let catalog: CatalogDb;
let user: UserDb;

beforeEach(async () => {
  fakeBrowser.reset();
  catalog = await loadCatalog([makePaper(1), makePaper(2)]);
  user = openUserDb(`fill-test-${Math.random()}`);
});
afterEach(async () => {
  await user.delete();
});

/** Saves LoRA as a quiet marker's card does: the title as the page shows it, no authors. */
async function saveFromPage(title = 'LoRA: Low-Rank Adaptation of Large Language Models') {
  const handlers = createReadingListHandlers(catalog, () => user);
  return handlers.savePaper(
    { id: LORA, page: { title, authors: [], arxivId: LORA } },
    contentScript,
  );
}

describe('filledSnapshot', () => {
  const paper = makePaper(0, {
    id: LORA,
    arxivId: LORA,
    title: 'LoRA: Low-Rank Adaptation of Large Language Models',
    authors: ['Edward J. Hu', 'Yelong Shen'],
    published: '2021-06-17',
    venue: 'ICLR',
    links: { abs: `https://arxiv.org/abs/${LORA}` },
  });

  it('fills what is missing, keeps what is there, and replaces only the stand-in title', () => {
    expect(
      filledSnapshot(
        { title: 'My own name for it', authors: [], arxivId: LORA, venue: 'Workshop' },
        paper,
      ),
    ).toEqual({
      title: 'My own name for it',
      authors: ['Edward J. Hu', 'Yelong Shen'],
      year: 2021,
      venue: 'Workshop',
      arxivId: LORA,
      url: `https://arxiv.org/abs/${LORA}`,
    });
    expect(
      filledSnapshot({ title: `arXiv:${LORA}`, authors: ['A. Person'], arxivId: LORA }, paper),
    ).toMatchObject({ title: paper.title, authors: ['A. Person'] });
  });

  it('says nothing is to be filled when the entry has every field the catalog has', () => {
    expect(
      filledSnapshot(
        {
          title: 't',
          authors: ['x'],
          year: 2020,
          venue: 'v',
          arxivId: LORA,
          url: `https://arxiv.org/abs/${LORA}`,
        },
        paper,
      ),
    ).toBeUndefined();
  });
});

describe('a saved paper the catalog lacked, when the catalog brings it', () => {
  it('a feed update fills its missing fields and makes it a catalog entry', async () => {
    await saveFromPage();
    const feeds = createFeedService({
      db: catalog,
      catalog: {
        resume: async () => null,
        running: () => null,
        load: () => Promise.reject(new Error('no loads in this test')),
      },
      keepAlive: async () => undefined,
      paceStore: { get: async () => undefined, set: async () => undefined },
      alarms: { create: () => undefined, clear: async () => true },
      fetch: (async (input: RequestInfo | URL) => {
        const url = new URL(String(input));
        const today = url.searchParams.get('date') === '2025-03-03';
        const trending = url.searchParams.get('sort') === 'trending';
        const first = url.searchParams.get('p') === '0';
        return new Response(trending || (today && first) ? DAY : '[]', { status: 200 });
      }) as typeof fetch,
      now: () => new Date('2025-03-03T08:00:00Z'),
      sleep: async () => undefined,
      isOnline: () => true,
      onPapers: () => fillSavedFromCatalog(catalog, user),
    });
    await feeds.setSource({ source: 'hf', enabled: true, backfillDays: 30 });
    await feeds.idle();
    const entry = await getEntry(user, LORA);
    expect(entry).toMatchObject({
      id: LORA,
      inCatalog: true,
      snapshot: {
        title: 'LoRA: Low-Rank Adaptation of Large Language Models',
        authors: ['Edward J. Hu', 'Yelong Shen', 'Phillip Wallis', 'Weizhu Chen'],
        year: 2021,
        arxivId: LORA,
        code: 'https://github.com/microsoft/LoRA',
      },
    });
    expect(entry!.clock.snapshot! > entry!.clock.added!).toBe(true);
  });

  it('a catalog file load fills it too, and never overwrites what the user edited', async () => {
    await saveFromPage(`arXiv:${LORA}`);
    // The user named it in the manager meanwhile.
    const saved = (await getEntry(user, LORA))!;
    await updateEntries(user, [LORA], {
      snapshot: { ...saved.snapshot, title: 'LoRA (read for the reading group)' },
    });
    const service = createCatalogService(catalog, {
      keepAlive: async () => undefined,
      onLoaded: () => fillSavedFromCatalog(catalog, user),
    });
    const lora = makePaper(3, {
      id: LORA,
      arxivId: LORA,
      title: 'LoRA: Low-Rank Adaptation of Large Language Models',
      authors: ['Edward J. Hu', 'Yelong Shen'],
      published: '2021-06-17',
      venue: 'ICLR 2022',
    });
    const fileId = await stageCatalogFile(
      new Blob([catalogText([makePaper(1), lora], { version: 'v2' })]),
      catalog,
    );
    const { done } = await service.load({ kind: 'file', fileId });
    expect((await done)?.status).toBe('loaded');
    expect(await getEntry(user, LORA)).toMatchObject({
      inCatalog: true,
      snapshot: {
        title: 'LoRA (read for the reading group)',
        authors: ['Edward J. Hu', 'Yelong Shen'],
        year: 2021,
        venue: 'ICLR 2022',
      },
    });
  });

  it('a load that does not bring it leaves it as the page showed it', async () => {
    const before = await saveFromPage();
    await fillSavedFromCatalog(catalog, user);
    expect(await getEntry(user, LORA)).toEqual(before);
  });
});
