import type { BrowserContext, Page, Worker } from '@playwright/test';
import { expect, test } from './fixtures';
import { fixture, launchWithFixtures } from './fixture-server';
import { PopupPage } from './pages/popup-page';

/**
 * The popup, opened as a page, over the catalog the build bundles (data/paper-facts.tsv): search
 * as the user types, typos, pasted ids and links, filters, the keyboard, details with related
 * papers and saving, and "This page" for a fixture tab. One browser for the file; tests that save
 * use papers no other test saves.
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
const RECTIFIED = '2411.04746';

async function openPopup(options: { tab?: number } = {}): Promise<PopupPage> {
  return PopupPage.open(context, extensionId, options);
}

/** Closes a popup that ran without an uncaught error (a crash would blank it for the user). */
async function done(popup: PopupPage): Promise<void> {
  expect(popup.errors).toEqual([]);
  await popup.page.close();
}

/** The tab id of a page: brought to the front, it is the active tab of the last focused window. */
async function tabIdOf(page: Page): Promise<number> {
  await page.bringToFront();
  return worker.evaluate(async () => {
    type Chrome = { tabs: { query: (q: object) => Promise<{ id: number }[]> } };
    const { tabs } = (globalThis as unknown as { chrome: Chrome }).chrome;
    const [tab] = await tabs.query({ active: true, lastFocusedWindow: true });
    return tab!.id;
  });
}

test('the search box has focus on open and results follow typing, best first', async () => {
  const popup = await openPopup();
  await expect(popup.search).toBeFocused();
  // Typed as a user types, key by key: each keystroke's results replace the last ones.
  await popup.search.pressSequentially('mamba selective', { delay: 30 });
  await expect.poll(() => popup.resultIds()).toContain(MAMBA);
  expect((await popup.resultIds())[0]).toBe(MAMBA);
  await expect(popup.result(MAMBA).locator('mark').first()).toHaveText(/Mamba|Selective/);
  await popup.search.fill('rectified flow');
  await expect.poll(async () => (await popup.resultIds()).slice(0, 3)).toContain(RECTIFIED);
  expect(await popup.resultIds()).not.toContain(MAMBA);
  await done(popup);
});

test('a typo and a word prefix still find the paper', async () => {
  const popup = await openPopup();
  await popup.search.fill('rectifed flow inversion');
  await expect.poll(async () => (await popup.resultIds())[0]).toBe(RECTIFIED);
  await popup.search.fill('selectiv stat spac');
  await expect.poll(async () => (await popup.resultIds()).slice(0, 3)).toContain(MAMBA);
  await done(popup);
});

for (const pasted of [
  '2312.00752',
  'arXiv:2312.00752v2',
  'https://arxiv.org/abs/2312.00752v2',
  'https://www.alphaxiv.org/abs/2312.00752',
  'https://huggingface.co/papers/2312.00752',
  '10.48550/arXiv.2312.00752',
]) {
  test(`pasting ${pasted} jumps straight to the paper`, async () => {
    const popup = await openPopup();
    await popup.search.fill(pasted);
    await expect.poll(() => popup.resultIds()).toEqual([MAMBA]);
    await expect(popup.status).toHaveText('Exact match');
    await done(popup);
  });
}

