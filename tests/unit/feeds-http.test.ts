import { afterEach, describe, expect, it, vi } from 'vitest';
import { FeedFetchError, fetchFeed, parseRetryAfter } from '@/lib/feeds/http';
import { areaPaceStore, createPacer } from '@/lib/feeds/pace';
import { recordingFetch } from './feeds-fakes';

const URL_HF = 'https://huggingface.co/api/daily_papers?date=2024-06-03&limit=100&p=0';
const signal = () => new AbortController().signal;

/** The error a call rejects with, for its fields. */
async function caught(promise: Promise<unknown>): Promise<FeedFetchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FeedFetchError);
  return error as FeedFetchError;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('fetchFeed', () => {
  it('sends no cookies, no referrer, bypasses the cache and refuses redirects', async () => {
    const { fetch, calls } = recordingFetch(() => new Response('[]'), { now: 0 });
    await fetchFeed(URL_HF, {
      maxBytes: 1000,
      signal: signal(),
      fetch,
      headers: { 'If-None-Match': '"abc"' },
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(URL_HF);
    expect(calls[0]!.init).toMatchObject({
      method: 'GET',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      redirect: 'error',
      headers: { 'If-None-Match': '"abc"' },
    });
  });

  it('answers the body with its validators', async () => {
    const { fetch } = recordingFetch(
      () =>
        new Response('[{"a":1}]', {
          headers: { etag: 'W/"v1"', 'last-modified': 'Mon, 03 Jun 2024 04:00:00 GMT' },
        }),
      { now: 0 },
    );
    await expect(fetchFeed(URL_HF, { maxBytes: 1000, signal: signal(), fetch })).resolves.toEqual({
      status: 200,
      text: '[{"a":1}]',
      etag: 'W/"v1"',
      lastModified: 'Mon, 03 Jun 2024 04:00:00 GMT',
    });
  });

  it('takes 304 Not Modified as an answer, not an error', async () => {
    const { fetch } = recordingFetch(
      () => new Response(null, { status: 304, headers: { etag: '"v1"' } }),
      { now: 0 },
    );
    await expect(fetchFeed(URL_HF, { maxBytes: 10, signal: signal(), fetch })).resolves.toEqual({
      status: 304,
      text: '',
      etag: '"v1"',
    });
  });

  it('decodes UTF-8 split across chunks', async () => {
    const bytes = new TextEncoder().encode('["Schrödinger – ∮"]');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(new Uint8Array([byte]));
        controller.close();
      },
    });
    const { fetch } = recordingFetch(() => new Response(body), { now: 0 });
    const { text } = await fetchFeed(URL_HF, { maxBytes: 1000, signal: signal(), fetch });
    expect(text).toBe('["Schrödinger – ∮"]');
  });

  it('a 429 is rate-limited, with Retry-After in seconds', async () => {
    const { fetch } = recordingFetch(
      () => new Response('slow down', { status: 429, headers: { 'retry-after': '120' } }),
      { now: 0 },
    );
    const error = await caught(fetchFeed(URL_HF, { maxBytes: 1000, signal: signal(), fetch }));
    expect([error.kind, error.status, error.retryAfterMs]).toEqual(['rate-limited', 429, 120_000]);
    expect(error.message).toBe(
      'Hugging Face answered 429 (too many requests) and asked us to wait for 120 s.',
    );
    expect(error.toFeedError(new Date('2024-06-03T10:00:00Z'))).toEqual({
      kind: 'rate-limited',
      status: 429,
      retryAfterMs: 120_000,
      message: error.message,
      at: '2024-06-03T10:00:00.000Z',
    });
  });

  it('a 429 with Retry-After as an HTTP date waits until then', async () => {
    const now = Date.parse('2024-06-03T10:00:00Z');
    const { fetch } = recordingFetch(
      () =>
        new Response(null, {
          status: 429,
          headers: { 'retry-after': 'Mon, 03 Jun 2024 10:05:00 GMT' },
        }),
      { now },
    );
    const error = await caught(
      fetchFeed(URL_HF, { maxBytes: 1000, signal: signal(), fetch, now: () => now }),
    );
    expect(error.retryAfterMs).toBe(300_000);
  });

  it('a 429 without Retry-After takes the reset of the RateLimit header', async () => {
    const { fetch } = recordingFetch(
      () =>
        new Response(null, {
          status: 429,
          headers: { ratelimit: '"api";r=0;t=37', 'ratelimit-policy': '"api";q=500;w=300' },
        }),
      { now: 0 },
    );
    const error = await caught(fetchFeed(URL_HF, { maxBytes: 1000, signal: signal(), fetch }));
    expect(error.retryAfterMs).toBe(37_000);
  });

  it('reads Retry-After as seconds or a GMT date, ignores junk, caps at a day', () => {
    const now = Date.parse('2024-06-03T10:00:00Z');
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(' 5 ', now)).toBe(5000);
    expect(parseRetryAfter('Mon, 03 Jun 2024 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('999999999', now)).toBe(24 * 3600 * 1000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('a 5xx is an http error with its status, and keeps a Retry-After', async () => {
    const { fetch } = recordingFetch(
      () => new Response('<html>busy</html>', { status: 503, headers: { 'retry-after': '30' } }),
      { now: 0 },
    );
    const error = await caught(fetchFeed(URL_HF, { maxBytes: 1000, signal: signal(), fetch }));
    expect([error.kind, error.status, error.retryAfterMs, error.message]).toEqual([
      'http',
      503,
      30_000,
      'Hugging Face answered 503.',
    ]);
  });

  it('stops reading a body over the cap and says so', async () => {
    let pulled = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 4 MB, far past the cap, then the end: a reader that ignores the cap fails, not hangs.
        if (++pulled > 64) controller.close();
        else controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
      cancel() {
        cancelled = true;
      },
    });
    const { fetch } = recordingFetch(() => new Response(body), { now: 0 });
    const error = await caught(
      fetchFeed('https://rss.arxiv.org/rss/cs.LG', {
        maxBytes: 1024 * 1024,
        signal: signal(),
        fetch,
      }),
    );
    expect(error.kind).toBe('too-large');
    expect(error.message).toBe('arXiv sent more than 1 MB; PaperPeek stopped reading.');
    // 16 chunks fill the cap; the 17th goes over. An endless body is not read on.
    expect(pulled).toBeLessThanOrEqual(18);
    expect(cancelled).toBe(true);
  });

  it('refuses a declared Content-Length over the cap without reading', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(10));
      },
    });
    const { fetch } = recordingFetch(
      () => new Response(body, { headers: { 'content-length': '5000' } }),
      { now: 0 },
    );
    const error = await caught(fetchFeed(URL_HF, { maxBytes: 4096, signal: signal(), fetch }));
    expect(error.message).toBe(
      'Hugging Face sent more than 4096 bytes; PaperPeek stopped reading.',
    );
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('a network failure (TypeError) is offline', async () => {
    const fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof globalThis.fetch;
    const error = await caught(fetchFeed(URL_HF, { maxBytes: 10, signal: signal(), fetch }));
    expect(error.kind).toBe('offline');
    expect(error.message).toBe('Hugging Face could not be reached (offline or blocked).');
  });

  it('asks nothing while the browser says it is offline', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    const { fetch, calls } = recordingFetch(() => new Response('[]'), { now: 0 });
    const error = await caught(fetchFeed(URL_HF, { maxBytes: 10, signal: signal(), fetch }));
    expect(error.kind).toBe('offline');
    expect(calls).toHaveLength(0);
  });

  it('an abort rejects with the abort, not a feed error', async () => {
    const controller = new AbortController();
    const fetch = (async (_url: unknown, init?: RequestInit) => {
      controller.abort();
      init!.signal!.throwIfAborted();
      return new Response('[]');
    }) as typeof globalThis.fetch;
    const error = await fetchFeed(URL_HF, { maxBytes: 10, signal: controller.signal, fetch }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
  });
});

