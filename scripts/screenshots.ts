import path from 'node:path';
import type { Page } from '@playwright/test';
import { OUT_DIR, openScreenshotBrowser } from './screenshot-browser';
import {
  CARD_SHOTS,
  serveFixturePages,
  shootCard,
  shootCardByKeyboard,
  waitForCatalog,
} from './card-screenshots';

/**
 * `npm run screenshots`: the options page of the built extension, as a user with a light or a
 * dark OS theme sees it after a fresh install, saved to docs/screenshots/options-{scheme}.png;
 * and the hover card open on the arXiv listing and Google Scholar fixture pages (served at their
 * real URLs), a quiet marker's card (a paper the catalog lacks, on the arXiv listing), saved to
 * docs/screenshots/card-{arxiv,scholar,quiet}-{scheme}.png; and the card reached by keyboard (Tab
 * to a marker, Tab into the card onto Save), card-keyboard-{scheme}.png.
 * Builds first unless PAPERPEEK_SKIP_BUILD is set; run it under the shared e2e lock.
 */

const SCHEMES = ['light', 'dark'] as const;

/** Settled: the catalog answered and no load is running, so the shot shows a steady page. */
async function settled(page: Page): Promise<boolean> {
  const catalog = page.getByRole('region', { name: 'Catalog' });
  try {
    await catalog.getByRole('button', { name: 'Load catalog file…' }).waitFor();
    await page.waitForFunction(
      () => !document.querySelector('progress') && !!document.querySelector('dl, .empty'),
      undefined,
      { timeout: 30_000 },
    );
    await page.waitForFunction(() => !document.body.textContent?.includes('Checking the catalog'));
    return true;
  } catch (error) {
    console.error(`The options page did not settle: ${(error as Error).message}`);
    return false;
  }
}

async function main(): Promise<number> {
  const { context, extensionId: id } = await openScreenshotBrowser({
    viewport: { width: 960, height: 720 },
  });
  let failures = 0;
  try {
    const page = await context.newPage();
    for (const colorScheme of SCHEMES) {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      await page.goto(`chrome-extension://${id}/options.html`);
      if (!(await settled(page))) failures++;
      const file = path.join(OUT_DIR, `options-${colorScheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`Saved ${path.relative(process.cwd(), file)}`);
    }
    const urls = await serveFixturePages(context);
    await waitForCatalog(page);
    for (const shot of CARD_SHOTS) {
      for (const colorScheme of SCHEMES) {
        const tab = await context.newPage();
        await tab.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
        const file = path.join(OUT_DIR, `card-${shot.name}-${colorScheme}.png`);
        try {
          await shootCard(tab, urls.get(shot.file)!, file, shot.marker);
          console.log(`Saved ${path.relative(process.cwd(), file)}`);
        } catch (error) {
          console.error(`No card on ${shot.file} (${colorScheme}): ${(error as Error).message}`);
          failures++;
        } finally {
          await tab.close();
        }
      }
    }
    // The card reached from the keyboard: Tab to the marker, Tab into the card, onto Save.
    for (const colorScheme of SCHEMES) {
      const tab = await context.newPage();
      await tab.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      const file = path.join(OUT_DIR, `card-keyboard-${colorScheme}.png`);
      try {
        await shootCardByKeyboard(tab, urls.get('arxiv-list.html')!, file);
        console.log(`Saved ${path.relative(process.cwd(), file)}`);
      } catch (error) {
        console.error(`No keyboard card (${colorScheme}): ${(error as Error).message}`);
        failures++;
      } finally {
        await tab.close();
      }
    }
  } finally {
    await context.close();
  }
  return failures ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
