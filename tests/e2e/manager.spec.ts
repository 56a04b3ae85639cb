import type { BrowserContext, Page } from '@playwright/test';
import type { Entry } from '../../lib/reading-list/entry';
import { expect, test } from './fixtures';

/**
 * The reading-list manager (`/manager.html`) as a user drives it: the list, sorting, filters and
 * facets, bulk actions with undo, inline notes, keyboard shortcuts and live updates.
 *
 * Entries are seeded with raw IndexedDB puts into the page's own database (`paperpeek-user`,
 * created by the page on open), then the page is reloaded: the extension's modules are bundled,
 * so a test cannot import its Dexie instance, and raw puts keep every field under the test's
 * control (tags, notes, dates) without going through the code under test.
 */

const DB_NAME = 'paperpeek-user';

function entry(
  n: number,
  over: Partial<Pick<Entry, 'status' | 'tags' | 'note' | 'addedAt'>> & {
    title?: string;
    year?: number;
    authors?: string[];
  } = {},
): Entry {
  const id = `2401.${String(n).padStart(5, '0')}`;
  const addedAt = over.addedAt ?? new Date(Date.UTC(2026, 0, n)).toISOString();
  return {
    id,
    inCatalog: true,
    snapshot: {
      title: over.title ?? `Paper number ${n}`,
      authors: over.authors ?? ['Ada Lovelace', 'Alan Turing'],
      ...(over.year === undefined ? {} : { year: over.year }),
      venue: 'NeurIPS',
      arxivId: id,
      url: `https://arxiv.org/abs/${id}`,
    },
    status: over.status ?? 'to-read',
    tags: over.tags ?? [],
    note: over.note ?? '',
    addedAt,
    updatedAt: addedAt,
    readAt: over.status === 'read' ? addedAt : null,
    clock: { added: '00000000001-0000-test' },
  };
}

/** Five papers with distinct titles, years, statuses, tags and added dates. */
const FIVE: Entry[] = [
  entry(1, { title: 'Attention Is All You Need', year: 2017, status: 'read', tags: ['nlp'] }),
  entry(2, { title: 'Deep Residual Learning', year: 2015, status: 'reading', tags: ['vision'] }),
  entry(3, { title: 'BERT Pre-training', year: 2018, tags: ['nlp'], note: 'Masked LM objective' }),
  entry(4, { title: 'Mamba Selective State Spaces', year: 2023, authors: ['Albert Gu'] }),
  entry(5, { title: 'Contrastive Learning of Visual Representations', tags: ['vision', 'ssl'] }),
];

