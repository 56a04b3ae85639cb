import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import type { Paper } from '../../lib/catalog/schema';
import { badgeText } from './badge';
import { CardPage } from './card-page';
import { EXTENSION_DIR, expect, test } from './fixtures';
import { fixture, launchWithFixtures, pageFixtures, type PageFixture } from './fixture-server';

/**
 * The content script on saved pages of real sites, served at their real URLs, with the catalog
 * the build bundles. One browser for the file: each test opens its own tab.
 */

/** Markers for catalog papers (arxiv-list.html also has a quiet one, for a paper it lacks). */
const CATALOG_MARKERS = '[data-paperpeek="marker"][data-in-catalog="true"]';

let context: BrowserContext;
let worker: Worker;

test.beforeAll(async () => {
  ({ context, worker } = await launchWithFixtures());
});

test.afterAll(async () => context?.close());

function bundled(id: string): Paper {
  const file = path.join(EXTENSION_DIR, 'catalog/default.ndjson.gz');
  const line = gunzipSync(readFileSync(file))
    .toString('utf8')
    .split('\n')
    .find((l) => l.includes(`"id":"${id}"`));
  if (!line) throw new Error(`${id} is not in the bundled catalog`);
  return JSON.parse(line) as Paper;
}

function expectedPapers(f: PageFixture): Record<string, string[]> {
  return f.papers;
}

/**
 * Every catalog marker's paper id (sorted), and for each expected (paper, selector) whether one
 * sits there. Quiet markers (papers the catalog lacks: data-in-catalog="false") are not catalog
 * marks; tests/e2e/quiet-markers.spec.ts covers them.
 */
function markersOn(page: Page, papers: Record<string, string[]>) {
  return page.evaluate((papers) => {
    const markers = [
      ...document.querySelectorAll<HTMLElement>(
        '[data-paperpeek="marker"]:not([data-in-catalog="false"])',
      ),
    ];
    // A marker sits at its anchor: as its last child (headings, rows) or right after it (links,
    // spans), and for an anchor inside a link, right after that link.
    const at = (marker: Element, anchor: Element) =>
      marker.parentElement === anchor ||
      marker.previousElementSibling === anchor ||
      marker.previousElementSibling === anchor.closest('a');
    const placed: Record<string, boolean[]> = {};
    for (const [id, selectors] of Object.entries(papers)) {
      placed[id] = selectors.map((selector) => {
        const anchor = document.querySelector(selector);
        return !!anchor && markers.some((m) => m.dataset.paperId === id && at(m, anchor));
      });
    }
    return { ids: markers.map((m) => m.dataset.paperId ?? '').sort(), placed };
  }, papers);
}

function expectation(papers: Record<string, string[]>) {
  return {
    ids: Object.entries(papers)
      .flatMap(([id, selectors]) => selectors.map(() => id))
      .sort(),
    placed: Object.fromEntries(Object.entries(papers).map(([id, s]) => [id, s.map(() => true)])),
  };
}

async function open(f: PageFixture): Promise<Page> {
  const page = await context.newPage();
  await page.goto(f.url);
  return page;
}

for (const f of pageFixtures.filter((f) => Object.keys(f.papers).length > 0)) {
  test(`marks the catalog papers on ${f.file}, each at its anchor, and badges the count`, async () => {
    const papers = expectedPapers(f);
    const page = await open(f);
    await expect.poll(() => markersOn(page, papers)).toEqual(expectation(papers));
    await expect.poll(() => badgeText(worker, page)).toBe(String(Object.keys(papers).length));
    await page.close();
  });
}

for (const f of pageFixtures.filter((f) => Object.keys(f.papers).length === 0)) {
  test(`marks nothing on ${f.file}, whose titles only look like catalog papers`, async () => {
    const page = await open(f);
    // Proof that the script is alive and done with the page: a real paper added afterwards gets
    // the only marker (the initial scan runs before any rescan of added content).
    await page.waitForTimeout(500);
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.innerHTML = 'See <a href="https://arxiv.org/abs/2312.00752">this paper</a>.';
      document.body.append(p);
    });
    await expect.poll(() => markersOn(page, {})).toEqual({ ids: ['2312.00752'], placed: {} });
    await page.close();
  });
}

test('a row the page adds later gets its own marker, and loses it when the row goes', async () => {
  const f = fixture('arxiv-search.html');
  const page = await open(f);
  const papers = expectedPapers(f);
  await expect.poll(() => markersOn(page, papers)).toEqual(expectation(papers));
  // Infinite scroll, client-side: the same paper again as a new row (the list is a copy's worth).
  await page.evaluate(() => {
    const row = document.querySelector('li.arxiv-result')!.cloneNode(true) as Element;
    row.querySelector('[data-paperpeek="marker"]')?.remove();
    row.id = 'added-row';
    document.querySelector('li.arxiv-result')!.parentElement!.append(row);
  });
  const withRow = { ...papers, '2406.04320': [...papers['2406.04320']!, '#added-row p.title'] };
  await expect.poll(() => markersOn(page, withRow)).toEqual(expectation(withRow));
  await expect.poll(() => badgeText(worker, page)).toBe('2');
  await page.evaluate(() => document.querySelector('#added-row')!.remove());
  await expect.poll(() => markersOn(page, papers)).toEqual(expectation(papers));
  await page.close();
});

