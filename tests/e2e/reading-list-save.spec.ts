import type { BrowserContext, Page, Worker } from '@playwright/test';
import type { Entry } from '../../lib/reading-list/entry';
import { CardPage } from './card-page';
import { expect, test } from './fixtures';
import { fixture, launchWithFixtures } from './fixture-server';
import { send } from './messages';
import { markerDrawsSaved, saveToggle } from './shadow';

/**
 * Saving papers to the reading list from the places a reader is: the hover card (mouse and
 * keyboard), the save shortcut, and the popup's message. Saved state shows on markers and cards,
 * and stays out of the page's reach.
 */

/** The few extension APIs these tests call inside the service worker (serialized functions). */
declare const chrome: {
  tabs: {
    get: (id: number) => Promise<{ id?: number }>;
  };
  storage: { session: { get: (keys: null) => Promise<Record<string, unknown>> } };
  action: {
    getBadgeText: (d: { tabId: number }) => Promise<string>;
    getTitle: (d: { tabId: number }) => Promise<string>;
  };
  commands: {
    getAll: () => Promise<{ name?: string; shortcut?: string }[]>;
    onCommand: { dispatch: (command: string, tab: object) => void };
  };
};

/** Catalog markers; arxiv-list.html also has a quiet one, for the paper the catalog lacks. */
const CATALOG_MARKERS = '[data-paperpeek="marker"][data-in-catalog="true"]';

let context: BrowserContext;
let worker: Worker;
let extensionId: string;

/** A conference page outside the catalog: only its own citation metadata names the paper. */
const PROCEEDINGS_URL = 'https://proceedings.example.org/paper/42';
const PROCEEDINGS_HTML = `<!doctype html><html><head><title>Proceedings</title>
<meta name="citation_title" content="Sparse Probes for   Sequence Models">
<meta name="citation_author" content="Roe, Jane"><meta name="citation_author" content="Doe, John">
<meta name="citation_publication_date" content="2021/03/04">
<meta name="citation_conference_title" content="Workshop on Probes">
<meta name="citation_pdf_url" content="https://proceedings.example.org/paper/42.pdf">
</head><body><h1>Sparse Probes for Sequence Models</h1><p>Abstract text.</p></body></html>`;
/** A page that names no paper at all. */
const PLAIN_URL = 'https://plain.example.org/';
const PLAIN_HTML =
  '<!doctype html><html><head><title>Hello</title></head><body><p>Hi</p></body></html>';

test.beforeAll(async () => {
  ({ context, worker } = await launchWithFixtures());
  extensionId = new URL(worker.url()).host;
  for (const [url, body] of [
    [PROCEEDINGS_URL, PROCEEDINGS_HTML],
    [PLAIN_URL, PLAIN_HTML],
  ] as const) {
    await context.route(url, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }),
    );
  }
});

test.afterAll(async () => context?.close());

async function extensionPage(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  return page;
}

