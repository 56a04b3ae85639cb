import type { BrowserContext, Page, Worker } from '@playwright/test';
import type { SourceId, SourceStatus } from '../../lib/feeds/sources';
import { badgeText } from './badge';
import { CardPage } from './card-page';
import { FRESH, HF_DAY, serveFeeds, type FeedServer } from './feed-server';
import { expect, extensionWorker, launchExtension, test } from './fixtures';
import { freshPages, serveFreshPages } from './fresh-pages';
import type { PageFixture } from './fixture-server';
import { send } from './messages';
import { PopupPage } from './pages/popup-page';

/**
 * Fresh papers in the built extension (issue 13): Hugging Face's daily papers served at their
 * real URLs from recorded fixtures (feed-server.ts), turned on from an extension page as the
 * welcome page and Options → Sources do; then the pages a reader meets (an arXiv listing, a blog)
 * and the popup know the papers, and the faults a feed can throw leave a clear status, the
 * catalog as it was, and a next update that carries on.
 */

/** The shortest first backfill: 30 days, about 22 weekday requests at one a second. */
const BACKFILL_DAYS = 30;
const ALL_FRESH = [FRESH.lora, FRESH.qlora, FRESH.mixtral];
const TITLES = {
  mixtral: 'Mixtral of Experts',
  qlora: 'QLoRA: Efficient Finetuning of Quantized LLMs',
};
const DAY_MS = 86_400_000;
const MIN_MS = 60_000;

type Launched = {
  context: BrowserContext;
  feeds: FeedServer;
  worker: Worker;
  id: string;
  /** An extension page that talks to the background. */
  page: Page;
};