describe('pacing', () => {
  function setup() {
    const clock = { now: 1_000_000 };
    const stored: Record<string, unknown> = {};
    const area = {
      get: async (key: string) => ({ [key]: stored[key] }),
      set: async (items: Record<string, unknown>) => void Object.assign(stored, items),
    };
    const sleeps: number[] = [];
    const sleep = async (ms: number) => {
      sleeps.push(ms);
      clock.now += ms;
    };
    return { clock, stored, area, sleeps, sleep };
  }

  it('keeps 1 s between Hugging Face requests and 3 s between arXiv requests', async () => {
    const { clock, area, sleeps, sleep } = setup();
    const pace = createPacer(areaPaceStore(area), () => clock.now, sleep);
    const times: Record<string, number[]> = { hf: [], arxiv: [] };
    for (let i = 0; i < 3; i++) {
      await pace('huggingface.co');
      times.hf!.push(clock.now);
      await pace('rss.arxiv.org');
      times.arxiv!.push(clock.now);
    }
    const gaps = (t: number[]) => t.slice(1).map((v, i) => v - t[i]!);
    expect(gaps(times.hf!).every((g) => g >= 1000)).toBe(true);
    expect(gaps(times.arxiv!).every((g) => g >= 3000)).toBe(true);
    expect(sleeps.length).toBeGreaterThan(0);
  });

  it('remembers the last request across a worker restart (a new pacer, the same store)', async () => {
    const { clock, area, stored, sleeps, sleep } = setup();
    await createPacer(areaPaceStore(area), () => clock.now, sleep)('rss.arxiv.org');
    expect(stored['pace:rss.arxiv.org']).toBe(1_000_000);
    clock.now += 500;
    await createPacer(areaPaceStore(area), () => clock.now, sleep)('rss.arxiv.org');
    expect(sleeps).toEqual([2500]);
  });

  it('concurrent callers take turns', async () => {
    const { clock, area, sleep } = setup();
    const pace = createPacer(areaPaceStore(area), () => clock.now, sleep);
    const granted: number[] = [];
    await Promise.all(
      [0, 1, 2].map(() => pace('huggingface.co').then(() => granted.push(clock.now))),
    );
    expect(granted).toEqual([1_000_000, 1_001_000, 1_002_000]);
  });

  it('waits at most one interval when the stored time is in the future (clock went back)', async () => {
    const { clock, area, stored, sleeps, sleep } = setup();
    stored['pace:huggingface.co'] = clock.now + 3_600_000;
    await createPacer(areaPaceStore(area), () => clock.now, sleep)('huggingface.co');
    expect(sleeps).toEqual([1000]);
  });

  it('still spaces requests when the store fails', async () => {
    const { clock, sleeps, sleep } = setup();
    const broken = {
      get: () => Promise.reject(new Error('no storage.session')),
      set: () => Promise.reject(new Error('no storage.session')),
    };
    const pace = createPacer(broken, () => clock.now, sleep);
    await pace('huggingface.co');
    await pace('huggingface.co');
    expect(sleeps).toEqual([1000]);
  });

  it('an aborted wait rejects', async () => {
    const pace = createPacer({ get: async () => Date.now(), set: async () => undefined });
    const controller = new AbortController();
    const waiting = pace('rss.arxiv.org', controller.signal);
    controller.abort();
    await expect(waiting).rejects.toThrow(/abort/i);
  });
});