test('filters: has code, year range, saved; a bad year is explained and changes nothing', async () => {
  const popup = await openPopup();
  await popup.search.fill('model');
  await expect.poll(async () => (await popup.resultIds()).length).toBeGreaterThan(3);
  const all = await popup.resultIds();

  await popup.hasCode.click();
  await expect(popup.hasCode).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => popup.resultIds()).not.toEqual(all);
  const withCode = await popup.results.count();
  expect(withCode).toBeGreaterThan(0);
  await expect(popup.results.locator('.badge-code')).toHaveCount(withCode);
  await popup.hasCode.click();

  await popup.yearFrom.fill('2024');
  await popup.yearTo.fill('2024');
  await expect.poll(() => popup.resultIds()).not.toEqual(all);
  for (const meta of await popup.results.locator('.row-venue').allTextContents()) {
    expect(meta).toMatch(/2024|2025/);
  }
  const in2024 = await popup.resultIds();

  // "from" after "to": said so, and the list stays as it was.
  await popup.yearFrom.fill('2025');
  await popup.yearTo.fill('2021');
  await expect(popup.filters.getByRole('alert')).toHaveText(/2025–2021 is empty/);
  expect(await popup.resultIds()).toEqual(in2024);
  await popup.filters.getByRole('button', { name: 'Clear' }).click();
  await expect(popup.filters.getByRole('alert')).toHaveCount(0);
  await expect.poll(() => popup.resultIds()).toEqual(all);

  // Save one paper, then ask for saved papers only, then for the others.
  const first = all[0]!;
  await popup.openResult(first);
  await popup.details.getByRole('button', { name: 'Save to reading list' }).click();
  await expect(popup.details.getByRole('radiogroup', { name: 'Reading status' })).toBeVisible();
  await popup.details.getByRole('button', { name: 'Back' }).click();
  await expect(popup.result(first).locator('.badge-saved')).toBeVisible();
  // Other tests may have saved papers too: every row is saved, or none is.
  // The previous rows stay up until the filtered ones arrive, so wait for an all-saved list.
  await popup.savedFilter.selectOption('saved');
  await expect
    .poll(async () =>
      (await popup.results.count()) === (await popup.results.locator('.badge-saved').count())
        ? await popup.resultIds()
        : [],
    )
    .toContain(first);
  await popup.savedFilter.selectOption('unsaved');
  await expect.poll(() => popup.resultIds()).not.toContain(first);
  expect(await popup.results.count()).toBeGreaterThan(0);
  await expect(popup.results.locator('.badge-saved')).toHaveCount(0);
  await done(popup);
});

test('no results says so and offers to remove the filters', async () => {
  const popup = await openPopup();
  await popup.hasCode.click();
  await popup.search.fill('zzzqqq nothing like this');
  await expect(popup.page.getByText('No papers match “zzzqqq nothing like this”.')).toBeVisible();
  await popup.page.getByRole('button', { name: 'Remove filters' }).click();
  await expect(popup.hasCode).toHaveAttribute('aria-pressed', 'false');
  await done(popup);
});

test('keyboard: arrows move, Enter opens details, Esc goes back, Ctrl+Enter opens arXiv, Esc clears', async () => {
  const popup = await openPopup();
  await popup.search.fill('state space');
  await expect.poll(async () => (await popup.resultIds()).length).toBeGreaterThan(2);
  const ids = await popup.resultIds();
  expect(await popup.activeId()).toBe(ids[0]);
  await popup.search.press('ArrowDown');
  await popup.search.press('ArrowDown');
  expect(await popup.activeId()).toBe(ids[2]);
  await popup.search.press('ArrowUp');
  expect(await popup.activeId()).toBe(ids[1]);
  await expect(popup.result(ids[1]!)).toHaveAttribute('aria-selected', 'true');

  await popup.search.press('Enter');
  await expect(popup.details.locator(`article[data-paper-id="${ids[1]}"]`)).toBeVisible();
  await expect(popup.detailsTitle).toBeFocused();
  // Counts every DOM change that shows the search box without a single result row: going back
  // must bring the rows back with the box, not blank the list while the search runs again.
  await popup.page.evaluate(() => {
    const counter = window as unknown as { blankLists: number };
    counter.blankLists = 0;
    new MutationObserver(() => {
      const box = document.querySelector('input[type=search]');
      if (box && !document.querySelector('[data-list=search] [data-paper-id]'))
        counter.blankLists++;
    }).observe(document.body, { childList: true, subtree: true });
  });
  await popup.page.keyboard.press('Escape');
  // Back where the user left: same query, same row, focus in the box.
  await expect(popup.search).toBeFocused();
  await expect(popup.search).toHaveValue('state space');
  await expect.poll(() => popup.activeId()).toBe(ids[1]);
  expect(
    await popup.page.evaluate(() => (window as unknown as { blankLists: number }).blankLists),
  ).toBe(0);

  // Backspace and Alt+Left go back too.
  await popup.search.press('Enter');
  // The keys act once the title has focus, which is what a user sees on opening.
  await expect(popup.detailsTitle).toBeFocused();
  await popup.page.keyboard.press('Backspace');
  await expect(popup.search).toBeFocused();
  await expect.poll(() => popup.activeId()).toBe(ids[1]);
  await popup.search.press('Enter');
  await expect(popup.detailsTitle).toBeFocused();
  await popup.page.keyboard.press('Alt+ArrowLeft');
  await expect(popup.search).toBeFocused();

  await popup.search.fill('mamba');
  await expect.poll(async () => (await popup.resultIds())[0]).toBe(MAMBA);
  // A new tab that asks for the arXiv page (the fixture server answers it).
  const opened = context.waitForEvent('page');
  const asked = context.waitForEvent(
    'request',
    (r) => r.url() === `https://arxiv.org/abs/${MAMBA}`,
  );
  await popup.search.press('Control+Enter');
  const arxivTab = await opened;
  expect((await asked).frame().page()).toBe(arxivTab);
  await arxivTab.close();

  await popup.search.press('Escape');
  await expect(popup.search).toHaveValue('');
  await done(popup);
});