async function launch(): Promise<Launched> {
  const context = await launchExtension();
  const feeds = await serveFeeds(context);
  await serveFreshPages(context);
  const worker = await extensionWorker(context);
  const id = new URL(worker.url()).host;
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/options.html`);
  // The bundled catalog installs first (a feed run waits for it); lookups before it find nothing.
  await expect
    .poll(
      async () => {
        const status = await send(page, 'getCatalogStatus');
        return status.active !== null && status.job === null;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  return { context, feeds, worker, id, page };
}

async function hfStatus(page: Page, source: SourceId = 'hf'): Promise<SourceStatus> {
  return (await send(page, 'getSources')).status[source];
}

/** Waits for a run of `source` started after the one at `lastRunAt` to end; its status. */
async function runEnded(
  page: Page,
  lastRunAt: string | null,
  source: SourceId = 'hf',
  timeout = 90_000,
): Promise<SourceStatus> {
  let status: SourceStatus | undefined;
  await expect
    .poll(
      async () => {
        status = await hfStatus(page, source);
        return status.lastRunAt !== lastRunAt && status.progress === null;
      },
      { timeout, intervals: [250] },
    )
    .toBe(true);
  return status!;
}

/** The catalog id each fresh paper resolves to, null while the catalog lacks it. */
async function freshFound(page: Page): Promise<(string | null)[]> {
  const answers = await send(page, 'lookupCandidates', { candidates: ALL_FRESH });
  return answers.map((a) => a?.id ?? null);
}

/** What a failed run must leave as it was: the catalog, the papers from sources, the lists. */
async function catalogState(page: Page) {
  const { active } = await send(page, 'getCatalogStatus');
  const { feedPapers, updatedAt } = await send(page, 'getSources');
  const { lists } = await send(page, 'getTrending');
  return { active, feedPapers, updatedAt, lists, fresh: await freshFound(page) };
}

/** The feeds alarm's time, null when none is set. */
function alarmAt(worker: Worker): Promise<number | null> {
  return worker.evaluate(async () => {
    type Alarms = { get: (name: string) => Promise<{ scheduledTime: number } | undefined> };
    const { alarms } = (globalThis as unknown as { chrome: { alarms: Alarms } }).chrome;
    return (await alarms.get('paperpeek-feeds'))?.scheduledTime ?? null;
  });
}

/**
 * Every catalog marker on the page by paper id, and whether each expected one sits at its anchor
 * (quiet markers, for papers in no catalog, are not counted).
 */
function markersOn(page: Page, fixture: PageFixture) {
  return page.evaluate((papers) => {
    const markers = [
      ...document.querySelectorAll<HTMLElement>(
        '[data-paperpeek="marker"][data-in-catalog="true"]',
      ),
    ];
    const placed: Record<string, boolean> = {};
    for (const [id, [selector]] of Object.entries(papers)) {
      const anchor = document.querySelector(selector!);
      placed[id] = markers.some(
        (m) =>
          m.dataset.paperId === id &&
          !!anchor &&
          (anchor.contains(m) || m.previousElementSibling === anchor),
      );
    }
    return { ids: markers.map((m) => m.dataset.paperId ?? '').sort(), placed };
  }, fixture.papers);
}

function everyPlaced(fixture: PageFixture) {
  const ids = Object.keys(fixture.papers).sort();
  return { ids, placed: Object.fromEntries(ids.map((id) => [id, true])) };
}

async function openFresh(context: BrowserContext, fixture: PageFixture): Promise<Page> {
  const page = await context.newPage();
  await page.goto(fixture.url);
  await expect.poll(() => markersOn(page, fixture)).toEqual(everyPlaced(fixture));
  return page;
}

/** Tabs until the marker of `id` has the focus (the reader's keyboard path to the card). */
async function tabToMarker(page: Page, id: string): Promise<void> {
  const focused = () =>
    page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.paperId);
  for (let i = 0; i < 40 && (await focused()) !== id; i++) await page.keyboard.press('Tab');
  expect(await focused()).toBe(id);
}

test.describe('with Hugging Face on', () => {
  let run: Launched;

  test.beforeAll(async () => {
    test.setTimeout(150_000);
    run = await launch();
    // The bundled catalog does not know them: whatever the pages show next came from the feed.
    expect(await freshFound(run.page)).toEqual([null, null, null]);
    const view = await send(run.page, 'setSource', {
      source: 'hf',
      enabled: true,
      backfillDays: BACKFILL_DAYS,
    });
    expect(view.settings.hf).toEqual({ enabled: true, backfillDays: BACKFILL_DAYS });
    const hf = await runEnded(run.page, null);
    expect(hf).toMatchObject({ lastError: null, failures: 0, lastAdded: ALL_FRESH.length });
    expect(await freshFound(run.page)).toEqual(ALL_FRESH);
  });

  test.afterAll(async () => run?.context.close());

  test("an arXiv listing and a blog show the fresh papers' markers, the badge counts them, and the card carries Hugging Face's code link", async () => {
    const listing = await openFresh(run.context, freshPages.listing);
    // Only Mixtral: the listing's other entry is in no catalog.
    await expect.poll(() => badgeText(run.worker, listing)).toBe('1');
    const listingCard = new CardPage(listing);
    await listing.locator(`[data-paperpeek="marker"][data-paper-id="${FRESH.mixtral}"]`).hover();
    await expect
      .poll(() => listingCard.read())
      .toMatchObject({
        title: TITLES.mixtral,
        titleHref: `https://arxiv.org/abs/${FRESH.mixtral}`,
        authors: expect.stringContaining('Albert Q. Jiang'),
        // Hugging Face names no repository for Mixtral.
        code: [],
        links: ['arXiv', 'PDF', 'Hugging Face'],
      });

    const blog = await openFresh(run.context, freshPages.blog);
    await expect.poll(() => badgeText(run.worker, blog)).toBe('1');
    const blogCard = new CardPage(blog);
    await tabToMarker(blog, FRESH.qlora);
    await expect
      .poll(() => blogCard.read())
      .toMatchObject({
        title: TITLES.qlora,
        // githubRepo of the recorded day (tests/fixtures/feeds/e2e/hf-day.json).
        code: ['artidoro/qlora'],
      });
    await listing.close();
    await blog.close();
  });

  test('the popup finds a fresh paper by its title', async () => {
    const popup = await PopupPage.open(run.context, run.id);
    await popup.search.fill(TITLES.mixtral);
    await expect.poll(async () => (await popup.resultIds())[0]).toBe(FRESH.mixtral);
    await expect(popup.result(FRESH.mixtral)).toContainText(TITLES.mixtral);
    expect(popup.errors).toEqual([]);
    await popup.page.close();
  });

  // Issue 13: "Related work for every paper that arrives ... so a fresh paper's card has related
  // papers too". Last in the file's order: a failure here leaves the tests above their verdicts.
  test("a fresh paper's card lists related papers from the catalog", async () => {
    for (const [fixture, id] of [
      [freshPages.listing, FRESH.mixtral],
      [freshPages.blog, FRESH.qlora],
    ] as const) {
      const page = await openFresh(run.context, fixture);
      const card = new CardPage(page);
      await page.locator(`[data-paperpeek="marker"][data-paper-id="${id}"]`).hover();
      await expect
        .poll(async () => (await card.read())?.title)
        .toBe(id === FRESH.mixtral ? TITLES.mixtral : TITLES.qlora);
      await expect
        .poll(async () => (await card.read())?.related.length ?? 0, {
          message: `the card of ${id}, which arrived from Hugging Face, lists related papers`,
        })
        .toBeGreaterThan(0);
      const related = (await card.read())!.related;
      expect(related.map((r) => r.id)).not.toContain(id);
      const records = await send(run.page, 'getPapers', { ids: related.map((r) => r.id) });
      expect(records.map((p) => p?.title)).toEqual(related.map((r) => r.title));
      await page.close();
    }
  });
});

