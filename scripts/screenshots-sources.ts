import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { serveFeeds, type FeedServer } from '../tests/e2e/feed-server';
import { sendRaw } from '../tests/e2e/messages';
import { waitForCatalog } from './card-screenshots';
import { OUT_DIR, openScreenshotBrowser } from './screenshot-browser';

/**
 * `npx tsx scripts/screenshots-sources.ts`: the feed sources (issue 13) in the built extension,
 * light and dark, with the public feeds served from recorded fixtures at their real URLs
 * (tests/e2e/feed-server.ts), saved to docs/screenshots/:
 * - welcome-{scheme}.png: the first-run page as a fresh install opens it, before any choice;
 * - welcome-started-{scheme}.png: the same page after "Start with Hugging Face" and its update;
 * - options-sources-{scheme}.png: Options → Sources with Hugging Face and arXiv on, the category
 *   picker searching;
 * - popup-search-fresh-{scheme}.png: the popup's empty search, saying how fresh the catalog is;
 * - popup-trending-{scheme}.png: the popup's Trending view (400 x 560);
 * - popup-details-fresh-{scheme}.png: the first trending paper's details, with where it came from
 *   and Hugging Face's summary.
 * All at 2x, as the popup shots.
 * Every step that cannot happen (the background's feed service not answering, an update that
 * never ends) is reported with what it needs; the shots then show the pages' error states, and
 * the run exits 1. Builds first unless PAPERPEEK_SKIP_BUILD is set; run it under the e2e lock.
 */

const SCHEMES = ['light', 'dark'] as const;
/** A short first backfill: the fixture server answers every day, one request a second. */
const BACKFILL_DAYS = 30;
const UPDATE_TIMEOUT_MS = 120_000;

const problems: string[] = [];
const need = (what: string) => {
  problems.push(what);
  console.error(`Needs: ${what}`);
};

async function shoot(page: Page, name: string, target?: { locator: string }): Promise<void> {
  const file = path.join(OUT_DIR, `${name}.png`);
  await page.mouse.move(0, 0);
  if (target) await page.locator(target.locator).screenshot({ path: file });
  else await page.screenshot({ path: file, fullPage: true });
  console.log(`Saved ${path.relative(process.cwd(), file)}`);
}

/** Waits until no source runs and each of `sources` has finished a run (or failed one). */
async function waitForUpdate(page: Page, sources: ('hf' | 'arxiv')[]): Promise<boolean> {
  const deadline = Date.now() + UPDATE_TIMEOUT_MS;
  for (;;) {
    const view = await sendRaw(page, 'getSources');
    if (!view.ok) {
      need(`the background's feed service answering getSources (it said: ${view.error})`);
      return false;
    }
    const statuses = sources.map((s) => view.value.status[s]);
    if (statuses.every((s) => s.progress === null && (s.lastSuccessAt || s.lastError))) {
      for (const [i, s] of statuses.entries()) {
        if (s.lastError)
          need(`a successful ${sources[i]} update (its error: ${s.lastError.message})`);
      }
      return true;
    }
    if (Date.now() > deadline) {
      need(`the ${sources.join(' and ')} update to finish within ${UPDATE_TIMEOUT_MS / 1000} s`);
      return false;
    }
    await page.waitForTimeout(500);
  }
}

