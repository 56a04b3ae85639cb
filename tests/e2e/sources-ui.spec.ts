import type { BrowserContext, Page } from '@playwright/test';
import { FRESH, serveFeeds, type FeedServer } from './feed-server';
import { EXTENSION_DIR, expect, extensionWorker, launchExtension, test } from './fixtures';
import { send } from './messages';
import { SourcesSettings } from './pages/options-page';
import { PopupPage, trendingList } from './pages/popup-page';
import { WelcomePage } from './pages/welcome-page';

/**
 * The feed sources as a user meets them (issue 13): the welcome page a fresh install opens, Options
 * → Sources, and the popup's Trending view, with the feeds served from recorded fixtures at their
 * real URLs. Headless Chromium cannot answer the host-permission prompt the switches open; the
 * pages do not wait for it (lib/feeds/permissions.ts) and the fixtures allow any origin.
 */

/** A short first backfill: the fixture server answers every day, one request a second. */
const BACKFILL_DAYS = 30;

type Launched = { context: BrowserContext; feeds: FeedServer; id: string; page: Page };

async function launch(welcome: 'keep' | 'close' = 'close'): Promise<Launched> {
  const context = await launchExtension(EXTENSION_DIR, '', { welcome });
  const feeds = await serveFeeds(context);
  const id = new URL((await extensionWorker(context)).url()).host;
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/options.html`);
  await expect
    .poll(async () => (await send(page, 'getCatalogStatus')).active?.count, { timeout: 30_000 })
    .toBeGreaterThan(0);
  return { context, feeds, id, page };
}

/** Waits until Hugging Face has finished a run (successful or not). */
async function hfDone(page: Page, timeout = 90_000): Promise<void> {
  await expect
    .poll(
      async () => {
        const { status } = await send(page, 'getSources');
        return status.hf.progress === null && (status.hf.lastSuccessAt ?? status.hf.lastError);
      },
      { timeout, intervals: [500] },
    )
    .toBeTruthy();
}

let run: Launched | undefined;
test.afterEach(async () => {
  await run?.context.close();
  run = undefined;
});

test('a fresh install opens the welcome page, which fetches nothing until asked; Not now keeps it so', async () => {
  run = await launch('keep');
  const welcome = await WelcomePage.opened(run.context);
  await expect(welcome.sources).toHaveCount(3);
  await expect(welcome.sources.first()).toContainText('Hugging Face daily papers');
  await expect(welcome.sources.first()).toContainText('Never sent:');
  await expect(welcome.start).toBeEnabled();
  // Time for anything eager to fire: nothing may.
  await welcome.page.waitForTimeout(3_000);
  expect(run.feeds.requests).toEqual([]);

  await welcome.notNow.focus();
  await welcome.page.keyboard.press('Enter');
  await expect(welcome.outcome).toContainText('Nothing was fetched');
  await expect(welcome.outcome).toBeFocused();
  expect(await welcome.welcomeDone()).toBe(true);
  const { settings } = await send(welcome.page, 'getSources');
  expect([settings.hf.enabled, settings.arxiv.enabled, settings.sub.enabled]).toEqual([
    false,
    false,
    false,
  ]);
  await welcome.page.waitForTimeout(2_000);
  expect(run.feeds.requests).toEqual([]);
});

test('Start turns Hugging Face on, shows the first update, and links to Options → Sources', async () => {
  test.setTimeout(150_000);
  run = await launch('keep');
  const welcome = await WelcomePage.opened(run.context);
  await send(welcome.page, 'setSource', { source: 'hf', backfillDays: BACKFILL_DAYS });
  await expect(welcome.start).toBeEnabled();
  await welcome.start.click();
  await expect(welcome.outcome).toHaveAttribute('data-state', 'started');
  await expect(welcome.firstUpdate).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expect(welcome.firstUpdate).toContainText(/Done: \d+ papers? added to the catalog\./);
  expect(await welcome.welcomeDone()).toBe(true);
  // Only Hugging Face's daily papers were asked for, without cookies or a referrer.
  expect(run.feeds.requests.length).toBeGreaterThan(0);
  for (const { url, headers } of run.feeds.requests) {
    expect(url).toMatch(/^https:\/\/huggingface\.co\/api\/daily_papers\?/);
    expect(headers.cookie).toBeUndefined();
    expect(headers.referer).toBeUndefined();
  }

  await welcome.optionsLink.click();
  const sources = new SourcesSettings(welcome.page);
  await expect(sources.toggle('hf')).toBeChecked();
  await expect(sources.facts('hf')).toContainText('Updated just now');
  await expect(sources.facts('hf')).toContainText(/\d+ papers? added/);
  await expect(sources.section.getByRole('heading', { name: 'Sources' })).toBeFocused();
});

test('the arXiv category picker works from the keyboard alone', async () => {
  run = await launch();
  const sources = await SourcesSettings.open(run.context, run.id);
  await expect(sources.categoryBox).toBeEnabled();
  // Nothing on the reading list names a category: the busiest ML ones are suggested.
  await expect(sources.suggestions).toHaveText(['+ cs.LG', '+ cs.CL', '+ cs.CV', '+ cs.AI']);

  await sources.categoryBox.focus();
  await sources.page.keyboard.type('robot');
  await expect(sources.categoryBox).toHaveAttribute('aria-expanded', 'true');
  await expect(sources.categoryOptions.first()).toHaveAttribute('data-category', 'cs.RO');
  await sources.page.keyboard.press('Enter');
  await expect(sources.chips).toHaveAttribute('data-category', 'cs.RO');
  await expect(sources.categoryBox).toHaveValue('');
  await expect.poll(async () => (await sources.stored()).arxiv.categories).toEqual(['cs.RO']);

  // Arrows move the active option; the box keeps the focus and points at it.
  await sources.page.keyboard.type('machine');
  await sources.page.keyboard.press('ArrowDown');
  const activeCategory = () =>
    sources.categoryBox.evaluate((box) => {
      const id = box.getAttribute('aria-activedescendant');
      return id ? document.getElementById(id)?.getAttribute('data-category') : null;
    });
  await expect.poll(activeCategory).toBe('stat.ML');
  await expect(sources.categoryBox).toBeFocused();
  await sources.page.keyboard.press('Enter');
  await expect(sources.chips).toHaveCount(2);
  await sources.page.keyboard.press('Escape');
  await expect(sources.categoryBox).toHaveAttribute('aria-expanded', 'false');

  await sources.removeCategory('cs.RO').focus();
  await sources.page.keyboard.press('Enter');
  await expect(sources.chips).toHaveCount(1);
  await expect(sources.categoryBox).toBeFocused();
  await expect.poll(async () => (await sources.stored()).arxiv.categories).toEqual(['stat.ML']);

  await sources.suggestions.first().click();
  await expect
    .poll(async () => (await sources.stored()).arxiv.categories.toSorted())
    .toEqual(['cs.LG', 'stat.ML']);
  // arXiv is still off: choosing categories fetched nothing.
  expect(run.feeds.requests).toEqual([]);
});

test('a failed update reads in words with its next try, and Update now carries on', async () => {
  test.setTimeout(150_000);
  run = await launch();
  const sources = await SourcesSettings.open(run.context, run.id);
  await send(sources.page, 'setSource', { source: 'hf', backfillDays: BACKFILL_DAYS });
  run.feeds.fault = { status: 503 };
  await expect(sources.toggle('hf')).toBeEnabled();
  await sources.toggle('hf').check();
  await hfDone(sources.page);
  await expect(sources.error('hf')).toHaveText(
    /^Hugging Face answered 503; next try (at|tomorrow at|on) .+\.$/,
  );

  run.feeds.fault = null;
  await expect(sources.updateNow).toBeEnabled();
  await sources.updateNow.click();
  await expect(sources.facts('hf')).toContainText('Updating now');
  await hfDone(sources.page, 120_000);
  await expect(sources.error('hf')).toHaveCount(0);
  await expect(sources.facts('hf')).toContainText('Updated just now');
  await expect(sources.summary).toContainText(
    /\d+ papers? from sources · catalog updated just now/,
  );
});

test('Trending lists the fresh papers, each saveable; the empty search says how fresh the catalog is', async () => {
  test.setTimeout(150_000);
  run = await launch();
  // Before any source: Trending says how to get some.
  const before = await PopupPage.open(run.context, run.id);
  await before.tab('Trending').click();
  await expect(before.page.locator('.trend-empty')).toContainText('Turn on Hugging Face or arXiv');
  await before.page.close();

  await send(run.page, 'setSource', { source: 'hf', enabled: true, backfillDays: BACKFILL_DAYS });
  await hfDone(run.page);

  const popup = await PopupPage.open(run.context, run.id);
  await expect(popup.status).toHaveText(/^Updated (just now|\d+ min ago)$/);
  await popup.tab('Trending').click();
  await expect(popup.tab('Trending')).toHaveAttribute('aria-selected', 'true');
  await expect(trendingList(popup.page, 'hf-trending').first()).toBeVisible();
  const row = popup.page.locator(`[data-list=trending] [data-paper-id="${FRESH.lora}"]`).first();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: /^Save “/ }).click();
  await expect(row.getByText('Saved')).toBeVisible();
  await row.locator('.trend-title').click();
  await expect(popup.details).toBeVisible();
  await expect(popup.details.locator('[data-origin]')).toHaveText(/^From Hugging Face · updated /);
  expect(popup.errors).toEqual([]);
});
