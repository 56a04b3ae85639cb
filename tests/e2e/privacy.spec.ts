import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './browser';
import { EXTENSION_DIR, expect, test } from './fixtures';
import { fixtureUrls, launchWithFixtures, pageFixtures, serveFixtures } from './fixture-server';

/**
 * Nothing the reader browses leaves the machine. Every request the browser makes is recorded
 * while each fixture page is visited and a marker on it hovered. The pages themselves ask for
 * their stylesheets and images (aborted like any unrouted request); those are learnt from a run
 * of the same pages in the same browser without the extension, and the extension may add nothing.
 */

async function visitAll(context: BrowserContext, hover: boolean): Promise<string[]> {
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  for (const f of pageFixtures) {
    const page: Page = await context.newPage();
    await page.goto(f.url);
    if (hover && Object.keys(f.papers).length > 0) {
      const marker = page.locator('[data-paperpeek="marker"]').first();
      await marker.waitFor();
      await marker.hover();
      // Past the open delay, long enough for the card and its related-paper lookup to render.
      await page.waitForTimeout(800);
    } else {
      await page.waitForTimeout(300);
    }
    await page.close();
  }
  return requests;
}

test('visiting and hovering every fixture page sends nothing anywhere', async () => {
  test.setTimeout(120_000);
  // The pages alone: the same Chromium and flags, no extension.
  const plain = await chromium.launchPersistentContext('', {
    executablePath: chromiumPath(),
    headless: true,
    args: chromiumArgs(EXTENSION_DIR).filter((arg) => !arg.includes('extension')),
  });
  await plain.route('**/*', (route) => route.abort('blockedbyclient'));
  await serveFixtures(plain);
  const baseline = new Set(await visitAll(plain, false));
  await plain.close();

  const { context } = await launchWithFixtures();
  const seen = await visitAll(context, true);
  await context.close();

  const pageLoads = seen.filter((url) => fixtureUrls.has(url));
  expect(new Set(pageLoads)).toEqual(fixtureUrls);
  const extra = seen.filter(
    (url) => !fixtureUrls.has(url) && !baseline.has(url) && !url.startsWith('chrome-extension://'),
  );
  expect(extra).toEqual([]);
});