/** The stored entries, read from the user database the way an extension page can. */
async function entries(): Promise<Entry[]> {
  const page = await extensionPage();
  const all = await page.evaluate(
    () =>
      new Promise<Entry[]>((resolve, reject) => {
        const open = indexedDB.open('paperpeek-user');
        // Before the first save the database does not exist: reading must not create it.
        open.onupgradeneeded = () => open.transaction!.abort();
        open.onerror = () => (open.error?.name === 'AbortError' ? resolve([]) : reject(open.error));
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction('entries').objectStore('entries').getAll();
          request.onsuccess = () => {
            db.close();
            resolve(request.result as Entry[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
  await page.close();
  return all;
}

async function savedIds(ids: string[]): Promise<string[]> {
  const page = await extensionPage();
  const saved = await send(page, 'getSavedState', { ids });
  await page.close();
  return saved;
}

async function removeAll(): Promise<void> {
  const page = await extensionPage();
  for (const entry of await entries()) await send(page, 'removePaper', { id: entry.id });
  await page.close();
}

/**
 * The tab showing `page`, once its content script has reported on it: the background keeps each
 * tab's page URL (storage.session, lib/background/tab-papers.ts), the one place the extension,
 * without the `tabs` permission, sees it. (Asking for the active tab raced with focus moving back
 * from pages the test had just closed, and found another tab now and then.)
 */
async function tabOf(page: Page): Promise<number> {
  await page.bringToFront();
  const url = page.url();
  const find = () =>
    worker.evaluate(async (url) => {
      const all = (await chrome.storage.session.get(null)) as Record<string, { url?: string }>;
      const ids = Object.entries(all).flatMap(([key, value]) =>
        key.startsWith('tabPapers.') && value?.url === url ? [Number(key.slice(10))] : [],
      );
      return ids.length === 1 ? ids[0]! : null;
    }, url);
  await expect.poll(find).not.toBeNull();
  return (await find())!;
}

function badge(tabId: number) {
  return worker.evaluate(
    async (tabId) => ({
      text: await chrome.action.getBadgeText({ tabId }),
      title: await chrome.action.getTitle({ tabId }),
    }),
    tabId,
  );
}

/**
 * Fires the save command as the browser does when its shortcut is pressed: the command event,
 * dispatched in the service worker with the active tab, reaches the background's own listener.
 * (A raw Alt+Shift+S through the DevTools Input domain also fired it in a one-tab probe, but not
 * reliably with several tabs open; Playwright's page.keyboard never reaches browser shortcuts.)
 */
async function pressSaveShortcut(page: Page): Promise<void> {
  const tabId = await tabOf(page);
  await worker.evaluate(async (tabId) => {
    const tab = await chrome.tabs.get(tabId);
    chrome.commands.onCommand.dispatch('save-page-paper', tab);
  }, tabId);
}

test.beforeEach(removeAll);

test('save from the card: Saved ✓, the marker shows it, it survives a reload, and unsave', async () => {
  const page = await context.newPage();
  await page.goto(fixture('arxiv-abs.html').url);
  const card = new CardPage(page);
  const marker = page.locator('[data-paperpeek="marker"][data-paper-id="2312.00752"]');
  await expect.poll(() => markerDrawsSaved(page, '2312.00752')).toBe(false);
  await marker.hover();
  await expect.poll(() => saveToggle(page)).toMatchObject({ text: 'Save', status: '' });

  await card.click('button.save');
  await expect
    .poll(() => saveToggle(page))
    .toMatchObject({ text: 'Saved ✓', status: 'Saved to your list' });
  await expect.poll(() => markerDrawsSaved(page, '2312.00752')).toBe(true);
  const [entry] = await entries();
  expect(entry).toMatchObject({
    id: '2312.00752',
    inCatalog: true,
    status: 'to-read',
    snapshot: {
      title: 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
      authors: ['Albert Gu', 'Tri Dao'],
      year: 2023,
      arxivId: '2312.00752',
      url: 'https://arxiv.org/abs/2312.00752',
    },
  });

  await page.reload();
  await expect.poll(() => markerDrawsSaved(page, '2312.00752')).toBe(true);
  await marker.hover();
  await expect.poll(async () => (await saveToggle(page))?.text).toBe('Saved ✓');

  await card.click('button.save');
  await expect
    .poll(() => saveToggle(page))
    .toMatchObject({ text: 'Save', status: 'Removed [Undo]' });
  await expect.poll(() => markerDrawsSaved(page, '2312.00752')).toBe(false);
  expect(await entries()).toEqual([]);
  await page.close();
});

test('keyboard: S on a focused marker saves its paper, and S again removes it', async () => {
  const page = await context.newPage();
  await page.goto(fixture('arxiv-list.html').url);
  await expect.poll(() => page.locator(CATALOG_MARKERS).count()).toBe(2);
  const focused = () =>
    page.evaluate(() => (document.activeElement as HTMLElement)?.dataset.paperId);
  for (let i = 0; i < 60 && (await focused()) !== '2305.18403'; i++)
    await page.keyboard.press('Tab');
  expect(await focused()).toBe('2305.18403');
  await expect.poll(async () => (await saveToggle(page))?.text).toBe('Save');
  await page.keyboard.press('s');
  await expect
    .poll(() => saveToggle(page))
    .toMatchObject({ text: 'Saved ✓', status: 'Saved to your list' });
  // Only that paper's marker changes. (No other page opens meanwhile: focus stays put.)
  await expect.poll(() => markerDrawsSaved(page, '2305.18403')).toBe(true);
  expect(await markerDrawsSaved(page, '2312.00752')).toBe(false);
  expect(await focused()).toBe('2305.18403');
  await page.keyboard.press('S');
  await expect
    .poll(() => saveToggle(page))
    .toMatchObject({ text: 'Save', status: 'Removed [Undo]' });
  await expect.poll(() => markerDrawsSaved(page, '2305.18403')).toBe(false);
  expect(await savedIds(['2305.18403', '2312.00752'])).toEqual([]);
  await page.close();
});

test("a save in another tab shows on this tab's markers when it comes back into view", async () => {
  const page = await context.newPage();
  await page.goto(fixture('arxiv-list.html').url);
  await expect.poll(() => markerDrawsSaved(page, '2312.00752')).toBe(false);
  const other = await extensionPage();
  await send(other, 'savePaper', { id: '2312.00752' });
  await page.bringToFront();
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect.poll(() => markerDrawsSaved(page, '2312.00752')).toBe(true);
  await other.close();
  await page.close();
});

test('the save shortcut is registered as Alt+Shift+S', async () => {
  const commands = await worker.evaluate(() => chrome.commands.getAll());
  expect(commands).toContainEqual(
    expect.objectContaining({ name: 'save-page-paper', shortcut: 'Alt+Shift+S' }),
  );
});

test('the shortcut saves a page outside the catalog from its citation metadata', async () => {
  const page = await context.newPage();
  await page.goto(PROCEEDINGS_URL);
  const tabId = await tabOf(page);
  await pressSaveShortcut(page);
  await expect.poll(async () => (await badge(tabId)).text).toBe('✓');
  expect((await badge(tabId)).title).toBe(
    'PaperPeek: saved to your reading list: Sparse Probes for Sequence Models',
  );
  const [entry] = await entries();
  expect(entry).toMatchObject({
    id: expect.stringMatching(/^t-/),
    inCatalog: false,
    snapshot: {
      title: 'Sparse Probes for Sequence Models',
      authors: ['Roe, Jane', 'Doe, John'],
      year: 2021,
      venue: 'Workshop on Probes',
      url: PROCEEDINGS_URL,
      pdf: 'https://proceedings.example.org/paper/42.pdf',
    },
  });
  // The badge and tooltip come back after the confirmation.
  await expect
    .poll(() => badge(tabId), { timeout: 5000 })
    .toEqual({ text: '', title: 'PaperPeek' });

  // A second press changes nothing and says so.
  await pressSaveShortcut(page);
  await expect.poll(async () => (await badge(tabId)).text).toBe('=');
  expect(await entries()).toEqual([entry]);
  await page.close();
});

test('the shortcut matches a page to its catalog paper by its metadata title', async () => {
  const page = await context.newPage();
  await page.goto(fixture('openreview.html').url);
  // As a reader would: the page's marker shows the content script is there to describe the page.
  await expect(page.locator('[data-paperpeek="marker"]').first()).toBeAttached();
  const tabId = await tabOf(page);
  await pressSaveShortcut(page);
  await expect.poll(async () => (await badge(tabId)).text).toBe('✓');
  expect(await entries()).toEqual([
    expect.objectContaining({
      id: '2111.00396',
      inCatalog: true,
      snapshot: expect.objectContaining({ arxivId: '2111.00396' }),
    }),
  ]);
  await page.close();
});

test('the shortcut on a page without a paper saves nothing and says why', async () => {
  const page = await context.newPage();
  await page.goto(PLAIN_URL);
  const tabId = await tabOf(page);
  await pressSaveShortcut(page);
  await expect.poll(async () => (await badge(tabId)).text).toBe('!');
  expect((await badge(tabId)).title).toMatch(/^PaperPeek: No paper found on this page/);
  expect(await entries()).toEqual([]);
  await page.close();
});

test("the popup's message saves the paper a tab shows, once", async () => {
  const page = await context.newPage();
  await page.goto(fixture('arxiv-abs.html').url);
  const tabId = await tabOf(page);
  const popup = await extensionPage();
  const saved = await send(popup, 'savePagePaper', { tabId });
  expect(saved).toMatchObject({
    alreadySaved: false,
    entry: { id: '2312.00752', inCatalog: true },
  });
  expect(await send(popup, 'savePagePaper', { tabId })).toMatchObject({ alreadySaved: true });
  await popup.close();
  await page.close();
});

test('a hostile page cannot tell whether its papers are saved', async () => {
  const page = await context.newPage();
  await page.goto(fixture('arxiv-list.html').url);
  await expect.poll(() => page.locator(CATALOG_MARKERS).count()).toBe(2);
  // What any page script can see: the whole DOM as markup, each marker's attributes, styles,
  // size and shadow root, the card host, and every message posted to the window.
  const pageView = () =>
    page.evaluate(() => {
      const markers = [
        ...document.querySelectorAll<HTMLElement>(
          '[data-paperpeek="marker"][data-in-catalog="true"]',
        ),
      ];
      const styleOf = (el: Element) => {
        const s = getComputedStyle(el);
        return [...s].map((p) => `${p}:${s.getPropertyValue(p)}`).join(';');
      };
      return {
        html: document.documentElement.outerHTML,
        markers: markers.map((m) => ({
          attributes: m.getAttributeNames().map((n) => `${n}=${m.getAttribute(n)}`),
          shadowRoot: m.shadowRoot === null ? 'null' : 'open',
          style: styleOf(m),
          box: JSON.stringify(m.getBoundingClientRect()),
        })),
        messages: (window as unknown as { seen: unknown[] }).seen?.length ?? 0,
      };
    });
  await page.evaluate(() => {
    const seen: unknown[] = [];
    (window as unknown as { seen: unknown[] }).seen = seen;
    addEventListener('message', (event) => seen.push(event.data));
  });
  const marker = page.locator('[data-paperpeek="marker"][data-paper-id="2312.00752"]');
  await marker.hover();
  await expect.poll(async () => (await saveToggle(page))?.text).toBe('Save');
  const before = await pageView();

  await new CardPage(page).click('button.save');
  await expect.poll(() => markerDrawsSaved(page, '2312.00752')).toBe(true);
  await expect.poll(async () => (await saveToggle(page))?.text).toBe('Saved ✓');
  const after = await pageView();
  expect(after).toEqual(before);
  expect(after.markers.every((m) => m.shadowRoot === 'null')).toBe(true);
  // A saved and an unsaved marker differ only in which paper they name (and which card is open).
  const strip = (attrs: string[]) =>
    attrs.filter((a) => !/^(data-paper-id|aria-label|aria-expanded)=/.test(a));
  expect(strip(after.markers[0]!.attributes)).toEqual(strip(after.markers[1]!.attributes));
  expect(after.markers[0]!.style).toEqual(after.markers[1]!.style);
  await page.close();
});