async function openManager(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/manager.html`);
  await expect(page.locator('#result-count')).not.toHaveText('Loading…');
  return page;
}

async function seed(page: Page, entries: Entry[]): Promise<void> {
  await page.evaluate(
    async ({ name, entries }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = db.transaction('entries', 'readwrite');
      for (const e of entries) tx.objectStore('entries').put(e);
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { name: DB_NAME, entries },
  );
  await page.reload();
  await expect(page.locator('#result-count')).toHaveText(
    `${entries.length.toLocaleString('en')} papers`,
  );
}

/** What the database holds now, by id (raw read, independent of the page's code). */
async function stored(page: Page): Promise<Map<string, Entry>> {
  const all = await page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const request = db.transaction('entries').objectStore('entries').getAll();
    const rows = await new Promise<Entry[]>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result as Entry[]);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return rows;
  }, DB_NAME);
  return new Map(all.map((e) => [e.id, e]));
}

const list = (page: Page) => page.locator('[data-list="reading-list"]');
const rows = (page: Page) => list(page).locator('[data-paper-id]');
const row = (page: Page, n: number) =>
  list(page).locator(`[data-paper-id="2401.${String(n).padStart(5, '0')}"]`);
const shownIds = (page: Page) =>
  rows(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-paper-id')));
const idsOf = (...ns: number[]) => ns.map((n) => `2401.${String(n).padStart(5, '0')}`);
const facet = (page: Page, kind: 'status' | 'tag', label: string) =>
  page.locator(`[data-facet="${kind}"] [data-facet-value="${label}"]`);

test('a new user sees how to save papers, and the options page links here', async ({
  context,
  extensionId,
}) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByRole('link', { name: 'Open your reading list' }).click();
  await expect(options).toHaveURL(/\/manager\.html$/);
  await expect(options.getByRole('heading', { name: 'Your reading list is empty' })).toBeVisible();
  await expect(options.getByText('Save this page’s paper')).toBeVisible();
  await expect(options.locator('#result-count')).toHaveText('0 papers');
});

test('lists saved papers and sorts by added date, title, year and status', async ({
  context,
  extensionId,
}) => {
  const page = await openManager(context, extensionId);
  await seed(page, FIVE);
  const first = row(page, 4);
  await expect(first.getByRole('link', { name: 'Mamba Selective State Spaces' })).toHaveAttribute(
    'href',
    'https://arxiv.org/abs/2401.00004',
  );
  // Who and where in the byline; the year in its own column.
  await expect(first.locator('.row-meta-text')).toHaveText('Albert Gu · NeurIPS');
  await expect(first.locator('.row-year')).toHaveText('2023');
  // Saved without a year: its arXiv id's first version (2401 → 2024) fills the column.
  await expect(row(page, 5).locator('.row-year')).toHaveText('2024');
  await expect(first).toContainText('Jan 4, 2026');
  // Newest first by default.
  expect(await shownIds(page)).toEqual(idsOf(5, 4, 3, 2, 1));

  await page.getByRole('button', { name: /^Sort by title/ }).click();
  expect(await shownIds(page)).toEqual(idsOf(1, 3, 5, 2, 4));
  await page.getByRole('button', { name: /^Sort by title/ }).click();
  await expect(page.getByRole('button', { name: 'Sort by title, descending' })).toBeVisible();
  expect(await shownIds(page)).toEqual(idsOf(4, 2, 5, 3, 1));

  // Most recent year first, by the year shown (the paper saved without one sorts as 2024).
  await page.getByRole('button', { name: /^Sort by year/ }).click();
  expect(await shownIds(page)).toEqual(idsOf(5, 4, 3, 1, 2));

  // To read, then reading, then read; oldest first within a status.
  await page.getByRole('button', { name: /^Sort by status/ }).click();
  expect(await shownIds(page)).toEqual(idsOf(3, 4, 5, 2, 1));
});

test('filters by text, status and tag, with counts that match what a click shows', async ({
  context,
  extensionId,
}) => {
  const page = await openManager(context, extensionId);
  await seed(page, FIVE);
  await expect(facet(page, 'status', 'All')).toContainText('5');
  await expect(facet(page, 'status', 'To read')).toContainText('3');
  await expect(facet(page, 'tag', 'nlp')).toContainText('2');
  await expect(facet(page, 'tag', 'vision')).toContainText('2');

  await facet(page, 'tag', 'nlp').click();
  await expect(facet(page, 'tag', 'nlp')).toHaveAttribute('aria-pressed', 'true');
  expect(await shownIds(page)).toEqual(idsOf(3, 1));
  await expect(page.locator('#result-count')).toHaveText('2 of 5 papers');
  // Status counts now count nlp papers only.
  await expect(facet(page, 'status', 'Read')).toContainText('1');
  await expect(facet(page, 'status', 'Reading')).toContainText('0');

  await facet(page, 'status', 'Read').click();
  expect(await shownIds(page)).toEqual(idsOf(1));
  await facet(page, 'tag', 'nlp').click();
  await facet(page, 'status', 'All').click();

  // Text matches the note and authors as well as titles.
  const filter = page.getByRole('searchbox', { name: 'Filter the reading list' });
  await filter.fill('masked');
  expect(await shownIds(page)).toEqual(idsOf(3));
  await filter.fill('albert gu');
  expect(await shownIds(page)).toEqual(idsOf(4));
  await filter.fill('no such paper');
  await expect(rows(page)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'No papers match' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows(page)).toHaveCount(5);
});

test('bulk tags, sets status and deletes with an exact undo', async ({ context, extensionId }) => {
  const page = await openManager(context, extensionId);
  await seed(page, FIVE);
  // Click the first, Shift+click the third: a range of three (ids 5, 4, 3 in added order).
  await row(page, 5).getByRole('checkbox').click();
  await row(page, 3)
    .getByRole('checkbox')
    .click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('selection-count')).toHaveText('3 selected');

  const bulk = page.getByRole('region', { name: 'Selected papers' });
  await bulk.getByPlaceholder('Tag').fill('   ');
  await bulk.getByRole('button', { name: 'Add tag' }).click();
  await expect(bulk.getByRole('alert')).toHaveText('Type a tag first.');

  await bulk.getByPlaceholder('Tag').fill('  To Review ');
  await bulk.getByRole('button', { name: 'Add tag' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Tagged 3 papers' })).toBeVisible();
  // Kept as typed (trimmed), and matched whatever the case below.
  await expect(facet(page, 'tag', 'To Review')).toContainText('3');
  await expect(row(page, 4).getByRole('button', { name: 'To Review' })).toBeVisible();

  await bulk
    .getByRole('combobox', { name: 'Set status of the selected papers' })
    .selectOption('reading');
  await expect(facet(page, 'status', 'Reading')).toContainText('4');
  const db = await stored(page);
  expect(idsOf(5, 4, 3).map((id) => db.get(id)!.status)).toEqual(['reading', 'reading', 'reading']);
  expect(db.get(idsOf(3)[0]!)!.tags).toEqual(['nlp', 'To Review']);

  await bulk.getByPlaceholder('Tag').fill('to review');
  await bulk.getByRole('button', { name: 'Remove tag' }).click();
  await expect(facet(page, 'tag', 'To Review')).toHaveCount(0);

  const before = await stored(page);
  await bulk.getByRole('button', { name: 'Delete' }).click();
  await expect(rows(page)).toHaveCount(2);
  await expect(page.locator('#result-count')).toHaveText('2 papers');
  expect((await stored(page)).size).toBe(2);

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(rows(page)).toHaveCount(5);
  const after = await stored(page);
  for (const id of idsOf(5, 4, 3)) {
    // Everything the user sees and wrote comes back; only the sync clock is new.
    const { clock: _c1, ...was } = before.get(id)!;
    const { clock: _c2, ...now } = after.get(id)!;
    expect(now).toEqual(was);
  }
});

test('a note is edited inline: Ctrl+Enter and blur save, Esc cancels', async ({
  context,
  extensionId,
}) => {
  const page = await openManager(context, extensionId);
  await seed(page, FIVE);
  await row(page, 4).hover();
  await row(page, 4).getByRole('button', { name: 'Add a note' }).click();
  const editor = page.getByRole('textbox', { name: 'Note on Mamba Selective State Spaces' });
  await editor.fill('Read section 3.2 first');
  await editor.press('Control+Enter');
  await expect(editor).toHaveCount(0);
  await expect(row(page, 4).getByRole('button', { name: /^Edit note/ })).toHaveText(
    'Read section 3.2 first',
  );

  await row(page, 4)
    .getByRole('button', { name: /^Edit note/ })
    .click();
  await editor.fill('this should not stick');
  await editor.press('Escape');
  await expect(row(page, 4)).toContainText('Read section 3.2 first');

  await row(page, 3)
    .getByRole('button', { name: /^Edit note/ })
    .click();
  await page
    .getByRole('textbox', { name: 'Note on BERT Pre-training' })
    .fill('Masked LM; compare with ELECTRA');
  await page.getByRole('searchbox').click();
  await expect(row(page, 3)).toContainText('compare with ELECTRA');

  await page.reload();
  await expect(row(page, 4)).toContainText('Read section 3.2 first');
  await expect(row(page, 3)).toContainText('Masked LM; compare with ELECTRA');
});

test('keyboard: move, select, cycle status, edit, delete with undo, open, help', async ({
  context,
  extensionId,
}) => {
  const page = await openManager(context, extensionId);
  await seed(page, FIVE);
  const kb = page.keyboard;

  await kb.press('/');
  await expect(page.getByRole('searchbox')).toBeFocused();
  await kb.type('learning');
  await expect(rows(page)).toHaveCount(2);
  await kb.press('Escape');
  await expect(rows(page)).toHaveCount(5);
  await kb.press('Escape');
  await expect(page.getByRole('searchbox')).not.toBeFocused();

  await kb.press('j');
  await expect(row(page, 5)).toBeFocused();
  await kb.press('j');
  await kb.press('ArrowDown');
  await expect(row(page, 3)).toBeFocused();
  await kb.press('k');
  await expect(row(page, 4)).toBeFocused();

  await kb.press('x');
  await expect(row(page, 4).getByRole('checkbox')).toBeChecked();
  await kb.press('Escape');
  await expect(row(page, 4).getByRole('checkbox')).not.toBeChecked();

  await kb.press('s');
  await expect(row(page, 4).getByRole('combobox')).toHaveValue('reading');
  await kb.press('s');
  await expect(row(page, 4).getByRole('combobox')).toHaveValue('read');
  expect((await stored(page)).get(idsOf(4)[0]!)!.status).toBe('read');

  await kb.press('e');
  const editor = page.getByRole('textbox', { name: 'Note on Mamba Selective State Spaces' });
  await expect(editor).toBeFocused();
  await kb.type('from the keyboard');
  await kb.press('Control+Enter');
  await expect(row(page, 4)).toContainText('from the keyboard');
  await expect(row(page, 4)).toBeFocused();

  // The new tab's request is aborted like every unrouted one, but it is made.
  const opened = context.waitForEvent('request', (r) => r.url().startsWith('https://arxiv.org/'));
  await kb.press('Enter');
  expect((await opened).url()).toBe('https://arxiv.org/abs/2401.00004');
  await page.bringToFront();

  await row(page, 4).focus();
  await kb.press('Delete');
  await expect(row(page, 4)).toHaveCount(0);
  await kb.press('Control+z');
  await expect(row(page, 4)).toBeVisible();
  await expect(row(page, 4)).toContainText('from the keyboard');

  await kb.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Edit the note');
  await kb.press('Escape');
  await expect(help).toBeHidden();
});

test('follows changes made in another manager page', async ({ context, extensionId }) => {
  const page = await openManager(context, extensionId);
  await seed(page, FIVE);
  const other = await openManager(context, extensionId);
  await expect(rows(other)).toHaveCount(5);

  await row(other, 2).getByRole('combobox').selectOption('read');
  await expect(row(page, 2).getByRole('combobox')).toHaveValue('read');
  await expect(facet(page, 'status', 'Read')).toContainText('2');

  await row(other, 1).getByRole('checkbox').click();
  await other
    .getByRole('region', { name: 'Selected papers' })
    .getByRole('button', {
      name: 'Delete',
    })
    .click();
  await expect(row(page, 1)).toHaveCount(0);
  await expect(page.locator('#result-count')).toHaveText('4 papers');
});

test('a database that cannot be opened gets a clear message', async ({ context, extensionId }) => {
  // The browser refuses IndexedDB (a full disk, a broken profile): every open fails.
  await context.addInitScript(() => {
    IDBFactory.prototype.open = function () {
      throw new DOMException('The disk is full.', 'QuotaExceededError');
    };
  });
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/manager.html`);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Your reading list could not be opened');
  await expect(alert).toContainText('The disk is full.');
  await expect(alert).toContainText('Nothing was changed');
  await expect(page.getByRole('heading', { name: 'Your reading list is empty' })).toHaveCount(0);
});

