import type { BrowserContext, Page } from '@playwright/test';
import { CardPage } from './card-page';
import { expect, test } from './fixtures';
import { fixture, launchWithFixtures } from './fixture-server';
import { saveToggle } from './shadow';

/**
 * The card from the keyboard alone, with real key presses: Tab from a marker goes into its card,
 * through every link and button, Shift+Tab comes back to the marker, Esc closes the card and
 * leaves focus on the marker. A page that moves focus onto a marker does not get the reader's Tab
 * into the card.
 */

let context: BrowserContext;

test.beforeAll(async () => {
  ({ context } = await launchWithFixtures());
});

test.afterAll(async () => context?.close());

const MAMBA = '2312.00752';
const MAMBA_TITLE = 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces';

/** The page's focused element: a marker's paper id, 'card' for the card, else its tag. */
const pageFocus = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return null;
    if (el.dataset.paperpeek === 'card') return 'card';
    return el.dataset.paperId ?? el.localName;
  });

async function tabToMarker(page: Page, id: string) {
  for (let i = 0; i < 80 && (await pageFocus(page)) !== id; i++) await page.keyboard.press('Tab');
  expect(await pageFocus(page)).toBe(id);
}

async function openList(): Promise<{ page: Page; card: CardPage }> {
  const page = await context.newPage();
  await page.goto(fixture('arxiv-list.html').url);
  // Two catalog papers, and the quiet marker of one the catalog lacks.
  await expect
    .poll(() => page.locator('[data-paperpeek="marker"][data-in-catalog="true"]').count())
    .toBe(2);
  await expect.poll(() => page.locator('[data-paperpeek="marker"]').count()).toBe(3);
  return { page, card: new CardPage(page) };
}

test('Tab walks from the marker through the card, Shift+Tab walks back to the marker', async () => {
  const { page, card } = await openList();
  await tabToMarker(page, MAMBA);
  await expect.poll(async () => (await card.read())?.title).toBe(MAMBA_TITLE);
  await expect.poll(async () => (await card.read())?.related.length).toBe(5);
  const related = (await card.read())!.related.map((r) => r.title);
  const stops = [
    MAMBA_TITLE,
    'state-spaces/mamba',
    'arXiv',
    'PDF',
    'Hugging Face',
    'Save',
    'Copy BibTeX',
    ...related,
  ];

  const forward: (string | null)[] = [];
  for (let i = 0; i < stops.length; i++) {
    await page.keyboard.press('Tab');
    forward.push(await card.focused());
  }
  expect(forward).toEqual(stops);
  expect(await pageFocus(page)).toBe('card');

  const backward: (string | null)[] = [];
  for (let i = 0; i < stops.length - 1; i++) {
    await page.keyboard.press('Shift+Tab');
    backward.push(await card.focused());
  }
  expect(backward).toEqual(stops.slice(0, -1).reverse());
  // From the card's first stop, Shift+Tab goes back to the marker; the card stays open.
  await page.keyboard.press('Shift+Tab');
  expect(await pageFocus(page)).toBe(MAMBA);
  expect((await card.read())?.title).toBe(MAMBA_TITLE);
  await page.close();
});

test('Esc inside the card closes it and hands focus back to the marker', async () => {
  const { page, card } = await openList();
  await tabToMarker(page, MAMBA);
  await expect.poll(async () => (await card.read())?.title).toBe(MAMBA_TITLE);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await card.focused()).toBe('state-spaces/mamba');
  await page.keyboard.press('Escape');
  await expect.poll(() => card.read()).toBeNull();
  expect(await pageFocus(page)).toBe(MAMBA);
  // Enter on the marker opens the card again, and Tab goes straight back in.
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await card.read())?.title).toBe(MAMBA_TITLE);
  await page.keyboard.press('Tab');
  expect(await card.focused()).toBe(MAMBA_TITLE);
  await page.close();
});

test('Save and Copy BibTeX work from the keyboard; Tab past the last stop leaves the card', async () => {
  const { page, card } = await openList();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(page.url()).origin,
  });
  await tabToMarker(page, MAMBA);
  await expect.poll(async () => (await card.read())?.related.length).toBe(5);
  for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
  expect(await card.focused()).toBe('Save');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await saveToggle(page))?.text).toBe('Saved ✓');
  await page.keyboard.press('Space');
  await expect.poll(async () => (await saveToggle(page))?.text).toBe('Save');

  // The removal offers Undo in the status line, a stop between Copy BibTeX and the related papers.
  await page.keyboard.press('Tab');
  expect(await card.focused()).toBe('Copy BibTeX');
  await page.keyboard.press('Tab');
  expect(await card.focused()).toBe('Undo');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await card.read())?.status).toBe('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^@\w+\{/);
  for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
  expect(await card.focused()).toBe((await card.read())!.related[4]!.title);
  await page.keyboard.press('Tab');
  // On to whatever follows the marker on the page; the card closes behind.
  const after = await page.evaluate((id) => {
    const marker = document.querySelector(`[data-paperpeek="marker"][data-paper-id="${id}"]`)!;
    const active = document.activeElement!;
    return {
      following: !!(marker.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING),
      card: active.getAttribute('data-paperpeek') === 'card',
    };
  }, MAMBA);
  expect(after).toEqual({ following: true, card: false });
  await expect.poll(() => card.read()).toBeNull();
  await page.close();
});

test('a page that focuses a marker does not get the reader’s Tab into the card', async () => {
  const { page, card } = await openList();
  await page.evaluate((id) => {
    document
      .querySelector<HTMLElement>(`[data-paperpeek="marker"][data-paper-id="${id}"]`)!
      .focus();
  }, MAMBA);
  // The focus opens the card (it is trusted), but the reader did not ask for it.
  await expect.poll(async () => (await card.read())?.title).toBe(MAMBA_TITLE);
  await page.keyboard.press('Tab');
  expect(await card.focused()).toBeNull();
  expect(await pageFocus(page)).not.toBe('card');
  // And a Tab the page dispatches itself moves nothing into the card either.
  await page.evaluate((id) => {
    const marker = document.querySelector<HTMLElement>(
      `[data-paperpeek="marker"][data-paper-id="${id}"]`,
    )!;
    marker.focus();
    marker.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true }));
  }, MAMBA);
  expect(await card.focused()).toBeNull();
  expect(await pageFocus(page)).toBe(MAMBA);
  await page.close();
});
