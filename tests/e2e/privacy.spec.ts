import { chromium, type BrowserContext, type Page, type Request } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './browser';
import { serveFeeds } from './feed-server';
import { EXTENSION_DIR, expect, test } from './fixtures';
import {
  fixtureUrls,
  launchWithFixtures,
  pageFixtures,
  serveFixtures,
  type PageFixture,
} from './fixture-server';
import { freshPageList, serveFreshPages } from './fresh-pages';
import { send } from './messages';

/**
 * Nothing the reader browses leaves the machine. Every request the browser makes is recorded
 * while each fixture page is visited and a marker on it hovered. The pages themselves ask for
 * their stylesheets and images (aborted like any unrouted request); those are learnt from a run
 * of the same pages in the same browser without the extension, and the extension may add nothing.
 * With the feed sources on (issue 13) the same holds, and an update asks only the sources' own
 * URLs, with nothing from the pages in them.
 */

async function visitAll(
  context: BrowserContext,
  hover: boolean,
  fixtures: PageFixture[] = pageFixtures,
): Promise<string[]> {
  const requests: string[] = [];
  const record = (request: Request) => requests.push(request.url());
  context.on('request', record);
  for (const f of fixtures) {
    const page: Page = await context.newPage();
    await page.goto(f.url);
    if (hover && Object.keys(f.papers).length > 0) {
      // A catalog paper's marker: its card asks for related papers (quiet cards ask nothing).
      const marker = page.locator('[data-paperpeek="marker"][data-in-catalog="true"]').first();
      await marker.waitFor();
      await marker.hover();
      // Past the open delay, long enough for the card and its related-paper lookup to render.
      await page.waitForTimeout(800);
    } else {
      await page.waitForTimeout(300);
    }
    await page.close();
  }
  context.off('request', record);
  return requests;
}

/** The pages alone: the same Chromium and flags, no extension; every URL they ask for. */
async function baselineOf(fixtures: PageFixture[]): Promise<Set<string>> {
  const plain = await chromium.launchPersistentContext('', {
    executablePath: chromiumPath(),
    headless: true,
    args: chromiumArgs(EXTENSION_DIR).filter((arg) => !arg.includes('extension')),
  });
  await plain.route('**/*', (route) => route.abort('blockedbyclient'));
  await serveFixtures(plain);
  await serveFreshPages(plain);
  const baseline = new Set(await visitAll(plain, false, fixtures));
  await plain.close();
  return baseline;
}

test('visiting and hovering every fixture page sends nothing anywhere', async () => {
  test.setTimeout(120_000);
  const baseline = await baselineOf(pageFixtures);

  const { context } = await launchWithFixtures();
  const seen = await visitAll(context, true);
  await context.close();

  const pageLoads = seen.filter((url) => fixtureUrls.has(url));
  expect(new Set(pageLoads)).toEqual(fixtureUrls);
  const extra = seen.filter(
    (url) => !fixtureUrls.has(url) && !baseline.has(url) && !url.startsWith('chrome-extension://'),
  );
  expect(extra).toEqual([]);
});

/** The only addresses the extension may ask with Hugging Face and arXiv (cs.LG) on. */
const SOURCE_URLS = [
  /^https:\/\/huggingface\.co\/api\/daily_papers\?/,
  /^https:\/\/rss\.arxiv\.org\/rss\/cs\.LG$/,
];

