import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { arxivFeedUrl, readArxivFeed } from '@/lib/feeds/arxiv';
import { runArxiv, type RunDeps } from '@/lib/feeds/runner';
import type { FeedSettings } from '@/lib/feeds/sources';
import { fakeDeps, MemoryCatalog, recordingFetch } from './feeds-fakes';

const SAMPLE = readFileSync('tests/fixtures/feeds/arxiv-rss.xml', 'utf8');
const AT = '2024-06-04T04:20:00.000Z';

/** The recorded feed with a third item, a new submission, and the given channel items. */
const NEW_ITEM = `<item>
      <title>Mamba: Linear-Time Sequence Modeling with Selective State Spaces</title>
      <link>https://arxiv.org/abs/2312.00752</link>
      <description>arXiv:2312.00752v1 Announce Type: new
Abstract: Foundation models are almost universally based on the Transformer architecture. Code: https://github.com/state-spaces/mamba.</description>
      <guid isPermaLink="false">oai:arXiv.org:2312.00752v1</guid>
      <category>cs.LG</category>
      <category>cs.AI</category>
      <category>not a category!</category>
      <arxiv:announce_type>new</arxiv:announce_type>
      <dc:creator>Albert Gu, Tri Dao</dc:creator>
    </item>
  </channel>`;
const WITH_NEW = SAMPLE.replace('</channel>', NEW_ITEM);
const EMPTY = SAMPLE.replace(/<item>[\s\S]*<\/item>/, '');

describe('the feed URL', () => {
  it('joins the categories with +, sorted and distinct, so one set is one feed', () => {
    expect(arxivFeedUrl(['cs.LG', 'cs.CL'])).toBe('https://rss.arxiv.org/rss/cs.CL+cs.LG');
    expect(arxivFeedUrl(['cs.LG', 'hep-th', 'cs.CL', 'cs.LG', 'q-bio.NC'])).toBe(
      'https://rss.arxiv.org/rss/cs.CL+cs.LG+hep-th+q-bio.NC',
    );
  });

  it('refuses no category, a malformed one, and too many, naming them', () => {
    expect(() => arxivFeedUrl([])).toThrow('Pick at least one arXiv category.');
    expect(() => arxivFeedUrl(['cs.LG', 'cs LG', '../atom/x'])).toThrow(
      'Not an arXiv category: "../atom/x", "cs LG".',
    );
    expect(() => arxivFeedUrl(['cs.LG+math.AP'])).toThrow(
      'Not an arXiv category: "cs.LG+math.AP".',
    );
    const letter = (n: number) => String.fromCharCode(65 + n);
    const many = Array.from({ length: 51 }, (_, i) => `cs.${letter(i % 26)}${letter(i / 26)}`);
    expect(() => arxivFeedUrl(many)).toThrow(
      'At most 50 arXiv categories fit one feed (51 given).',
    );
  });
});

describe('a fetched feed as papers', () => {
  it('keeps every item, with its categories and origin; the new ones form the list', () => {
    const { papers, newList, issues } = readArxivFeed(WITH_NEW, AT);
    expect(issues).toEqual([]);
    expect(papers.map((p) => [p.id, p.categories])).toEqual([
      ['2306.11644', ['cs.CL', 'cs.AI', 'cs.LG']],
      ['2305.18290', ['cs.LG', 'cs.AI', 'cs.CL']],
      // A category the taxonomy cannot spell is left out.
      ['2312.00752', ['cs.LG', 'cs.AI']],
    ]);
    const mamba = papers[2]!;
    expect(mamba).toMatchObject({
      arxivId: '2312.00752',
      title: 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
      authors: ['Albert Gu', 'Tri Dao'],
      published: '2023-12',
      code: [{ url: 'https://github.com/state-spaces/mamba', kind: 'repository', official: true }],
      links: {
        abs: 'https://arxiv.org/abs/2312.00752',
        hf: 'https://huggingface.co/papers/2312.00752',
      },
      origin: [{ source: 'arxiv', at: AT }],
      updatedAt: AT,
      related: [],
    });
    expect(papers[1]!.venue).toBe('NeurIPS 2023');
    // Only the new submission: a cross-list and a replacement are not "new in your categories".
    expect(newList).toEqual({ at: AT, items: [{ id: '2312.00752' }] });
  });

  it('an empty feed (Saturday, Sunday) gives no list, so the last one stays', () => {
    expect(readArxivFeed(EMPTY, AT)).toEqual({ papers: [], newList: null, issues: [] });
  });
});

// -----------------------------------------------------------------------------------------------

