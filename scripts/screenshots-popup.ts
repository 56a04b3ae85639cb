import path from 'node:path';
import type { Page } from '@playwright/test';
import { OUT_DIR, openScreenshotBrowser } from './screenshot-browser';

/**
 * `npx tsx scripts/screenshots-popup.ts`: the popup of the built extension at its real size
 * (400 x 560), with a light and a dark OS theme, showing search results for a typed query, a
 * saved paper's details, a pasted link of a paper the catalog lacks, and a query no paper
 * answers in full, saved to docs/screenshots/popup-{search,details,outside,partial}-{light,dark}.png.
 * Builds first unless PAPERPEEK_SKIP_BUILD is set; run it under the shared e2e lock.
 */

const SCHEMES = ['light', 'dark'] as const;
const QUERY = 'state space sequence';
const DETAILS_ID = '2312.00752';

async function shoot(page: Page, name: string): Promise<void> {
  const file = path.join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`Saved ${path.relative(process.cwd(), file)}`);
}

/** Searches, waits for ranked results, and moves the active row down once, as a user would. */
async function searchShot(page: Page): Promise<void> {
  const box = page.locator('input[type=search]');
  await box.fill(QUERY);
  await page.locator('[data-list=search] [data-paper-id] mark').first().waitFor();
  await box.press('ArrowDown');
}

/** A pasted arXiv link of a paper the bundled catalog lacks: its row, Open and Save. */
const OUTSIDE_QUERY = 'https://arxiv.org/abs/1706.03762v7';
/** No bundled paper has both "attention" and "need": the closest, said to be so. */
const PARTIAL_QUERY = 'attention is all you need';

async function outsideShot(page: Page): Promise<void> {
  await page.locator('input[type=search]').fill(OUTSIDE_QUERY);
  await page.locator('[data-list=search] [data-in-catalog="false"]').waitFor();
}

async function partialShot(page: Page): Promise<void> {
  await page.locator('input[type=search]').fill(PARTIAL_QUERY);
  await page.locator('[data-list=search] [data-match=partial]').first().waitFor();
  await page.getByText('No paper matches all your words; closest:').waitFor();
}

/** Opens the paper, saves it once with a status and a tag, and leaves the view at its top. */
async function detailsShot(page: Page): Promise<void> {
  const box = page.locator('input[type=search]');
  await box.fill(DETAILS_ID);
  await page.locator(`[data-list=search] [data-paper-id="${DETAILS_ID}"]`).waitFor();
  await box.press('Enter');
  const details = page.getByRole('region', { name: 'Paper details' });
  const save = details.getByRole('button', { name: 'Save to reading list' });
  const status = details.getByRole('radiogroup', { name: 'Reading status' });
  await Promise.race([save.waitFor(), status.waitFor()]);
  if (await save.isVisible()) {
    await save.click();
    await status.getByRole('radio', { name: 'Reading' }).check();
    const tag = details.getByLabel('Add a tag');
    await tag.fill('ssm');
    await tag.press('Enter');
    await details.locator('.tag').first().waitFor();
  }
  await details.locator('[data-list=related] [data-paper-id]').first().waitFor();
  await details.getByRole('heading', { level: 2 }).focus();
}

async function main(): Promise<number> {
  const { context, extensionId: id } = await openScreenshotBrowser({
    viewport: { width: 400, height: 560 },
    deviceScaleFactor: 2,
  });
  let failures = 0;
  try {
    const page = await context.newPage();
    // A step that cannot happen fails the run instead of holding the shared e2e lock forever.
    page.setDefaultTimeout(30_000);
    for (const colorScheme of SCHEMES) {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      try {
        await page.goto(`chrome-extension://${id}/popup.html`);
        // The first install runs in the background; trending rows appear once it is done.
        await page
          .locator('[data-list=search] [data-paper-id]')
          .first()
          .waitFor({ timeout: 60_000 });
        // Details first: it saves the paper, so both search shots show the same Saved badge.
        await detailsShot(page);
        await shoot(page, `popup-details-${colorScheme}`);
        await page.goto(`chrome-extension://${id}/popup.html`);
        await searchShot(page);
        await shoot(page, `popup-search-${colorScheme}`);
        await outsideShot(page);
        await shoot(page, `popup-outside-${colorScheme}`);
        await partialShot(page);
        await shoot(page, `popup-partial-${colorScheme}`);
      } catch (error) {
        console.error(`The ${colorScheme} popup did not settle: ${(error as Error).message}`);
        failures++;
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
