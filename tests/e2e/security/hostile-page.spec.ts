import type { BrowserContext, Page } from '@playwright/test';
import { CardPage } from '../card-page';
import { expect, test } from '../fixtures';
import { launchWithFixtures } from '../fixture-server';
import { send } from '../messages';
import { inShadow, markerDrawsSaved, saveToggle } from '../shadow';
import { cardBox, HOSTILE_URL, hostileReport, serveHostilePage } from './hostile-page';

/**
 * Issue 12, a hostile web page: it prepares itself before PaperPeek's content script runs
 * (hostile-page.ts) and then tries to learn which of its papers the reader saved, and to change
 * the reading list with events it dispatches itself. The reading list is read back through the
 * extension after each attempt.
 */

const SAVED = '2312.00752';
const UNSAVED = '2305.18403';
const NOTE = 'Private note: compare with S4 before the reading group';
const TAGS = ['reading-group', 'ssm'];

let context: BrowserContext;
let extensionId: string;

test.beforeAll(async () => {
  const launched = await launchWithFixtures();
  context = launched.context;
  extensionId = new URL(launched.worker.url()).host;
  await serveHostilePage(context, extensionId);
});

test.afterAll(async () => context?.close());

async function extensionPage(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  return page;
}

interface ListState {
  entries: { id: string; note: string; tags: string[] }[];
  tombstones: string[];
}

/** The reading list as stored (entries with note and tags, tombstones), read by the extension. */
async function readingList(): Promise<ListState> {
  const page = await extensionPage();
  const state = await page.evaluate(
    () =>
      new Promise<ListState>((resolve, reject) => {
        const open = indexedDB.open('paperpeek-user');
        // Before the first save the database does not exist: reading must not create it.
        open.onupgradeneeded = () => open.transaction!.abort();
        open.onerror = () =>
          open.error?.name === 'AbortError'
            ? resolve({ entries: [], tombstones: [] })
            : reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['entries', 'tombstones']);
          const entries = tx.objectStore('entries').getAll();
          const tombstones = tx.objectStore('tombstones').getAllKeys();
          tx.oncomplete = () => {
            open.result.close();
            resolve({
              entries: (entries.result as ListState['entries']).map(({ id, note, tags }) => ({
                id,
                note,
                tags,
              })),
              tombstones: (tombstones.result as string[]).sort(),
            });
          };
        };
      }),
  );
  await page.close();
  return state;
}