test('a single-page navigation (pushState) rescans the new content', async () => {
  const from = fixture('hf-paper.html');
  const to = fixture('hf-daily.html');
  const page = await open(from);
  await expect.poll(() => markersOn(page, from.papers)).toEqual(expectation(from.papers));
  const html = readFileSync(path.resolve('tests/fixtures/pages', to.file), 'utf8');
  const head = /<head[^>]*>([\s\S]*)<\/head>/i.exec(html)![1]!;
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)![1]!;
  // What a client-rendered site does on a link click: new URL, new <head> metadata, new body.
  await page.evaluate(
    ({ url, head, body }) => {
      history.pushState({}, '', url);
      document.head.innerHTML = head;
      document.body.innerHTML = body;
    },
    { url: to.url, head, body },
  );
  await expect.poll(() => markersOn(page, to.papers)).toEqual(expectation(to.papers));
  await expect.poll(() => badgeText(worker, page)).toBe(String(Object.keys(to.papers).length));
  await page.close();
});

test('a title inside a sentence gets its marker right after its words', async () => {
  const page = await open(fixture('prose-blog.html'));
  const marker = page.locator('p.lede [data-paperpeek="marker"]');
  await expect(marker).toHaveAttribute('data-paper-id', '2312.00752');
  const around = await marker.evaluate((m) => ({
    before: m.previousSibling?.textContent ?? '',
    after: m.nextSibling?.textContent ?? '',
  }));
  expect(around.before).toMatch(
    /Mamba: Linear-Time Sequence Modeling with Selective State Spaces$/,
  );
  expect(around.after).toMatch(/^, the selection mechanism/);
  // The page's text reads as before: the marker adds an element, not characters.
  expect(await page.locator('p.lede').textContent()).toContain(
    'As shown in Mamba: Linear-Time Sequence Modeling with Selective State Spaces, the selection',
  );
  await page.close();
});

test('a comment the page adds later with a title in its text gets a marker', async () => {
  const page = await open(fixture('stars-and-tools.html'));
  await page.waitForTimeout(500);
  await expect(page.locator('[data-paperpeek="marker"]')).toHaveCount(0);
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.id = 'comment';
    p.textContent =
      'Off topic, but Efficiently Modeling Long Sequences with Structured State Spaces is worth a read.';
    document.querySelector('main')!.append(p);
  });
  await expect(page.locator('#comment [data-paperpeek="marker"]')).toHaveAttribute(
    'data-paper-id',
    '2111.00396',
  );
  await expect(page.locator('[data-paperpeek="marker"]')).toHaveCount(1);
  await page.close();
});

test('a marker does not move the text around it', async () => {
  const page = await open(fixture('arxiv-list.html'));
  await expect.poll(() => page.locator(CATALOG_MARKERS).count()).toBe(2);
  const boxes = await page.evaluate(() => {
    const title = document.querySelector('dd .list-title')!;
    const marker = title.querySelector('[data-paperpeek="marker"]') as HTMLElement;
    const box = () => title.getBoundingClientRect().toJSON();
    const next = () => title.nextElementSibling!.getBoundingClientRect().top;
    const shown = { box: box(), next: next() };
    // Important, as the marker's own inline declarations are (so that page rules cannot hide it).
    marker.style.setProperty('display', 'none', 'important');
    return { shown, hidden: { box: box(), next: next() } };
  });
  expect(boxes.shown).toEqual(boxes.hidden);
  await page.close();
});

test('hovering a marker opens the card with the paper; related papers open in place', async () => {
  const mamba = bundled('2312.00752');
  const page = await open(fixture('arxiv-abs.html'));
  const card = new CardPage(page);
  const marker = page.locator('[data-paperpeek="marker"][data-paper-id="2312.00752"]');
  await marker.hover();
  await expect
    .poll(() => card.read())
    .toMatchObject({
      title: 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
      titleHref: 'https://arxiv.org/abs/2312.00752',
      authors: 'Albert Gu, Tri Dao',
      meta: 'COLM 2024',
      code: ['state-spaces/mamba'],
      links: ['arXiv', 'PDF', 'Hugging Face'],
    });
  // Related titles arrive with a second lookup: up to five, best first, all in the catalog.
  await expect.poll(async () => (await card.read())?.related.length).toBe(5);
  const shown = (await card.read())!;
  expect(shown.related.map((r) => r.id)).toEqual(mamba.related.slice(0, 5));
  expect(shown.related.map((r) => r.title)).toEqual(
    mamba.related.slice(0, 5).map((id) => bundled(id).title),
  );
  const next = shown.related[0]!;
  await card.click(`[data-list=related] [data-paper-id="${next.id}"]`);
  await expect.poll(async () => (await card.read())?.title).toBe(bundled(next.id).title);
  await card.click('button.back');
  await expect.poll(async () => (await card.read())?.title).toBe(mamba.title);
  // Leaving both marker and card closes it after a short grace.
  await page.mouse.move(1, 1);
  await expect.poll(() => card.read()).toBeNull();
  await page.close();
});

test('keyboard: Tab to a marker opens its card, Esc closes it and focus stays on the marker', async () => {
  const page = await open(fixture('arxiv-list.html'));
  const card = new CardPage(page);
  await expect.poll(() => page.locator(CATALOG_MARKERS).count()).toBe(2);
  const focused = () =>
    page.evaluate(() => (document.activeElement as HTMLElement)?.dataset.paperId);
  for (let i = 0; i < 60 && (await focused()) !== '2312.00752'; i++)
    await page.keyboard.press('Tab');
  expect(await focused()).toBe('2312.00752');
  await expect.poll(async () => (await card.read())?.title).toBe(bundled('2312.00752').title);
  await page.keyboard.press('Escape');
  await expect.poll(() => card.read()).toBeNull();
  expect(await focused()).toBe('2312.00752');
  await page.close();
});
