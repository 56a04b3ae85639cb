import type { BrowserContext, Page, Worker } from '@playwright/test';
import { CardPage } from './card-page';
import { expect, test } from './fixtures';
import { fixture, launchWithFixtures } from './fixture-server';
import { PopupPage } from './pages/popup-page';
import { inShadow } from './shadow';

/**
 * Layout seen broken by a new user, measured in the built extension: boxes that clip, wrap or run
 * off the window. Each check reads the rendered boxes, not the CSS.
 */

let context: BrowserContext;
let worker: Worker;
let extensionId: string;

test.beforeAll(async () => {
  ({ context, worker } = await launchWithFixtures());
  extensionId = new URL(worker.url()).host;
});

test.afterAll(async () => context?.close());

const MAMBA = '2312.00752';

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
  test(`the popup header shows "Reading list ↗" whole when This page has a count (${scheme})`, async () => {
    const f = fixture('reading-list.html');
    const tabPage = await context.newPage();
    await tabPage.goto(f.url);
    await expect(tabPage.locator('[data-paperpeek="marker"]')).not.toHaveCount(0);
    const popup = await PopupPage.open(context, extensionId, { tab: await tabIdOf(tabPage) });
    await popup.page.emulateMedia({ colorScheme: scheme });
    await expect(popup.tab('This page')).toContainText(String(Object.keys(f.papers).length));
    const link = popup.page.getByRole('link', { name: /Reading list/ });
    const fit = await link.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const header = el.parentElement!.getBoundingClientRect();
      return {
        clipped: el.scrollWidth > el.clientWidth,
        inside: r.left >= header.left && r.right <= header.right,
        oneLine: r.height < 2 * parseFloat(getComputedStyle(el).lineHeight || '18'),
      };
    });
    expect(fit).toEqual({ clipped: false, inside: true, oneLine: true });
    // Every tab keeps its whole label too.
    for (const name of ['Search', 'This page', 'Trending'] as const) {
      expect(await popup.tab(name).evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    }
    await popup.page.close();
    await tabPage.close();
  });
}

test('a long venue leaves the authors in view in a result row', async () => {
  const popup = await PopupPage.open(context, extensionId);
  // "Machine Learning (journal), ECML PKDD 2022 Journal Track", the catalog's longest venue.
  await popup.search.fill('2012.00560');
  const row = popup.result('2012.00560');
  await expect(row).toBeVisible();
  const boxes = await row.evaluate((el) => {
    const box = (s: string) => el.querySelector(s)!.getBoundingClientRect();
    const meta = el.querySelector<HTMLElement>('.row-meta')!;
    const authors = el.querySelector<HTMLElement>('.row-authors')!;
    return {
      row: el.getBoundingClientRect().right,
      meta: { overflow: meta.scrollWidth > meta.clientWidth, right: box('.row-meta').right },
      authors: { width: box('.row-authors').width, text: authors.textContent },
      venue: { right: box('.row-venue').right },
    };
  });
  expect(boxes.meta.overflow).toBe(false);
  expect(boxes.venue.right).toBeLessThanOrEqual(boxes.row + 0.5);
  // At least the first author's name shows.
  expect(boxes.authors.text).toMatch(/^\S+/);
  expect(boxes.authors.width).toBeGreaterThan(100);

  // A short venue is never the one cut: long author lists shrink instead ("ICLR 2024" stays whole).
  await popup.search.fill('NOLA low rank random basis');
  const nola = popup.result('2310.02556');
  await expect(nola).toBeVisible();
  const venue = await nola.evaluate((el) => {
    const v = el.querySelector<HTMLElement>('.row-venue')!;
    return { text: v.textContent, cut: v.scrollWidth > v.clientWidth };
  });
  expect(venue).toEqual({ text: 'ICLR 2024', cut: false });
  await popup.page.close();
});

/** The card's Save toggle and Copy BibTeX: each on one line, text within its border. */
const cardButtons = (page: Page) =>
  inShadow<{ text: string; lines: number; overflow: boolean }[]>(
    page,
    'card',
    null,
    `function () {
      return [...this.querySelectorAll('.actions > button')].map((b) => {
        const text = b.textContent;
        const range = document.createRange();
        range.selectNodeContents(b);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        return { text, lines: tops.size, overflow: b.scrollWidth > b.clientWidth };
      });
    }`,
  );

for (const scheme of ['light', 'dark'] as const) {
  test(`"Saved ✓" and "Copy BibTeX" stay on one line each in the card (${scheme})`, async () => {
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(fixture('arxiv-list.html').url);
    const card = new CardPage(page);
    await page.locator(`[data-paperpeek="marker"][data-paper-id="${MAMBA}"]`).hover();
    await expect.poll(async () => (await card.read())?.title).toContain('Mamba');
    await card.click('button.save');
    await expect.poll(async () => (await cardButtons(page))?.[0]?.text).toBe('Saved ✓');
    expect(await cardButtons(page)).toEqual([
      { text: 'Saved ✓', lines: 1, overflow: false },
      { text: 'Copy BibTeX', lines: 1, overflow: false },
    ]);
    await card.click('button.save');
    await expect.poll(async () => (await cardButtons(page))?.[0]?.text).toBe('Save');
    await page.close();
  });
}

test('a card opened low in a 700 px window stays inside the window', async () => {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1000, height: 700 });
  await page.goto(fixture('arxiv-list.html').url);
  const card = new CardPage(page);
  const marker = page.locator(`[data-paperpeek="marker"][data-paper-id="${MAMBA}"]`);
  await marker.waitFor();
  // Room above the list, so the marker can sit at mid-height: neither below nor above it is
  // there room for a full card.
  await page.addStyleTag({ content: 'body { padding-top: 200px !important; }' });
  await marker.evaluate((el) =>
    window.scrollBy(0, el.getBoundingClientRect().top - window.innerHeight / 2),
  );
  const top = await marker.evaluate((el) => el.getBoundingClientRect().top);
  expect(top).toBeGreaterThan(250);
  expect(top).toBeLessThan(450);
  await marker.hover();
  await expect.poll(async () => (await card.read())?.related.length).toBe(5);
  await expect
    .poll(async () => {
      const box = await card.box();
      return box && box.top >= 0 && box.bottom <= 700;
    })
    .toBe(true);
  await page.close();
});
