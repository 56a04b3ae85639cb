import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { CardPage } from './card-page';
import { expect, test } from './fixtures';
import { fixture, launchWithFixtures } from './fixture-server';
import { send } from './messages';
import { PopupPage } from './pages/popup-page';
import { exposeClosedRoots } from './shadow';

/**
 * Accessibility checked by axe-core (through @axe-core/playwright) over every surface a user
 * meets, in light and dark: the card and markers on a page, each popup view, the options page and
 * the reading-list manager. No serious or critical violation may remain. One browser, the views in
 * sequence.
 *
 * The card and markers draw in closed shadow roots, which axe (a page script) cannot enter; the
 * test hands axe each real root through the DevTools protocol (exposeClosedRoots), so axe audits
 * the card as shown, in the page, with its own styles.
 */

let context: BrowserContext;
let worker: Worker;
let extensionId: string;

const MAMBA = '2312.00752';

test.beforeAll(async () => {
  ({ context, worker } = await launchWithFixtures());
  extensionId = new URL(worker.url()).host;
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  // A reading list with papers, so the manager and the popup's Saved filter show rows.
  for (const id of [MAMBA, '2409.07614']) await send(page, 'savePaper', { id });
  await page.close();
});

test.afterAll(async () => context?.close());

type Found = { view: string; rule: string; impact: string; help: string; targets: string[] };

/** axe's serious and critical violations on `page` (within `include`, when given). */
async function audit(
  page: Page,
  view: string,
  include?: string,
  inShadowRoots = false,
): Promise<Found[]> {
  let builder = new AxeBuilder({ page });
  if (include) builder = builder.include(include);
  const { violations, passes } = await builder.analyze();
  // An audit that looked at nothing would pass whatever the page shows.
  expect(passes.length, `axe checked nothing in ${view}`).toBeGreaterThan(0);
  if (inShadowRoots) {
    // axe names a node inside a shadow root by a path through its host (a nested array).
    const inside = (rule: string) =>
      passes
        .filter((p) => p.id === rule)
        .flatMap((p) => p.nodes)
        .filter((n) => Array.isArray(n.target[0])).length;
    expect(inside('button-name'), `axe saw no button inside ${view}`).toBeGreaterThan(3);
    // Contrast needs colours axe could work out: it left none of the card's text undecided.
    expect(inside('color-contrast'), `axe checked no contrast inside ${view}`).toBeGreaterThan(10);
  }
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      view,
      rule: v.id,
      impact: v.impact!,
      help: v.help,
      // The selector and axe's own explanation (colours and ratio for contrast).
      targets: v.nodes.map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary ?? ''}`),
    }));
}

async function tabIdOf(page: Page): Promise<number> {
  await page.bringToFront();
  return worker.evaluate(async () => {
    type Chrome = { tabs: { query: (q: object) => Promise<{ id: number }[]> } };
    const { tabs } = (globalThis as unknown as { chrome: Chrome }).chrome;
    const [tab] = await tabs.query({ active: true, lastFocusedWindow: true });
    return tab!.id;
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical violation on any surface (${scheme})`, async () => {
    const found: Found[] = [];

    // The card, opened from its marker, with its related papers; and the markers themselves.
    const tab = await context.newPage();
    await tab.emulateMedia({ colorScheme: scheme });
    await tab.goto(fixture('arxiv-list.html').url);
    const card = new CardPage(tab);
    await tab.locator(`[data-paperpeek="marker"][data-paper-id="${MAMBA}"]`).hover();
    await expect.poll(async () => (await card.read())?.related.length).toBe(5);
    // axe lays out what it checks for contrast from <body> down, and the card's host hangs on
    // <html> (a transformed body would otherwise move a fixed card): for the audit the same host,
    // card and root included, moves into <body>, where it draws the same.
    await tab.evaluate(() =>
      document.body.append(document.querySelector('[data-paperpeek=card]')!),
    );
    expect(await exposeClosedRoots(tab, 'card')).toBe(1);
    // Two catalog papers and one the catalog lacks (its quiet marker is audited too).
    await expect.poll(() => tab.locator('[data-paperpeek="marker"]').count()).toBe(3);
    expect(await exposeClosedRoots(tab, 'marker')).toBe(3);
    found.push(...(await audit(tab, 'card', '[data-paperpeek]', true)));

    // The popup: search with results, a paper's details, the saved papers, This page, Trending.
    const popup = await PopupPage.open(context, extensionId, { tab: await tabIdOf(tab) });
    await popup.page.emulateMedia({ colorScheme: scheme });
    await popup.search.fill('mamba');
    await expect(popup.result(MAMBA)).toBeVisible();
    found.push(...(await audit(popup.page, 'popup search')));
    await popup.result(MAMBA).click();
    await expect(popup.detailsTitle).toBeVisible();
    await expect(popup.related.first()).toBeVisible();
    found.push(...(await audit(popup.page, 'popup details')));
    await popup.details.getByRole('button', { name: 'Back' }).click();
    await popup.search.fill('');
    await popup.filters.getByLabel('Reading list').selectOption('saved');
    await expect(popup.results.first()).toBeVisible();
    found.push(...(await audit(popup.page, 'popup reading list (Saved)')));
    await popup.tab('This page').click();
    await expect(popup.pagePapers.first()).toBeVisible();
    found.push(...(await audit(popup.page, 'popup This page')));
    await popup.tab('Trending').click();
    await expect(popup.tab('Trending')).toHaveAttribute('aria-selected', 'true');
    found.push(...(await audit(popup.page, 'popup Trending')));
    await popup.page.close();

    // The options page and the manager.
    const options = await context.newPage();
    await options.emulateMedia({ colorScheme: scheme });
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await expect(options.getByRole('heading', { name: 'Sync' })).toBeVisible();
    found.push(...(await audit(options, 'options')));
    await options.goto(`chrome-extension://${extensionId}/manager.html`);
    await expect(
      options.locator(`[data-list=reading-list] [data-paper-id="${MAMBA}"]`),
    ).toBeVisible();
    found.push(...(await audit(options, 'manager')));
    await options.close();
    await tab.close();

    expect(found).toEqual([]);
  });
}
