import type { BrowserContext, Locator, Worker } from '@playwright/test';
import { expect, test } from './fixtures';
import { launchWithFixtures } from './fixture-server';
import { PopupPage } from './pages/popup-page';

/**
 * Issue 16, "honest search", in the built popup over the bundled catalog: a pasted id of a paper
 * the catalog lacks is offered as that paper (Open, Save, kept usable in the manager), an address
 * that names no catalog paper matches nothing, weak matches say so, and an exact family name
 * ranks first. One browser for the file.
 */

let context: BrowserContext;
let worker: Worker;
let extensionId: string;

test.beforeAll(async () => {
  ({ context, worker } = await launchWithFixtures());
  extensionId = new URL(worker.url()).host;
});

test.afterAll(async () => context?.close());

/** "Attention Is All You Need": not in the bundled catalog. */
const ATTENTION = '1706.03762';
const MAMBA = '2312.00752';
/** Taming Rectified Flow…, by Jiayi Guo among others. */
const BY_GUO = '2411.04746';

async function openPopup(): Promise<PopupPage> {
  return PopupPage.open(context, extensionId);
}

async function done(popup: PopupPage): Promise<void> {
  expect(popup.errors).toEqual([]);
  await popup.page.close();
}

const outsideRow = (popup: PopupPage) =>
  popup.page.locator('[data-list=search] [data-in-catalog="false"]');

/** The manager's row of a saved paper, read in a fresh manager page. */
async function managerRow(id: string): Promise<{ row: Locator; close: () => Promise<void> }> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/manager.html`);
  return { row: page.locator(`[data-paper-id="${id}"]`), close: () => page.close() };
}

for (const pasted of [
  ATTENTION,
  `arXiv:${ATTENTION}v7`,
  `https://arxiv.org/abs/${ATTENTION}v5`,
  `https://www.alphaxiv.org/abs/${ATTENTION}`,
  `https://huggingface.co/papers/${ATTENTION}`,
  `10.48550/arXiv.${ATTENTION}`,
]) {
  test(`pasting ${pasted}, a paper the catalog lacks, shows that paper, not "no match"`, async () => {
    const popup = await openPopup();
    await popup.search.fill(pasted);
    const row = outsideRow(popup);
    await expect(row).toHaveAttribute('data-paper-id', ATTENTION);
    await expect(row).toContainText(`arXiv:${ATTENTION}`);
    await expect(row).toContainText('Not in your catalog');
    await expect(row.getByRole('link', { name: 'Open on arXiv' })).toHaveAttribute(
      'href',
      `https://arxiv.org/abs/${ATTENTION}`,
    );
    await expect(row.getByRole('button', { name: `Save arXiv:${ATTENTION}` })).toBeVisible();
    await expect(popup.page.getByText(/No papers match/)).toHaveCount(0);
    await expect(popup.status).toHaveText('Not in your catalog');
    await done(popup);
  });
}

test('Save on that row saves it for real (trusted clicks only), and the manager can open it', async () => {
  const doi = '10.1145/3394486.3403172';
  const popup = await openPopup();
  // A DOI the catalog lacks: its row opens doi.org and saves under the DOI's id.
  await popup.search.fill(doi);
  const row = outsideRow(popup);
  await expect(row.getByRole('link', { name: 'Open on doi.org' })).toHaveAttribute(
    'href',
    `https://doi.org/${doi}`,
  );
  const doiId = (await row.getAttribute('data-paper-id'))!;
  // The id a quiet marker gives the same DOI (lib/reading-list/outside-id.ts).
  expect(doiId).toBe(`doi:${doi}`);

  // A click the page's own script makes is not the reader's: nothing is saved.
  await popup.search.fill(ATTENTION);
  await expect(row).toHaveAttribute('data-paper-id', ATTENTION);
  const save = row.locator('.outside-save');
  await save.evaluate((button: HTMLButtonElement) => button.click());

  await popup.search.fill(doi);
  await expect(row).toHaveAttribute('data-paper-id', doiId);
  await save.click();
  await expect(save).toHaveText('Saved ✓');
  await expect(row.getByRole('status')).toHaveText('In your reading list, with its id and link.');

  // Back to the arXiv id: the untrusted click (sent before the DOI's save) saved nothing.
  await popup.search.fill(ATTENTION);
  await expect(row).toHaveAttribute('data-paper-id', ATTENTION);
  await expect(save).toHaveText('Save');
  await done(popup);

  const manager = await managerRow(doiId);
  await expect(manager.row.locator('a.row-title')).toHaveText(`doi:${doi}`);
  await expect(manager.row.locator('a.row-title')).toHaveAttribute(
    'href',
    `https://doi.org/${doi}`,
  );
  const none = await managerRow(ATTENTION);
  await expect(none.row.page().locator('[data-paper-id]').first()).toBeVisible();
  await expect(none.row).toHaveCount(0);
  await manager.close();
  await none.close();
});