test('details: summary, abstract, links, code, related papers that open their own details', async () => {
  const popup = await openPopup();
  await popup.search.fill(MAMBA);
  await expect.poll(() => popup.resultIds()).toEqual([MAMBA]);
  await popup.search.press('Enter');
  await expect(popup.detailsTitle).toHaveText(/^Mamba: Linear-Time Sequence Modeling/);
  await expect(popup.details.getByRole('link', { name: 'arXiv' })).toHaveAttribute(
    'href',
    /arxiv\.org\/abs\/2312\.00752/,
  );
  await expect(popup.details.getByRole('link', { name: 'PDF' })).toBeVisible();
  await expect(popup.details.locator('.code-list a').first()).toHaveText(/\w+\/\w+/);

  const abstract = popup.details.locator('details.abstract');
  await expect(abstract.locator('p')).toBeHidden();
  await abstract.locator('summary').click();
  await expect(abstract.locator('p')).toBeVisible();

  await expect.poll(() => popup.related.count()).toBeGreaterThan(0);
  const relatedId = await popup.related.first().getAttribute('data-paper-id');
  expect(relatedId).not.toBe(MAMBA);
  await popup.related.first().getByRole('button').click();
  await expect(popup.details.locator(`article[data-paper-id="${relatedId}"]`)).toBeVisible();
  await popup.details.getByRole('button', { name: 'Back' }).click();
  await expect(popup.details.locator(`article[data-paper-id="${MAMBA}"]`)).toBeVisible();
  await popup.details.getByRole('button', { name: 'Back' }).click();
  await expect(popup.search).toHaveValue(MAMBA);
  await done(popup);
});

test('empty query: trending order, and the papers viewed last on top', async () => {
  const popup = await openPopup();
  await expect.poll(async () => (await popup.resultIds()).length).toBeGreaterThan(5);
  await popup.search.fill(RECTIFIED);
  await expect.poll(() => popup.resultIds()).toEqual([RECTIFIED]);
  await popup.search.press('Enter');
  await popup.details.waitFor();
  await done(popup);

  const again = await openPopup();
  await expect
    .poll(async () => (await again.recent.first().getAttribute('data-paper-id')) ?? '')
    .toBe(RECTIFIED);
  await expect(again.page.getByText('Recently viewed')).toBeVisible();
  // The group's heading, not the Trending tab.
  await expect(again.page.locator('.group-heading', { hasText: 'Trending' })).toBeVisible();
  await done(again);
});

test('save from details: status, tags and note, kept when the popup opens again', async () => {
  const id = '2111.00396';
  const popup = await openPopup();
  await popup.search.fill(id);
  await expect.poll(() => popup.resultIds()).toEqual([id]);
  await popup.search.press('Enter');
  await popup.details.getByRole('button', { name: 'Save to reading list' }).click();
  const status = popup.details.getByRole('radiogroup', { name: 'Reading status' });
  await expect(status.getByRole('radio', { name: 'To read' })).toBeChecked();
  await status.getByRole('radio', { name: 'Reading' }).check();
  await expect(status.getByRole('radio', { name: 'Reading' })).toBeChecked();

  const tag = popup.details.getByLabel('Add a tag');
  await tag.fill('  State Space ');
  await tag.press('Enter');
  await expect(popup.details.getByRole('list', { name: 'Tags' })).toContainText('State Space');
  // A tag too long is refused with the reason, and nothing is added.
  await tag.fill('x'.repeat(61));
  await tag.press('Enter');
  await expect(popup.details.getByRole('alert')).toHaveText(/at most 60 characters/);
  await expect(popup.details.locator('.tag')).toHaveCount(1);

  await popup.details.getByLabel('Note').fill('Read section 3 first.');
  await expect(popup.details.getByText('Saved', { exact: true })).toBeVisible();
  await done(popup);

  const again = await openPopup();
  await again.search.fill(id);
  await expect(again.result(id).locator('.badge-saved')).toBeVisible();
  await again.search.press('Enter');
  await expect(again.details.getByRole('radio', { name: 'Reading' })).toBeChecked();
  await expect(again.details.getByLabel('Note')).toHaveValue('Read section 3 first.');
  await again.details.getByRole('button', { name: 'Remove tag State Space' }).click();
  await expect(again.details.locator('.tag')).toHaveCount(0);
  await done(again);
});