test('with the feeds on, browsing sends nothing, and Update now asks only the sources, without cookies, referrer or anything from the pages', async () => {
  test.setTimeout(300_000);
  const fixtures = [...pageFixtures, ...freshPageList];
  const baseline = await baselineOf(fixtures);

  const { context, worker } = await launchWithFixtures();
  const feeds = await serveFeeds(context);
  await serveFreshPages(context);
  // A reader signed in to both sites has their cookies: a request sent with credentials carries them.
  await context.addCookies(
    ['huggingface.co', 'rss.arxiv.org'].map((domain) => ({
      name: 'session',
      value: `signed-in-at-${domain}`,
      domain,
      path: '/',
      secure: true,
      sameSite: 'None' as const,
    })),
  );
  const options = await context.newPage();
  await options.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
  await send(options, 'setSource', { source: 'hf', enabled: true, backfillDays: 30 });
  await send(options, 'setSource', { source: 'arxiv', categories: ['cs.LG'], enabled: true });
  const bothRan = async (since: { hf: string | null; arxiv: string | null }) => {
    const { status } = await send(options, 'getSources');
    return (['hf', 'arxiv'] as const).every(
      (s) => status[s].lastRunAt !== since[s] && status[s].progress === null,
    );
  };
  await expect
    .poll(() => bothRan({ hf: null, arxiv: null }), { timeout: 120_000, intervals: [500] })
    .toBe(true);
  const first = await send(options, 'getSources');
  expect(first.status.hf.lastError).toBeNull();
  expect(first.status.arxiv.lastError).toBeNull();
  expect(feeds.requests.map((r) => r.url)).toContain('https://rss.arxiv.org/rss/cs.LG');

  // Browsing, with the sources' papers in the catalog: nothing beyond what the pages ask for.
  const seen = await visitAll(context, true, fixtures);
  const visited = new Set(fixtures.map((f) => f.url));
  expect(new Set(seen.filter((url) => visited.has(url)))).toEqual(visited);
  const extra = seen.filter(
    (url) => !visited.has(url) && !baseline.has(url) && !url.startsWith('chrome-extension://'),
  );
  expect(extra).toEqual([]);

  // Update now, as the reader clicks it.
  const since = { hf: first.status.hf.lastRunAt, arxiv: first.status.arxiv.lastRunAt };
  const during: Request[] = [];
  const record = (request: Request) => during.push(request);
  context.on('request', record);
  await options.bringToFront();
  await options.locator('[data-action="update-sources"]').click();
  await expect.poll(() => bothRan(since), { timeout: 60_000, intervals: [250] }).toBe(true);
  context.off('request', record);

  // What browsing could leak: the pages' addresses, their papers' ids and titles.
  const ids = [...new Set(fixtures.flatMap((f) => Object.keys(f.papers)))];
  const papers = await send(options, 'getPapers', { ids });
  const titles = papers.map((p, i) => {
    if (!p) throw new Error(`${ids[i]} is not in the catalog`);
    return p.title;
  });
  const secrets = [...visited, ...ids, ...titles].flatMap((s) => [
    s.toLowerCase(),
    encodeURIComponent(s).toLowerCase(),
  ]);

  const asked = during.filter((r) => !r.url().startsWith('chrome-extension://'));
  expect(asked.length).toBeGreaterThan(0);
  // arXiv's feed was fetched today already (one request a day): usually only Hugging Face asks.
  console.log(`Update now: ${asked.map((r) => new URL(r.url()).host).join(', ')}`);
  for (const request of asked) {
    const url = request.url();
    expect(
      SOURCE_URLS.some((pattern) => pattern.test(url)),
      url,
    ).toBe(true);
    const headers = await request.allHeaders();
    expect(headers.cookie, url).toBeUndefined();
    expect(headers.referer, url).toBeUndefined();
    expect(request.postData(), url).toBeNull();
    const sent = [url, ...Object.values(headers)].join('\n').toLowerCase();
    expect(
      secrets.filter((s) => sent.includes(s)),
      url,
    ).toEqual([]);
  }
  // The feed server saw the same requests, and every one since the sources were turned on was
  // as clean.
  expect(feeds.requests.slice(-asked.length).map((r) => r.url)).toEqual(asked.map((r) => r.url()));
  for (const { url, headers } of feeds.requests) {
    expect(
      SOURCE_URLS.some((pattern) => pattern.test(url)),
      url,
    ).toBe(true);
    expect(headers.cookie, url).toBeUndefined();
    expect(headers.referer, url).toBeUndefined();
  }
  await context.close();
});