test('stays fast to use with many papers: only visible rows are in the page', async ({
  context,
  extensionId,
}) => {
  const page = await openManager(context, extensionId);
  const many = Array.from({ length: 2000 }, (_, i) =>
    entry(i + 1, { title: `Paper ${i + 1} on ${i % 10 === 0 ? 'graphs' : 'topics'}` }),
  );
  await seed(page, many);
  // The newest papers show before the whole list is read, already where the list will stay:
  // the first row's box when it first appears (the count still loading) is its box at the end.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const first = document.querySelector('[data-list="reading-list"] [data-paper-id]');
      if (!first) return;
      observer.disconnect();
      const { left, width } = first.getBoundingClientRect();
      const count = document.getElementById('result-count')?.textContent;
      Object.assign(window, { firstRow: { left, width, count } });
    }).observe(document, { childList: true, subtree: true });
  });
  await page.reload();
  await expect(page.locator('#result-count')).toHaveText('2,000 papers');
  const early = await page.evaluate(() => (window as unknown as { firstRow: object }).firstRow);
  const final = await page.evaluate(() => {
    const { left, width } = document
      .querySelector('[data-list="reading-list"] [data-paper-id]')!
      .getBoundingClientRect();
    return { left, width, count: 'Loading…' };
  });
  expect(early).toEqual(final);
  const rendered = await rows(page).count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(80);
  await page.getByRole('searchbox').fill('graphs');
  await expect(page.locator('#result-count')).toHaveText('200 of 2,000 papers');
  // The end of a long list is reachable from the keyboard.
  await page.getByRole('searchbox').press('Escape');
  await page.getByRole('searchbox').press('Escape');
  await page.keyboard.press('End');
  await expect(row(page, 1)).toBeFocused();
});