const SETTINGS: FeedSettings['arxiv'] = { enabled: true, categories: ['cs.LG', 'cs.CL'] };
const URL = 'https://rss.arxiv.org/rss/cs.CL+cs.LG';
// Tuesday 2024-06-04, 00:20 in New York.
const TUESDAY = Date.parse('2024-06-04T04:20:00Z');

/** arXiv's RSS server: answers 304 when the client's validators match the feed's. */
function arxivServer(clock: { now: number }, feed = { body: WITH_NEW, etag: '"feed-1"' }) {
  const lastModified = 'Tue, 04 Jun 2024 04:00:00 GMT';
  return {
    feed,
    ...recordingFetch((_url, init) => {
      const headers = new Headers(init.headers);
      if (headers.get('if-none-match') === feed.etag) return new Response(null, { status: 304 });
      return new Response(feed.body, {
        headers: {
          etag: feed.etag,
          'last-modified': lastModified,
          'content-type': 'application/rss+xml',
        },
      });
    }, clock),
  };
}

function setup(start = TUESDAY) {
  const clock = { now: start };
  const catalog = new MemoryCatalog();
  const server = arxivServer(clock);
  const deps = (extra: Partial<RunDeps> = {}) => fakeDeps(catalog, server.fetch, clock, extra);
  return { clock, catalog, server, calls: server.calls, deps };
}

