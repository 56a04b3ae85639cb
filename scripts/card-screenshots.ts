import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { send } from '../tests/e2e/messages';

/**
 * Card screenshots: a fixture page served at its real URL, a marker hovered with the mouse, the
 * card open with its related papers, in the OS theme given. Saved as card-<name>-<scheme>.png.
 */

const FIXTURES = path.resolve('tests/fixtures/pages');

const ANY_MARKER = '[data-paperpeek="marker"]';

export const CARD_SHOTS: readonly { name: string; file: string; marker?: string }[] = [
  { name: 'arxiv', file: 'arxiv-list.html' },
  { name: 'scholar', file: 'google-scholar.html' },
  // A quiet marker: the listing's paper the catalog lacks.
  { name: 'quiet', file: 'arxiv-list.html', marker: `${ANY_MARKER}[data-in-catalog="false"]` },
];

/** Serves every fixture page at the URL it was saved from (tests/fixtures/pages/expected.json). */
export async function serveFixturePages(context: BrowserContext): Promise<Map<string, string>> {
  const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as {
    fixtures: Record<string, { url: string }>;
  };
  const urls = new Map(
    Object.entries(expected.fixtures).map(([file, { url }]) => [file, new URL(url).href]),
  );
  const bodies = new Map(
    [...urls].map(([file, url]) => [url, readFileSync(path.join(FIXTURES, file))]),
  );
  // Registered after the abort-everything route, so it is asked first.
  await context.route(
    (url) => bodies.has(url.href),
    (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: bodies.get(route.request().url())!,
      }),
  );
  return urls;
}

/** Waits until the bundled catalog is installed: before that a page gets no markers. */
export async function waitForCatalog(page: Page): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await send(page, 'getCatalogStatus')).active?.count) {
    if (Date.now() > deadline) throw new Error('The bundled catalog was not installed in 60 s');
    await page.waitForTimeout(250);
  }
}

/** Opens `url`, hovers its first marker (of `selector`) and saves the viewport once the card has settled. */
export async function shootCard(
  page: Page,
  url: string,
  file: string,
  selector = ANY_MARKER,
): Promise<void> {
  await page.goto(url);
  const marker = page.locator(selector).first();
  await marker.waitFor({ timeout: 15_000 });
  // Near the top, so the card has room below its marker as it would on a first look.
  await marker.evaluate((el) =>
    window.scrollTo(0, Math.max(0, el.getBoundingClientRect().top + window.scrollY - 120)),
  );
  await marker.hover();
  await page.locator('[data-paperpeek="card"]').waitFor({ state: 'attached', timeout: 5_000 });
  // The related list arrives with a second message; positioning settles on the next frame.
  await page.waitForTimeout(800);
  await page.screenshot({ path: file });
}

/**
 * Opens `url`, reaches its first marker with Tab alone, goes into the card with Tab onto its Save
 * button (the focus ring shows where the keyboard is) and saves the viewport.
 */
export async function shootCardByKeyboard(page: Page, url: string, file: string): Promise<void> {
  await page.goto(url);
  await page.locator('[data-paperpeek="marker"]').first().waitFor({ timeout: 15_000 });
  const onMarker = () =>
    page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.paperpeek);
  for (let i = 0; i < 80 && (await onMarker()) !== 'marker'; i++) await page.keyboard.press('Tab');
  if ((await onMarker()) !== 'marker') throw new Error('Tab never reached a marker');
  await page.locator('[data-paperpeek="card"]').waitFor({ state: 'attached', timeout: 5_000 });
  // The related list arrives with a second message: wait for it before counting stops.
  await page.waitForTimeout(800);
  // Title, code, arXiv, PDF, Hugging Face, then Save.
  for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
  await page.waitForTimeout(200);
  await page.screenshot({ path: file });
}
