import { readFileSync } from 'node:fs';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { badgeText } from './badge';
import { expect, test } from './fixtures';
import { fixture, launchWithFixtures } from './fixture-server';
import { MarkerSettingsPage } from './pages/marker-settings';

/**
 * The "Page markers" settings, driven from the options page with the keyboard, as they act on
 * fixture pages served at their real URLs: a site turned off loses its markers at once and gets
 * them back when turned on, and the card waits for the hover delay the user chose.
 */

let context: BrowserContext;
let worker: Worker;
let settings: MarkerSettingsPage;

test.beforeAll(async () => {
  ({ context, worker } = await launchWithFixtures());
});

test.afterAll(async () => context?.close());

test.beforeEach(async () => {
  settings = await MarkerSettingsPage.open(context, new URL(worker.url()).host);
  await settings.reset();
});

test.afterEach(async () => {
  for (const page of context.pages()) await page.close();
});

async function open(file: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(fixture(file).url);
  return page;
}

/** Catalog markers (quiet markers, for papers the catalog lacks, have a test of their own). */
const markers = (page: Page) => page.locator('[data-paperpeek="marker"][data-in-catalog="true"]');
const quietMarkers = (page: Page) =>
  page.locator('[data-paperpeek="marker"][data-in-catalog="false"]');

test('turning a site off removes its markers at once, and turning it on brings them back', async () => {
  const arxiv = await open('arxiv-list.html');
  const scholar = await open('google-scholar.html');
  await expect(markers(arxiv)).toHaveCount(2);
  // Every marker the fixture expects, once the page's scan is done (not whatever is there yet).
  const scholarCount = expectedMarkers('google-scholar.html');
  await expect(markers(scholar)).toHaveCount(scholarCount);
  expect(scholarCount).toBeGreaterThan(0);

  // Added with the keyboard only, as a full URL: stored as the bare site.
  await settings.page.bringToFront();
  await settings.tabTo(settings.siteInput);
  await settings.page.keyboard.type('https://www.arxiv.org/list/cs.LG/new');
  await settings.page.keyboard.press('Enter');
  await expect(settings.sites).toHaveText(['arxiv.orgRemove']);
  await expect(settings.siteInput).toHaveValue('');
  expect((await settings.stored()).disabledSites).toEqual(['arxiv.org']);

  await expect(markers(arxiv)).toHaveCount(0);
  await expect.poll(() => badgeText(worker, arxiv)).toBe('');
  // Another site keeps its markers.
  await expect(markers(scholar)).toHaveCount(scholarCount);

  // A page of the site opened while it is off gets nothing...
  const abs = await open('arxiv-abs.html');
  await abs.waitForTimeout(1000);
  await expect(markers(abs)).toHaveCount(0);

  // ...until the site is turned back on, again with the keyboard: every open page rescans.
  await settings.page.bringToFront();
  await settings.tabTo(settings.removeButton('arxiv.org'));
  await settings.page.keyboard.press('Enter');
  await expect(settings.sites).toHaveCount(0);
  await expect(settings.section.getByText('Markers are on for every site.')).toBeVisible();
  await expect(markers(arxiv)).toHaveCount(2);
  await expect(markers(abs)).toHaveCount(1);
  await expect.poll(() => badgeText(worker, arxiv)).toBe('2');
});

/** How many markers a fixture page must get: one per anchor of each paper (expected.json). */
function expectedMarkers(file: string): number {
  const expected = JSON.parse(readFileSync('tests/fixtures/pages/expected.json', 'utf8')) as {
    fixtures: Record<string, { papers: Record<string, string[]> }>;
  };
  return Object.values(expected.fixtures[file]!.papers).flat().length;
}

test('the global switch turns markers off and on everywhere, from the keyboard', async () => {
  const arxiv = await open('arxiv-list.html');
  const scholar = await open('google-scholar.html');
  await expect(markers(arxiv)).toHaveCount(2);
  // Every marker the fixture expects, once the page's scan is done (not whatever is there yet).
  const scholarCount = expectedMarkers('google-scholar.html');
  await expect(markers(scholar)).toHaveCount(scholarCount);

  await settings.page.bringToFront();
  await settings.tabTo(settings.toggle);
  await settings.page.keyboard.press('Space');
  await expect(settings.toggle).not.toBeChecked();
  await expect(settings.section.getByText('Markers are off on every site')).toBeVisible();
  expect((await settings.stored()).markersEnabled).toBe(false);
  await expect(markers(arxiv)).toHaveCount(0);
  await expect(markers(scholar)).toHaveCount(0);

  await settings.page.keyboard.press('Space');
  await expect(settings.toggle).toBeChecked();
  await expect(markers(arxiv)).toHaveCount(2);
  await expect(markers(scholar)).toHaveCount(scholarCount);
});