async function welcomeShots(context: BrowserContext, id: string, feeds: FeedServer) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/welcome.html`);
  const start = page.locator('[data-action="enable-sources"]');
  await start.waitFor();
  // The background's answer (or its error) decides whether Start can be pressed.
  await page.waitForTimeout(500);
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await shoot(page, `welcome-${colorScheme}`);
  }
  if (feeds.requests.length > 0) {
    need(`no feed request before the user chooses (saw ${feeds.requests[0]!.url})`);
  }
  if (!(await start.isEnabled())) {
    need('the welcome page able to start: its Start button stayed disabled (see its message)');
    return page.close();
  }
  const set = await sendRaw(page, 'setSource', { source: 'hf', backfillDays: BACKFILL_DAYS });
  if (!set.ok) need(`setSource answering (it said: ${set.error})`);
  // A trusted click: the permission prompt it opens cannot be answered headless, and the page
  // does not wait for it (lib/feeds/permissions.ts).
  await start.click();
  await page.locator('[data-state="started"]').waitFor({ timeout: 15_000 });
  if (await waitForUpdate(page, ['hf'])) {
    await page
      .locator('.first-update[data-state="done"], .first-update[data-state="error"]')
      .waitFor({ timeout: 10_000 });
  }
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await shoot(page, `welcome-started-${colorScheme}`);
  }
  await page.close();
}

async function optionsShots(context: BrowserContext, id: string) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/options.html#sources`);
  const set = await sendRaw(page, 'setSource', {
    source: 'arxiv',
    enabled: true,
    categories: ['cs.CL', 'cs.LG'],
  });
  if (set.ok) await waitForUpdate(page, ['hf', 'arxiv']);
  else need(`setSource for arXiv answering (it said: ${set.error})`);
  await page.reload();
  const section = page.locator('#sources');
  await section.waitFor();
  await page.waitForFunction(() => !document.body.textContent?.includes('Reading the sources'));
  const box = section.getByRole('combobox', { name: 'Add a category' });
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    if (await box.isEnabled().catch(() => false)) {
      await box.fill('');
      await box.pressSequentially('net');
      await box.press('ArrowDown');
    }
    await shoot(page, `options-sources-${colorScheme}`, { locator: '#sources' });
  }
  await page.close();
}

async function popupShots(context: BrowserContext, id: string) {
  const page = await context.newPage();
  // The popup's own size (the profile's 2x, as the other popup shots).
  await page.setViewportSize({ width: 400, height: 560 });
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await page.goto(`chrome-extension://${id}/popup.html`);
    await page.locator('[data-list=search] [data-paper-id]').first().waitFor({ timeout: 30_000 });
    if (!(await page.locator('.status-bar [role=status]').textContent())?.startsWith('Updated')) {
      if (colorScheme === 'light') need('getSources to answer when the catalog was last updated');
    }
    await shoot(page, `popup-search-fresh-${colorScheme}`, { locator: 'body' });
    await page.getByRole('tab', { name: 'Trending' }).click();
    await page
      .locator('[data-list="trending"] [data-paper-id], .trending-panel .notice, .trend-empty')
      .first()
      .waitFor({ timeout: 15_000 });
    if ((await page.locator('[data-list="trending"] [data-paper-id]').count()) === 0) {
      if (colorScheme === 'light') need('getTrending to answer lists with papers');
    }
    await shoot(page, `popup-trending-${colorScheme}`, { locator: 'body' });
    const first = page.locator('[data-list="trending"] .trend-title').first();
    if (await first.count()) {
      await first.click();
      await page.locator('.paper [data-origin]').waitFor({ timeout: 10_000 });
      await shoot(page, `popup-details-fresh-${colorScheme}`, { locator: 'body' });
    }
  }
  await page.close();
}

async function main(): Promise<number> {
  const { context, extensionId: id } = await openScreenshotBrowser({
    viewport: { width: 960, height: 720 },
    // One profile for every shot (the popup needs the state the welcome page set up), so all are
    // at the popup shots' 2x.
    deviceScaleFactor: 2,
  });
  try {
    const feeds = await serveFeeds(context);
    const first = await context.newPage();
    await first.goto(`chrome-extension://${id}/options.html`);
    await waitForCatalog(first);
    const sources = await sendRaw(first, 'getSources');
    if (!sources.ok) {
      need(
        `the background's feed service (lib/background/feed-service.ts) answering getSources, ` +
          `setSource, updateSources and getTrending; it said: "${sources.error}". ` +
          'The shots below show the pages’ error states.',
      );
    } else if (sources.value.settings.hf.enabled) {
      need('a fresh profile: Hugging Face is already on before the welcome page was answered');
    }
    await first.close();
    const steps: [string, () => Promise<unknown>][] = [
      ['the welcome page', () => welcomeShots(context, id, feeds)],
      ['Options → Sources', () => optionsShots(context, id)],
      ['the popup’s Trending view', () => popupShots(context, id)],
    ];
    for (const [name, step] of steps) {
      try {
        await step();
      } catch (error) {
        need(`${name} to settle: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    const requested = feeds.requests.map((r) => new URL(r.url).host);
    console.log(`Feed requests: ${requested.length} (${[...new Set(requested)].join(', ')})`);
  } finally {
    await context.close();
  }
  if (problems.length) {
    console.error(`\n${problems.length} step(s) could not be shown as intended:`);
    for (const problem of problems) console.error(`- ${problem}`);
  }
  return problems.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
