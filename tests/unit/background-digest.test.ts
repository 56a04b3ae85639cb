import { readFileSync } from 'node:fs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createDigest, DIGEST_NOTIFICATION } from '@/lib/background/digest';
import { toPapers } from '@/lib/catalog/importers/to-papers';
import { readTrendingWithFacts } from '@/lib/catalog/importers/trending-facts';
import type { Paper } from '@/lib/catalog/schema';
import type { CatalogDb } from '@/lib/db/catalog-db';
import { feedSettings, readFeedSettings } from '@/lib/feeds/sources';
import { openUserDb, type UserDb } from '@/lib/reading-list/db';
import { saveEntry } from '@/lib/reading-list/entries';
import { loadCatalog } from './catalog-upsert-fixture';

/**
 * The optional daily notification (lib/background/digest.ts) with the bundled catalog and its
 * search index (fake-indexeddb), a reading list of one paper, wxt's fake storage and a notifier
 * that records what it is asked to show.
 */

type Labels = { queries: Record<string, { topic: string; related: string[] }> };
const labels = JSON.parse(readFileSync('data/related-labels.json', 'utf8')) as Labels;
const SAVED = Object.keys(labels.queries)[0]!;

let db: CatalogDb;
let papers: Paper[];
let n = 0;

beforeAll(async () => {
  const { items } = await readTrendingWithFacts('data/trending-papers.txt', 'data/paper-facts.tsv');
  papers = toPapers(items);
  db = await loadCatalog(papers);
}, 60_000);

function setup(user: UserDb, start = new Date(2026, 11, 7, 9)) {
  const shown: { id: string; title?: string; message?: string; buttons?: unknown }[] = [];
  const cleared: string[] = [];
  const opened: string[] = [];
  const clock = { now: start };
  const digest = createDigest({
    db,
    user: () => user,
    notifications: {
      create: async (id, options) => void shown.push({ id, ...options }),
      clear: async (id) => void cleared.push(id),
    },
    openTab: async (url) => void opened.push(url),
    iconUrl: 'chrome-extension://x/icon/128.png',
    buttons: true,
    now: () => clock.now,
  });
  return { digest, shown, cleared, opened, clock };
}

async function readingList(...ids: string[]) {
  const user = openUserDb(`digest-${n++}-${Math.random()}`);
  for (const id of ids) {
    const paper = papers.find((p) => p.id === id)!;
    await saveEntry(user, { id, inCatalog: true, snapshot: { title: paper.title, authors: [] } });
  }
  return user;
}

const on = async (notify: boolean) =>
  feedSettings.setValue({ ...(await readFeedSettings()), notify });

describe('the daily notification', { timeout: 30_000 }, () => {
  beforeEach(() => fakeBrowser.reset());

  it('is off by default: papers added are not even remembered', async () => {
    const { digest, shown } = setup(await readingList(SAVED));
    await digest.added(papers.map((p) => p.id));
    await on(true);
    expect(await digest.runEnded()).toEqual([]);
    expect(shown).toEqual([]);
  });

  it('names up to three new papers on the reading list topics, once a day, with "Stop these"', async () => {
    await on(true);
    const { digest, shown, clock } = setup(await readingList(SAVED));
    await digest.added(papers.map((p) => p.id));
    const picks = await digest.runEnded();
    expect(picks.length).toBeGreaterThan(0);
    expect(picks.length).toBeLessThanOrEqual(3);
    expect(picks.map((p) => p.paper.id)).not.toContain(SAVED);
    const labelled = new Set(labels.queries[SAVED]!.related);
    expect(labelled.has(picks[0]!.paper.id), picks[0]!.paper.title).toBe(true);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.id).toBe(DIGEST_NOTIFICATION);
    for (const pick of picks) expect(shown[0]!.message).toContain(pick.paper.title);
    const open = picks.length === 1 ? 'Open it' : `Open all ${picks.length}`;
    expect(shown[0]!.buttons).toEqual([{ title: open }, { title: 'Stop these' }]);

    // The same day: nothing more, however much arrives.
    await digest.added(papers.map((p) => p.id));
    clock.now = new Date(clock.now.getTime() + 6 * 3600_000);
    expect(await digest.runEnded()).toEqual([]);
    // The next day, papers added since may be named again.
    clock.now = new Date(clock.now.getTime() + 24 * 3600_000);
    expect((await digest.runEnded()).length).toBeGreaterThan(0);
    expect(shown).toHaveLength(2);
  });

  it('names nothing when the reading list is empty or nothing new is on its topics', async () => {
    await on(true);
    const empty = setup(await readingList());
    await empty.digest.added(papers.map((p) => p.id));
    expect(await empty.digest.runEnded()).toEqual([]);
    const { digest, shown } = setup(await readingList(SAVED));
    // Parameter-efficient fine-tuning papers, far from the saved audio source separation one.
    const peft = Object.keys(labels.queries)[14]!;
    expect(labels.queries[peft]!.topic).toContain('parameter-efficient fine-tuning');
    const far = [peft, ...labels.queries[peft]!.related];
    expect(far.some((id) => labels.queries[SAVED]!.related.includes(id))).toBe(false);
    await digest.added(far);
    expect(await digest.runEnded()).toEqual([]);
    expect(shown).toEqual([]);
  });

  it('opens the papers it named when clicked; "Stop these" turns it off', async () => {
    await on(true);
    const { digest, shown, opened, cleared } = setup(await readingList(SAVED));
    await digest.added(papers.map((p) => p.id));
    const picks = await digest.runEnded();
    expect(picks.length).toBeGreaterThan(0);
    await digest.clicked(DIGEST_NOTIFICATION);
    expect(opened).toEqual(picks.map((p) => p.paper.links.abs));
    expect(cleared).toEqual([DIGEST_NOTIFICATION]);
    await digest.clicked('another-extension-notification');
    expect(opened).toHaveLength(picks.length);

    await digest.buttonClicked(DIGEST_NOTIFICATION, 1);
    expect((await readFeedSettings()).notify).toBe(false);
    await digest.added(papers.map((p) => p.id));
    expect(await digest.runEnded()).toEqual([]);
    expect(shown).toHaveLength(1);
  });
});