test('a site that is not one is refused with a clear message, and nothing changes', async () => {
  await settings.tabTo(settings.siteInput);
  await settings.page.keyboard.type('not a site');
  await settings.page.keyboard.press('Enter');
  await expect(settings.error).toHaveText('"not a site" is not a site: it contains a space.');
  await expect(settings.siteInput).toHaveAttribute('aria-invalid', 'true');
  await expect(settings.siteInput).toHaveValue('not a site');
  expect((await settings.stored()).disabledSites).toBeUndefined();

  await settings.siteInput.fill('ftp://arxiv.org');
  await settings.addButton.click();
  await expect(settings.error).toContainText('only http and https pages have markers');
  expect((await settings.stored()).disabledSites).toBeUndefined();
  await expect(settings.sites).toHaveCount(0);
});

/** Main-world timestamps of the first hover or focus on a marker and of the card appearing. */
function recordCardTiming(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as { timing: { start?: number; open?: number } };
    w.timing = {};
    const start = (event: Event) => {
      if ((event.target as Element).getAttribute?.('data-paperpeek') === 'marker') {
        w.timing.start ??= performance.now();
      }
    };
    document.addEventListener('pointerover', start, true);
    document.addEventListener('focusin', start, true);
    new MutationObserver(() => {
      if (document.querySelector('[data-paperpeek="card"]')) w.timing.open ??= performance.now();
    }).observe(document.documentElement, { childList: true });
  });
}

const cardTiming = (page: Page) =>
  page.evaluate(() => (window as unknown as { timing: { start?: number; open?: number } }).timing);

test('the card waits for the hover delay set with the keyboard; focus opens it at once', async () => {
  await settings.tabTo(settings.delay);
  await expect(settings.delayValue).toHaveText('300 ms');
  await settings.page.keyboard.press('End');
  await expect(settings.delayValue).toHaveText('2000 ms');
  await settings.page.keyboard.press('ArrowLeft');
  await settings.page.keyboard.press('ArrowRight');
  await expect(settings.delayValue).toHaveText('2000 ms');
  await expect.poll(async () => (await settings.stored()).hoverDelayMs).toBe(2000);

  const page = await open('arxiv-list.html');
  await expect(markers(page)).toHaveCount(2);
  await recordCardTiming(page);
  await markers(page).first().hover();
  await page.waitForTimeout(1000);
  // Half way through the delay: hovered, but no card yet.
  expect((await cardTiming(page)).open).toBeUndefined();
  await expect.poll(async () => (await cardTiming(page)).open, { timeout: 5000 }).toBeDefined();
  const hovered = await cardTiming(page);
  const waited = hovered.open! - hovered.start!;
  expect(waited).toBeGreaterThanOrEqual(1990);
  expect(waited).toBeLessThan(3500);

  // Focus does not wait for the hover delay.
  await page.mouse.move(0, 0);
  await expect(page.locator('[data-paperpeek="card"]')).toHaveCount(0);
  await recordCardTiming(page);
  await markers(page).nth(1).focus();
  await expect.poll(async () => (await cardTiming(page)).open).toBeDefined();
  const focused = await cardTiming(page);
  expect(focused.open! - focused.start!).toBeLessThan(500);
});

test('quiet markers are on by default; the switch takes them away at once and brings them back', async () => {
  const arxiv = await open('arxiv-list.html');
  await expect(markers(arxiv)).toHaveCount(2);
  await expect(quietMarkers(arxiv)).toHaveCount(1);
  await expect(settings.quietToggle).toBeChecked();

  await settings.page.bringToFront();
  await settings.tabTo(settings.quietToggle);
  await settings.page.keyboard.press('Space');
  await expect(settings.quietToggle).not.toBeChecked();
  expect((await settings.stored()).quietMarkers).toBe(false);
  await expect(quietMarkers(arxiv)).toHaveCount(0);
  await expect(markers(arxiv)).toHaveCount(2);

  await settings.page.keyboard.press('Space');
  await expect(quietMarkers(arxiv)).toHaveCount(1);
  await expect(markers(arxiv)).toHaveCount(2);
  await expect.poll(() => badgeText(worker, arxiv)).toBe('2');
});