describe('an arXiv run', () => {
  it('fetches the feed once, without cookies or referrer, and stores its papers with the new list', async () => {
    const { catalog, calls, deps } = setup();
    const d = deps();
    const outcome = await runArxiv(d, SETTINGS);
    expect(outcome).toMatchObject({
      added: 3,
      changed: 0,
      requests: 1,
      error: null,
      finished: true,
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(URL);
    expect(calls[0]!.init).toMatchObject({
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      redirect: 'error',
      headers: {},
    });
    expect(d.paced).toEqual(['rss.arxiv.org']);
    expect(catalog.batches).toHaveLength(1);
    expect(catalog.lists.get('arxiv-new')!.items).toEqual([{ id: '2312.00752' }]);
    expect(catalog.cursors.get('arxiv')).toEqual({
      v: 1,
      url: URL,
      day: '2024-06-04',
      at: '2024-06-04T04:20:00.000Z',
      etag: '"feed-1"',
      lastModified: 'Tue, 04 Jun 2024 04:00:00 GMT',
    });
  });

  it('asks once a day: a second run the same New York day sends nothing', async () => {
    const { clock, calls, deps } = setup();
    await runArxiv(deps(), SETTINGS);
    clock.now += 18 * 3600_000; // 18:20 in New York, still Tuesday there
    const again = await runArxiv(deps(), SETTINGS);
    expect(again).toMatchObject({ requests: 0, error: null, finished: true });
    expect(again.issues).toEqual(['the feed was already fetched on 2024-06-04 (New York)']);
    expect(calls).toHaveLength(1);
  });

  it('the next day sends If-None-Match and If-Modified-Since; a 304 is a success with nothing added', async () => {
    const { clock, catalog, calls, deps } = setup();
    await runArxiv(deps(), SETTINGS);
    clock.now += 24 * 3600_000;
    const outcome = await runArxiv(deps(), SETTINGS);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.init.headers).toEqual({
      'If-None-Match': '"feed-1"',
      'If-Modified-Since': 'Tue, 04 Jun 2024 04:00:00 GMT',
    });
    expect(outcome).toMatchObject({
      added: 0,
      changed: 0,
      requests: 1,
      error: null,
      finished: true,
    });
    const batch = catalog.batches[1]!;
    expect(batch.put).toEqual([]);
    expect(batch.lists).toBeUndefined();
    // The day moves on; the validators stay those the 304 answered to.
    expect(catalog.cursors.get('arxiv')).toMatchObject({
      day: '2024-06-05',
      etag: '"feed-1"',
      lastModified: 'Tue, 04 Jun 2024 04:00:00 GMT',
    });
    expect(catalog.lists.get('arxiv-new')!.items).toEqual([{ id: '2312.00752' }]);
  });

  it('a changed feed is read again, and its validators replace the old ones', async () => {
    const { clock, catalog, server, deps } = setup();
    await runArxiv(deps(), SETTINGS);
    server.feed.body = SAMPLE;
    server.feed.etag = '"feed-2"';
    clock.now += 24 * 3600_000;
    const outcome = await runArxiv(deps(), SETTINGS);
    expect(outcome).toMatchObject({ added: 0, requests: 1, error: null });
    expect(catalog.cursors.get('arxiv')).toMatchObject({ etag: '"feed-2"' });
    // No new submissions in this feed: the list is replaced by an empty one.
    expect(catalog.lists.get('arxiv-new')!.items).toEqual([]);
  });

  it('the day turns at midnight in New York, not UTC', async () => {
    // Monday 23:30 in New York is Tuesday 03:30 UTC.
    const { clock, calls, deps } = setup(Date.parse('2024-06-04T03:30:00Z'));
    await runArxiv(deps(), SETTINGS);
    clock.now = Date.parse('2024-06-04T03:50:00Z'); // 23:50, still Monday there
    await runArxiv(deps(), SETTINGS);
    expect(calls).toHaveLength(1);
    clock.now = Date.parse('2024-06-04T04:20:00Z'); // Tuesday 00:20 in New York
    await runArxiv(deps(), SETTINGS);
    expect(calls).toHaveLength(2);
  });

  it('other categories are another feed: asked whole, without the old validators', async () => {
    const { calls, deps } = setup();
    await runArxiv(deps(), SETTINGS);
    await runArxiv(deps(), { enabled: true, categories: ['cs.CV'] });
    expect(calls.map((c) => c.url)).toEqual([URL, 'https://rss.arxiv.org/rss/cs.CV']);
    expect(calls[1]!.init.headers).toEqual({});
  });

  it("an empty weekend feed keeps the last 'new' list", async () => {
    const { clock, catalog, server, deps } = setup();
    await runArxiv(deps(), SETTINGS);
    server.feed.body = EMPTY;
    server.feed.etag = '"weekend"';
    clock.now = Date.parse('2024-06-08T16:00:00Z'); // Saturday
    const outcome = await runArxiv(deps(), SETTINGS);
    expect(outcome).toMatchObject({ added: 0, requests: 1, error: null });
    expect(catalog.batches[1]!.lists).toBeUndefined();
    expect(catalog.lists.get('arxiv-new')!.items).toEqual([{ id: '2312.00752' }]);
  });

  it('a feed that is not XML is a bad body, and the day is not marked done', async () => {
    const { calls, catalog, server, deps } = setup();
    server.feed.body = SAMPLE.slice(0, 1200);
    const outcome = await runArxiv(deps(), SETTINGS);
    expect(outcome.error).toMatchObject({ kind: 'bad-body' });
    expect(outcome.error!.message).toMatch(/^arXiv's feed could not be read: not well-formed XML/);
    expect(catalog.batches).toEqual([]);
    server.feed.body = WITH_NEW;
    await runArxiv(deps(), SETTINGS);
    expect(calls).toHaveLength(2);
  });

  it('a 429 stops with its Retry-After; a 503 is an http error', async () => {
    const clock = { now: TUESDAY };
    const catalog = new MemoryCatalog();
    let answer = new Response(null, { status: 429, headers: { 'retry-after': '30' } });
    const { fetch } = recordingFetch(() => answer, clock);
    const limited = await runArxiv(fakeDeps(catalog, fetch, clock), SETTINGS);
    expect(limited.error).toMatchObject({
      kind: 'rate-limited',
      status: 429,
      retryAfterMs: 30_000,
    });
    answer = new Response('down', { status: 503 });
    const down = await runArxiv(fakeDeps(catalog, fetch, clock), SETTINGS);
    expect(down.error).toMatchObject({ kind: 'http', status: 503, message: 'arXiv answered 503.' });
    expect(catalog.batches).toEqual([]);
  });

  it('asks nothing with no category, a bad one, turned off or offline', async () => {
    const { calls, deps } = setup();
    expect((await runArxiv(deps(), { enabled: true, categories: [] })).error).toMatchObject({
      kind: 'other',
      message: 'No arXiv category is picked.',
    });
    expect((await runArxiv(deps(), { enabled: true, categories: ['cs/LG'] })).error).toMatchObject({
      message: 'Not an arXiv category: "cs/LG".',
    });
    expect((await runArxiv(deps(), { ...SETTINGS, enabled: false })).error).toMatchObject({
      message: 'arXiv is turned off.',
    });
    expect((await runArxiv(deps({ isOnline: () => false }), SETTINGS)).error).toMatchObject({
      kind: 'offline',
    });
    expect(calls).toEqual([]);
  });

  it('stopped between the fetch and the commit, it stores nothing and asks again next time', async () => {
    const { calls, catalog, deps } = setup();
    const controller = new AbortController();
    const d = deps({ signal: controller.signal });
    const fetch = d.fetch;
    d.fetch = (async (...args: Parameters<typeof fetch>) => {
      const response = await fetch(...args);
      controller.abort();
      return response;
    }) as typeof fetch;
    expect(await runArxiv(d, SETTINGS)).toMatchObject({
      error: null,
      finished: false,
      requests: 1,
    });
    expect(catalog.batches).toEqual([]);
    await runArxiv(deps(), SETTINGS);
    expect(calls).toHaveLength(2);
    expect(catalog.batches).toHaveLength(1);
  });
});