/** A clean list with one saved paper that has a note and tags (as the manager would leave it). */
async function saveWithNote(): Promise<void> {
  const page = await extensionPage();
  for (const { id } of (await readingList()).entries) await send(page, 'removePaper', { id });
  await send(page, 'savePaper', { id: SAVED });
  await page.evaluate(
    ({ id, note, tags }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('paperpeek-user');
        open.onsuccess = () => {
          const tx = open.result.transaction('entries', 'readwrite');
          const store = tx.objectStore('entries');
          const get = store.get(id);
          get.onsuccess = () => store.put({ ...get.result, note, tags });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { id: SAVED, note: NOTE, tags: TAGS },
  );
  await page.close();
}

/** Catalog markers; the listing also has a quiet one, for the paper the catalog lacks. */
const CATALOG_MARKERS = '[data-paperpeek="marker"][data-in-catalog="true"]';

/** The hostile page, its two catalog markers placed and the saved one drawn as saved. */
async function openHostilePage(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(HOSTILE_URL);
  await expect.poll(() => page.locator(CATALOG_MARKERS).count()).toBe(2);
  await expect.poll(() => markerDrawsSaved(page, SAVED)).toBe(true);
  expect(await markerDrawsSaved(page, UNSAVED)).toBe(false);
  return page;
}

test.beforeEach(saveWithNote);

test('the page learns nothing about saved state, notes or tags', async () => {
  const page = await openHostilePage();
  const report = await hostileReport(page);
  // Its definitions of our old tag names ran for none of our elements, and it holds no root.
  expect(report.constructed).toEqual([]);
  expect(report.shadowRoots).toEqual([]);
  // Two catalog markers and the quiet one (the listing's paper the catalog lacks).
  expect(report.markers.map((m) => m.shadowRoot)).toEqual([null, null, null]);
  // Nothing on its channels: no extension id, no WXT signal.
  expect(report.messages).toEqual([]);
  expect(report.events).toEqual([]);
  const everything = JSON.stringify(report);
  expect(everything).not.toContain(extensionId);
  expect(everything).not.toMatch(/saved/i);
  expect(everything).not.toContain(NOTE);
  for (const tag of TAGS) expect(everything).not.toContain(tag);
  // Its span rules (important) neither hide nor resize a marker.
  for (const id of [SAVED, UNSAVED]) {
    const marker = page.locator(`[data-paperpeek="marker"][data-paper-id="${id}"]`);
    await expect(marker).toBeVisible();
    const box = (await marker.boundingBox())!;
    expect(box.width).toBeLessThan(30);
    expect(box.height).toBeLessThan(30);
  }
  // A saved and an unsaved marker look the same to it in every way but the paper they name.
  const [saved, unsaved] = [SAVED, UNSAVED].map((id) => report.markers.find((m) => m.id === id)!);
  const strip = (attrs: string[]) => attrs.filter((a) => !/^(data-paper-id|aria-label)=/.test(a));
  expect(strip(saved!.attributes)).toEqual(strip(unsaved!.attributes));
  expect(saved!.style).toEqual(unsaved!.style);
  const size = (box: string) => {
    const { width, height } = JSON.parse(box) as DOMRect;
    return { width, height };
  };
  expect(size(saved!.box)).toEqual(size(unsaved!.box));
  const seen = (id: string) =>
    report.mutations
      .filter((m) => m.id === id)
      .map((m) => `${m.type} ${m.detail}`.replace(/data-paper-id="[^"]*"|aria-label="[^"]*"/g, ''));
  expect(seen(SAVED)).toEqual(seen(UNSAVED));
  expect(seen(SAVED).length).toBeGreaterThan(0);
  await page.close();
});

test("the page's forged events change nothing on the reading list", async () => {
  const before = await readingList();
  expect(before.entries).toEqual([{ id: SAVED, note: NOTE, tags: TAGS }]);
  const page = await openHostilePage();
  await page.evaluate(async () => {
    const pause = () => new Promise((resolve) => setTimeout(resolve, 400));
    const key = (target: Element, key: string) =>
      target.dispatchEvent(
        new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true }),
      );
    for (const marker of document.querySelectorAll<HTMLElement>('[data-paperpeek="marker"]')) {
      // Focus moved by a script fires a trusted focusin; every event after it is forged.
      marker.focus();
      marker.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
      marker.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
      await pause();
      for (const k of ['Enter', ' ', 's', 'S']) key(marker, k);
      marker.click();
      await pause();
      const card = document.querySelector('[data-paperpeek="card"]');
      if (card) {
        for (const k of ['Enter', ' ', 's', 'S']) key(card, k);
        card.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      }
      key(marker, 's');
      await pause();
    }
  });
  await page.waitForTimeout(1_000);
  expect(await readingList()).toEqual(before);
  expect(await markerDrawsSaved(page, SAVED)).toBe(true);
  expect(await markerDrawsSaved(page, UNSAVED)).toBe(false);
  await page.close();
});

test('a forged content-script-started signal does not stop PaperPeek on the page', async () => {
  const page = await openHostilePage();
  await page.evaluate((id) => {
    for (const script of ['content', 'paperpeek-marker-session']) {
      const type = `${id}:${script}:wxt:content-script-started`;
      const detail = { contentScriptName: script, messageId: 'forged' };
      document.dispatchEvent(new CustomEvent(type, { detail }));
      window.postMessage({ type, ...detail }, '*');
    }
  }, extensionId);
  await page.waitForTimeout(300);
  await page.evaluate((id) => {
    const p = document.createElement('p');
    p.id = 'added';
    p.innerHTML = `Also see <a href="https://arxiv.org/abs/${id}">arXiv:${id}</a>.`;
    document.querySelector('#dlpage')!.append(p);
  }, UNSAVED);
  await expect(page.locator('#added [data-paperpeek="marker"]')).toHaveAttribute(
    'data-paper-id',
    UNSAVED,
  );
  await expect(page.locator(CATALOG_MARKERS)).toHaveCount(3);
  await page.close();
});