test.describe('faults', () => {
  let run: Launched | undefined;

  test.afterEach(async () => {
    await run?.context.close();
    run = undefined;
  });

  test('a storm of 503s: each run asks once, says 503 and backs off further; the catalog stays as it was; the next update carries on', async () => {
    test.setTimeout(150_000);
    run = await launch();
    const before = await catalogState(run.page);
    expect(before.feedPapers).toBe(0);
    run.feeds.fault = { status: 503 };

    await send(run.page, 'setSource', { source: 'hf', enabled: true, backfillDays: BACKFILL_DAYS });
    const first = await runEnded(run.page, null);
    expect(first.lastError).toMatchObject({
      kind: 'http',
      status: 503,
      message: 'Hugging Face answered 503.',
    });
    expect(first.failures).toBe(1);
    const firstWait = Date.parse(first.nextAt!) - Date.parse(first.lastError!.at);
    expect(Date.parse(first.nextAt!)).toBeGreaterThan(Date.now());
    expect(firstWait).toBeGreaterThanOrEqual(15 * MIN_MS);
    // The retry is on the clock, not only in the status.
    await expect.poll(() => alarmAt(run!.worker)).toBe(Date.parse(first.nextAt!));
    // A failing server is not hammered: the run stopped at its first answer.
    expect(run.feeds.requests).toHaveLength(1);
    expect(await catalogState(run.page)).toEqual(before);

    await send(run.page, 'updateSources', { sources: ['hf'] });
    const second = await runEnded(run.page, first.lastRunAt);
    expect(second.lastError).toMatchObject({ kind: 'http', status: 503 });
    expect(second.failures).toBe(2);
    const secondWait = Date.parse(second.nextAt!) - Date.parse(second.lastError!.at);
    expect(secondWait).toBeGreaterThanOrEqual(2 * firstWait - 5_000);
    expect(run.feeds.requests).toHaveLength(2);
    expect(await catalogState(run.page)).toEqual(before);

    run.feeds.fault = null;
    await send(run.page, 'updateSources', {});
    const recovered = await runEnded(run.page, second.lastRunAt, 'hf', 120_000);
    expect(recovered).toMatchObject({
      lastError: null,
      failures: 0,
      lastAdded: ALL_FRESH.length,
      added: ALL_FRESH.length,
    });
    expect(Date.parse(recovered.nextAt!)).toBeGreaterThan(Date.now());
    expect(await freshFound(run.page)).toEqual(ALL_FRESH);
    expect((await send(run.page, 'getSources')).feedPapers).toBe(ALL_FRESH.length);
  });

  test('a 429 with Retry-After is waited out, even past the backoff', async () => {
    test.setTimeout(90_000);
    run = await launch();
    const before = await catalogState(run.page);
    run.feeds.fault = { status: 429, headers: { 'retry-after': '120' } };
    await send(run.page, 'setSource', { source: 'hf', enabled: true, backfillDays: BACKFILL_DAYS });
    const first = await runEnded(run.page, null);
    expect(first.lastError).toMatchObject({
      kind: 'rate-limited',
      status: 429,
      retryAfterMs: 120_000,
      message: expect.stringContaining('wait for 120 s'),
    });
    expect(Date.parse(first.nextAt!) - Date.parse(first.lastError!.at)).toBeGreaterThanOrEqual(
      120_000,
    );
    expect(await catalogState(run.page)).toEqual(before);

    // Two hours is longer than the backoff after a second failure (30 min): the server's word wins.
    run.feeds.fault = { status: 429, headers: { 'retry-after': '7200' } };
    await send(run.page, 'updateSources', { sources: ['hf'] });
    const second = await runEnded(run.page, first.lastRunAt);
    expect(second.lastError).toMatchObject({ status: 429, retryAfterMs: 7_200_000 });
    expect(Date.parse(second.nextAt!) - Date.parse(second.lastError!.at)).toBeGreaterThanOrEqual(
      7_200_000,
    );
    await expect.poll(() => alarmAt(run!.worker)).toBe(Date.parse(second.nextAt!));
    expect(run.feeds.requests).toHaveLength(2);
    expect(await catalogState(run.page)).toEqual(before);
  });

  test('a truncated body: a bad-body status, nothing of it stored, and the next update asks for that page again', async () => {
    test.setTimeout(150_000);
    run = await launch();
    const before = await catalogState(run.page);
    // Cut inside the second paper: the first one is whole in what arrived.
    const truncated = HF_DAY.slice(0, HF_DAY.indexOf(TITLES.qlora) + 10);
    expect(truncated).toContain(`"title": "LoRA: Low-Rank Adaptation of Large Language Models"`);
    run.feeds.fault = {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: truncated,
    };
    await send(run.page, 'setSource', { source: 'hf', enabled: true, backfillDays: BACKFILL_DAYS });
    const bad = await runEnded(run.page, null);
    expect(bad.lastError).toMatchObject({
      kind: 'bad-body',
      message: expect.stringMatching(/^Hugging Face's answer is not valid JSON \(it was cut off\)/),
    });
    expect(Date.parse(bad.nextAt!)).toBeGreaterThan(Date.now());
    expect(run.feeds.requests).toHaveLength(1);
    // Not even the whole first paper: a page is stored whole or not at all.
    expect(await catalogState(run.page)).toEqual(before);

    run.feeds.fault = null;
    await send(run.page, 'updateSources', {});
    const good = await runEnded(run.page, bad.lastRunAt, 'hf', 120_000);
    expect(good).toMatchObject({ lastError: null, failures: 0, lastAdded: ALL_FRESH.length });
    const urls = run.feeds.requests.map((r) => r.url);
    expect(urls[1]).toBe(urls[0]);
    expect(await freshFound(run.page)).toEqual(ALL_FRESH);
  });

  test('a worker stopped mid-backfill resumes from its cursor: no day asked twice but the interrupted one', async () => {
    test.setTimeout(180_000);
    run = await launch();
    await send(run.page, 'setSource', { source: 'hf', enabled: true, backfillDays: BACKFILL_DAYS });
    // Well into the backfill (one request a second), far from its end (about 23 requests).
    await expect
      .poll(() => run!.feeds.requests.length, { timeout: 30_000, intervals: [100] })
      .toBeGreaterThanOrEqual(6);

    const running = await hfStatus(run.page);
    expect(running.progress).not.toBeNull();

    const cdp = await run.context.newCDPSession(run.page);
    const stopped = new Promise<void>((resolve) =>
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        if (versions.some((v) => v.runningStatus === 'stopped')) resolve();
      }),
    );
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await stopped;
    const atStop = run.feeds.requests.length;
    expect(atStop).toBeLessThan(20);

    // Any message wakes the worker; it resumes the run it left, which ends in success.
    let status: SourceStatus | undefined;
    await expect
      .poll(
        async () => {
          status = await hfStatus(run!.page);
          return status.progress === null && (status.lastSuccessAt ?? status.lastError);
        },
        { timeout: 120_000, intervals: [250] },
      )
      .toBeTruthy();
    expect(status).toMatchObject({ lastError: null, failures: 0 });
    expect(status!.lastRunAt! > running.lastRunAt!).toBe(true);
    expect(await freshFound(run.page)).toEqual(ALL_FRESH);

    const urls = run.feeds.requests.map((r) => r.url);
    console.log(`worker stopped after ${atStop} of ${urls.length} requests`);
    expect(urls.length).toBeGreaterThan(atStop);
    const beforeStop = urls.slice(0, atStop);
    const afterWake = urls.slice(atStop);
    // Only the page in flight when the worker stopped may be asked again: all before it were
    // stored with their cursor.
    const interrupted = beforeStop.at(-1)!;
    expect(afterWake.filter((url) => beforeStop.includes(url) && url !== interrupted)).toEqual([]);
    expect(new Set(afterWake).size).toBe(afterWake.length);
    expect(new Set(beforeStop).size).toBe(beforeStop.length);

    // And the run as a whole covered the backfill: the trending list and every weekday of the
    // 30 days, newest first.
    const days = urls.map((url) => new URL(url).searchParams.get('date')).filter(Boolean);
    expect(urls.filter((url) => url.includes('sort=trending'))).toHaveLength(1);
    const newest = Date.parse(days[0]!);
    const expected: string[] = [];
    for (let t = newest; t > newest - BACKFILL_DAYS * DAY_MS; t -= DAY_MS) {
      const day = new Date(t);
      if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6)
        expected.push(day.toISOString().slice(0, 10));
    }
    expect([...new Set(days)]).toEqual(expected);
  });
});