test('the row is reached from the keyboard: Down moves into it, Tab to Save, Enter saves, Up returns, Enter opens', async () => {
  const popup = await openPopup();
  await popup.search.fill(`https://arxiv.org/abs/${ATTENTION}`);
  const row = outsideRow(popup);
  await expect(row).toHaveAttribute('data-paper-id', ATTENTION);
  await popup.search.press('ArrowDown');
  await expect(row.getByRole('link', { name: 'Open on arXiv' })).toBeFocused();
  await popup.page.keyboard.press('Tab');
  const save = row.locator('.outside-save');
  await expect(save).toBeFocused();
  await popup.page.keyboard.press('Enter');
  await expect(save).toHaveText('Saved ✓');
  // Saved: the button stays where focus is, and says so.
  await expect(save).toBeFocused();
  await expect(save).toHaveAttribute('aria-disabled', 'true');
  await popup.page.keyboard.press('ArrowUp');
  await expect(popup.search).toBeFocused();
  // Enter in the box opens the paper's page in a new tab (it has no details to show).
  const opened = context.waitForEvent('page');
  const asked = context.waitForEvent(
    'request',
    (r) => r.url() === `https://arxiv.org/abs/${ATTENTION}`,
  );
  await popup.search.press('Enter');
  const arxivTab = await opened;
  expect((await asked).frame().page()).toBe(arxivTab);
  await arxivTab.close();
  await done(popup);

  const manager = await managerRow(ATTENTION);
  const title = manager.row.locator('a.row-title');
  await expect(title).toHaveText(`arXiv:${ATTENTION}`);
  await expect(title).toHaveAttribute('href', `https://arxiv.org/abs/${ATTENTION}`);
  await manager.close();

  // Saved, the pasted id's row says so when the popup opens again.
  const again = await openPopup();
  await again.search.fill(ATTENTION);
  await expect(outsideRow(again).locator('.outside-save')).toHaveText('Saved ✓');
  await done(again);
});

for (const pasted of [
  'https://openreview.net/forum?id=zzzzzzzzzz',
  'https://openreview.net/forum?id=concept-erasure-diffusion',
  'https://www.semanticscholar.org/paper/Rectified-Flow/0123456789abcdef0123',
]) {
  test(`${pasted} names no catalog paper and matches none through its words`, async () => {
    const popup = await openPopup();
    await popup.search.fill(pasted);
    await expect(popup.page.getByText('No paper in your catalog has this address.')).toBeVisible();
    await expect(popup.results).toHaveCount(0);
    await expect(outsideRow(popup)).toHaveCount(0);
    await done(popup);
  });
}

test("a paper's code repository address still finds the paper", async () => {
  const popup = await openPopup();
  await popup.search.fill('https://github.com/CharlesGong12/RECE');
  await expect.poll(() => popup.resultIds()).toEqual(['2407.12383']);
  await expect(popup.status).toHaveText('Exact match');
  await done(popup);
});

test('weak matches say so: no paper has all the words, the closest are marked partial', async () => {
  const popup = await openPopup();
  await popup.search.fill('attention is all you need');
  const heading = popup.page.getByText('No paper matches all your words; closest:');
  await expect(heading).toBeVisible();
  const marks = () =>
    popup.results.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-match')));
  await expect.poll(async () => (await marks()).length).toBeGreaterThan(3);
  expect(new Set(await marks())).toEqual(new Set(['partial']));
  await expect(popup.status).toHaveText(`${(await marks()).length} closest`);
  // The list is named by that heading for screen readers.
  await expect(
    popup.page.getByRole('group', { name: /No paper matches all your words/ }),
  ).toBeVisible();

  // A query the top papers answer: marked "all", and no such heading.
  await popup.search.fill('mamba selective state');
  await expect.poll(async () => (await popup.resultIds())[0]).toBe(MAMBA);
  await expect(popup.result(MAMBA)).toHaveAttribute('data-match', 'all');
  await expect(heading).toHaveCount(0);

  // Some papers have every word, more have some: the closest follow under their own heading.
  await popup.search.fill('state space sequence');
  const closest = popup.page.getByText('Closest, with some of your words:');
  await expect(closest).toBeVisible();
  await expect.poll(async () => new Set(await marks())).toEqual(new Set(['all', 'partial']));
  const order = await marks();
  const full = order.indexOf('partial');
  expect(full).toBeGreaterThan(0);
  expect(order.slice(full)).not.toContain('all');
  await expect(popup.status).toHaveText(`${full} papers`);
  await done(popup);
});

test('"Gu" lists the papers by Gu (Mamba among them) before a paper by Guo', async () => {
  const popup = await openPopup();
  await popup.search.pressSequentially('Gu', { delay: 30 });
  await expect.poll(() => popup.resultIds()).toContain(BY_GUO);
  const ids = await popup.resultIds();
  expect(ids.indexOf(MAMBA)).toBeGreaterThanOrEqual(0);
  expect(ids.indexOf(MAMBA)).toBeLessThan(ids.indexOf(BY_GUO));
  // Every row above Guo's has an author whose family name is Gu, as a whole word.
  const above = popup.results.locator('.row-authors');
  const authors = (await above.allTextContents()).slice(0, ids.indexOf(BY_GUO));
  expect(authors.length).toBeGreaterThanOrEqual(5);
  for (const line of authors) expect(line).toMatch(/\bGu\b/);
  await done(popup);
});