test('the card keeps one box whether its paper is saved or not', async () => {
  const page = await openHostilePage();
  const card = new CardPage(page);
  const marker = page.locator(`[data-paperpeek="marker"][data-paper-id="${UNSAVED}"]`);
  const settled = async (text: string) => {
    await expect.poll(() => saveToggle(page)).toMatchObject({ text, busy: 'false' });
    await page.waitForTimeout(300);
    return cardBox(page);
  };
  await marker.hover();
  const unsaved = await settled('Save');
  expect(unsaved!.width).toBeGreaterThan(200);
  // A real click saves, and a second removes: the box the page measures stays the same.
  await card.click('button.save');
  await expect.poll(async () => (await saveToggle(page))?.status).toBe('Saved to your list');
  expect(await settled('Saved ✓')).toEqual(unsaved);
  await card.click('button.save');
  await expect.poll(async () => (await saveToggle(page))?.status).toBe('Removed [Undo]');
  expect(await settled('Save')).toEqual(unsaved);
  // Opened afresh on the same paper, saved elsewhere meanwhile: the same box again.
  // Focus is in the card since the click: Esc closes it.
  await page.keyboard.press('Escape');
  await expect.poll(() => cardBox(page)).toBeNull();
  await page.mouse.move(1, 1);
  const other = await extensionPage();
  await send(other, 'savePaper', { id: UNSAVED });
  await other.close();
  await marker.hover();
  expect(await settled('Saved ✓')).toEqual(unsaved);
  await page.close();
});

test("the reader's own S key on a focused marker still saves", async () => {
  const page = await openHostilePage();
  const focused = () =>
    page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.paperId);
  for (let i = 0; i < 60 && (await focused()) !== UNSAVED; i++) await page.keyboard.press('Tab');
  expect(await focused()).toBe(UNSAVED);
  await expect.poll(() => saveToggle(page)).toMatchObject({ text: 'Save', busy: 'false' });
  await page.keyboard.press('s');
  await expect
    .poll(() => saveToggle(page))
    .toMatchObject({ text: 'Saved ✓', status: 'Saved to your list' });
  await expect.poll(() => markerDrawsSaved(page, UNSAVED)).toBe(true);
  expect((await readingList()).entries.map((e) => e.id).sort()).toEqual([UNSAVED, SAVED].sort());
  await page.close();
});

test("a page that moves focus onto a marker cannot turn the reader's typing into a removal", async () => {
  const before = await readingList();
  expect(before.entries.map((e) => e.id)).toContain(SAVED);
  const page = await openHostilePage();
  // The card opens (a script's focus() fires a trusted focusin), but the reader did not open it.
  await page.evaluate((id) => {
    document
      .querySelector<HTMLElement>(`[data-paperpeek="marker"][data-paper-id="${id}"]`)!
      .focus();
  }, SAVED);
  await expect.poll(() => saveToggle(page)).toMatchObject({ text: 'Saved ✓', busy: 'false' });
  await page.keyboard.press('s');
  await page.keyboard.press('S');
  await page.waitForTimeout(1_000);
  expect(await readingList()).toEqual(before);
  expect(await markerDrawsSaved(page, SAVED)).toBe(true);
  await page.close();
});

test('a removal from the card can be undone, with its note and tags', async () => {
  const before = await readingList();
  expect(before.entries).toContainEqual({ id: SAVED, note: NOTE, tags: TAGS });
  const page = await openHostilePage();
  const card = new CardPage(page);
  await page.locator(`[data-paperpeek="marker"][data-paper-id="${SAVED}"]`).hover();
  await expect.poll(() => saveToggle(page)).toMatchObject({ text: 'Saved ✓', busy: 'false' });
  await card.click('button.save');
  await expect
    .poll(() => saveToggle(page))
    .toMatchObject({ text: 'Save', status: 'Removed [Undo]' });
  const removed = await readingList();
  expect(removed.entries.map((e) => e.id)).not.toContain(SAVED);
  expect(removed.tombstones).toContain(SAVED);
  // Undo is in view beside the message, not cut off by it (the line never wraps).
  const undoBox = await inShadow<{ clipped: boolean; width: number }>(
    page,
    'card',
    null,
    `function () {
      const line = this.querySelector('.status').getBoundingClientRect();
      const undo = this.querySelector('.status-action').getBoundingClientRect();
      return { clipped: undo.left < line.left || undo.right > line.right + 0.5, width: undo.width };
    }`,
  );
  expect(undoBox).toMatchObject({ clipped: false });
  expect(undoBox!.width).toBeGreaterThan(20);
  await card.click('button.status-action');
  await expect
    .poll(() => saveToggle(page))
    .toMatchObject({
      text: 'Saved ✓',
      status: 'Restored',
    });
  await expect.poll(() => markerDrawsSaved(page, SAVED)).toBe(true);
  // The card stays open for the reader (the mouse has not left it).
  await page.waitForTimeout(600);
  expect(await saveToggle(page)).toMatchObject({ text: 'Saved ✓', status: 'Restored' });
  const after = await readingList();
  expect(after.entries).toEqual(expect.arrayContaining(before.entries));
  expect(after.entries).toHaveLength(before.entries.length);
  await page.close();
});