test('This page lists the papers on a fixture tab, saves them all, and switches markers per site', async () => {
  const f = fixture('reading-list.html');
  const tabPage = await context.newPage();
  await tabPage.goto(f.url);
  const expected = Object.keys(f.papers);
  await expect(tabPage.locator('[data-paperpeek="marker"]')).not.toHaveCount(0);
  const tabId = await tabIdOf(tabPage);

  const popup = await openPopup({ tab: tabId });
  await expect(popup.tab('This page')).toContainText(String(expected.length));
  await popup.tab('This page').click();
  await expect
    .poll(async () =>
      (
        await popup.pagePapers.evaluateAll((els) => els.map((e) => e.getAttribute('data-paper-id')))
      ).sort(),
    )
    .toEqual([...expected].sort());

  await popup.page.getByRole('button', { name: /^Save all/ }).click();
  await expect(popup.page.getByRole('button', { name: 'All saved' })).toBeDisabled();
  await expect(popup.pagePapers.locator('.badge-saved')).toHaveCount(expected.length);

  await popup.pagePapers.first().getByRole('button').click();
  await expect(popup.details.getByRole('radiogroup', { name: 'Reading status' })).toBeVisible();
  await popup.details.getByRole('button', { name: 'Back' }).click();

  const markers = popup.page.getByRole('switch', { name: /Markers on blog\.example\.org/ });
  await expect(markers).toBeChecked();
  await markers.click({ force: true });
  await expect(markers).not.toBeChecked();
  await expect(tabPage.locator('[data-paperpeek="marker"]')).toHaveCount(0);
  await markers.click({ force: true });
  await expect(tabPage.locator('[data-paperpeek="marker"]')).not.toHaveCount(0);
  await done(popup);
  await tabPage.close();
});

test('This page on an arXiv PDF tab lists its paper from the URL', async () => {
  const pdf = `https://arxiv.org/pdf/${MAMBA}v2`;
  await context.route(pdf, (route) =>
    route.fulfill({ status: 200, contentType: 'application/pdf', body: '%PDF-1.4\n%%EOF\n' }),
  );
  const tabPage = await context.newPage();
  await tabPage.goto(pdf).catch(() => undefined);
  const tabId = await tabIdOf(tabPage);
  const popup = await openPopup({ tab: tabId });
  await popup.tab('This page').click();
  await expect(popup.pagePapers).toHaveCount(1);
  await expect(popup.pagePapers.first()).toHaveAttribute('data-paper-id', MAMBA);
  await done(popup);
  await tabPage.close();
});

test("Save this page's paper saves an abstract page's paper, and says why on a page with none", async () => {
  const abs = fixture('arxiv-abs.html');
  const tabPage = await context.newPage();
  await tabPage.goto(abs.url);
  await expect(tabPage.locator('[data-paperpeek="marker"]')).not.toHaveCount(0);
  const popup = await openPopup({ tab: await tabIdOf(tabPage) });
  await popup.tab('This page').click();
  await popup.page.getByRole('button', { name: "Save this page's paper" }).click();
  await expect(popup.page.locator('.save-page [role=status]')).toContainText('Mamba');

  const snakes = fixture('blog-snakes.html');
  await tabPage.goto(snakes.url);
  const other = await openPopup({ tab: await tabIdOf(tabPage) });
  await other.tab('This page').click();
  await expect(other.page.getByText('No catalog papers on this page.')).toBeVisible();
  await other.page.getByRole('button', { name: "Save this page's paper" }).click();
  await expect(other.page.locator('.save-page [role=alert]')).toHaveText(/No paper found/);
  await done(popup);
  await done(other);
  await tabPage.close();
});

test('the footer says where sync stands and offers Sync now', async () => {
  const popup = await openPopup();
  const sync = popup.page.getByTestId('sync-status');
  // A fresh profile has browser sync on: saved to its storage already, or not yet.
  await expect(sync).toContainText(
    /Browser sync is on; not saved to it yet\.|Saved to browser sync storage /,
  );
  await expect(sync.getByRole('button', { name: 'Sync now' })).toBeEnabled();
  // The footer must not push the search box out of view or take over the popup.
  await expect(popup.search).toBeFocused();
  expect((await sync.boundingBox())!.height).toBeLessThan(40);
  await done(popup);
});