/** The notifications the extension shows now, and the papers its daily one named. */
function notificationsShown(worker: Worker) {
  return worker.evaluate(async () => {
    type Chrome = {
      notifications: { getAll: () => Promise<Record<string, boolean>> };
      storage: { local: { get: (key: string) => Promise<Record<string, unknown>> } };
    };
    const { notifications, storage } = (globalThis as unknown as { chrome: Chrome }).chrome;
    const { digestShown } = await storage.local.get('digestShown');
    return { ids: Object.keys(await notifications.getAll()), named: digestShown ?? null };
  });
}

test.describe('the daily notification', () => {
  test('is off until switched on in Options → Sources; then an update names the fresh papers on the reading list topics, once', async () => {
    test.setTimeout(180_000);
    const run = await launch();
    try {
      // A reading list on low-rank fine-tuning: NOLA and CorDA, papers of the bundled catalog.
      await send(run.page, 'savePaper', { id: '2310.02556' });
      await send(run.page, 'savePaper', { id: '2406.05223' });
      await run.page.goto(`chrome-extension://${run.id}/options.html#sources`);
      const toggle = run.page.locator('[data-action="daily-notification"]');
      await expect(toggle).not.toBeChecked();
      await toggle.check();
      await expect(toggle).toBeChecked();
      expect((await send(run.page, 'getSources')).settings.notify).toBe(true);
      expect(await notificationsShown(run.worker)).toEqual({ ids: [], named: null });

      await send(run.page, 'setSource', {
        source: 'hf',
        enabled: true,
        backfillDays: BACKFILL_DAYS,
      });
      await runEnded(run.page, null);
      // The notification follows the run's status write.
      await expect
        .poll(async () => (await notificationsShown(run.worker)).ids, { timeout: 15_000 })
        .toEqual(['paperpeek-digest']);
      const shown = await notificationsShown(run.worker);
      // LoRA and QLoRA are fine-tuning papers; Mixtral (a mixture of experts) is not.
      expect(shown.named).toEqual(expect.arrayContaining([FRESH.lora, FRESH.qlora]));
      expect(shown.named).not.toContain(FRESH.mixtral);

      // The same day, another update names nothing more.
      await run.worker.evaluate(async () => {
        type Chrome = { notifications: { clear: (id: string) => Promise<boolean> } };
        await (globalThis as unknown as { chrome: Chrome }).chrome.notifications.clear(
          'paperpeek-digest',
        );
      });
      const { lastRunAt } = await hfStatus(run.page);
      await send(run.page, 'updateSources', { sources: ['hf'] });
      await runEnded(run.page, lastRunAt);
      expect((await notificationsShown(run.worker)).ids).toEqual([]);
    } finally {
      await run.context.close();
    }
  });
});
