import type { FeedError } from './sources';

/**
 * The one way a feed is fetched: no cookies, no referrer, no cache, no redirect (so no request
 * leaves the source's host), and never more than `maxBytes` of body read. Failures come back as
 * a FeedFetchError whose kind the options page puts in words.
 */

export type FeedResponse = {
  status: number;
  /** Empty for 304 Not Modified. */
  text: string;
  etag?: string;
  lastModified?: string;
};

export type FetchFeedOptions = {
  maxBytes: number;
  headers?: Record<string, string>;
  signal: AbortSignal;
  fetch?: typeof fetch;
  /** For Retry-After given as a date. */
  now?: () => number;
};

/** Far beyond any sane Retry-After; a server asking for more is waited for a day, then asked again. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

const LABELS: Record<string, string> = {
  'huggingface.co': 'Hugging Face',
  'rss.arxiv.org': 'arXiv',
};

/** What a source is called in a message: "Hugging Face", "arXiv", or the host. */
export function sourceLabel(url: string): string {
  const host = new URL(url).hostname;
  return LABELS[host] ?? host;
}

export class FeedFetchError extends Error {
  constructor(
    readonly kind: FeedError['kind'],
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'FeedFetchError';
  }

  toFeedError(at: Date): FeedError {
    return {
      kind: this.kind,
      message: this.message.slice(0, 500),
      at: at.toISOString(),
      ...(this.status !== undefined && { status: this.status }),
      ...(this.retryAfterMs !== undefined && { retryAfterMs: this.retryAfterMs }),
    };
  }
}

/** A response whose body is kept as bytes (a gzip catalog or delta file) rather than text. */
export type FeedBytesResponse = Omit<FeedResponse, 'text'> & { bytes: Uint8Array<ArrayBuffer> };

export async function fetchFeed(url: string, options: FetchFeedOptions): Promise<FeedResponse> {
  const { bytes, ...response } = await fetchFeedBytes(url, options);
  return { ...response, text: new TextDecoder().decode(bytes) };
}

export async function fetchFeedBytes(
  url: string,
  options: FetchFeedOptions,
): Promise<FeedBytesResponse> {
  const { signal, maxBytes } = options;
  const label = sourceLabel(url);
  signal.throwIfAborted();
  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
    throw new FeedFetchError('offline', `${label} was not asked: the browser is offline.`);
  }
  const fetcher = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await fetcher(url, {
      method: 'GET',
      headers: options.headers,
      signal,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      redirect: 'error',
    });
  } catch (error) {
    signal.throwIfAborted();
    // fetch rejects with a TypeError for every network failure: no connection, DNS, a refused
    // redirect, a missing host permission. The browser does not say which.
    if (error instanceof TypeError) {
      throw new FeedFetchError('offline', `${label} could not be reached (offline or blocked).`);
    }
    throw error;
  }
  const { status, headers } = response;
  if (status === 304) {
    await discard(response);
    return { status, bytes: new Uint8Array(), ...validators(headers) };
  }
  if (status < 200 || status > 299) {
    await discard(response);
    const retryAfterMs = retryAfter(headers, status, options.now?.() ?? Date.now());
    if (status === 429) {
      const wait = retryAfterMs === undefined ? '' : ` for ${Math.ceil(retryAfterMs / 1000)} s`;
      throw new FeedFetchError(
        'rate-limited',
        `${label} answered 429 (too many requests) and asked us to wait${wait}.`,
        status,
        retryAfterMs,
      );
    }
    throw new FeedFetchError('http', `${label} answered ${status}.`, status, retryAfterMs);
  }
  const declared = Number(headers.get('content-length'));
  if (declared > maxBytes) {
    await discard(response);
    throw tooLarge(label, maxBytes, status);
  }
  const bytes = await readCapped(response, maxBytes, label);
  return { status, bytes, ...validators(headers) };
}

function validators(headers: Headers): Pick<FeedResponse, 'etag' | 'lastModified'> {
  const etag = headers.get('etag')?.trim();
  const lastModified = headers.get('last-modified')?.trim();
  return { ...(etag && { etag }), ...(lastModified && { lastModified }) };
}

async function readCapped(
  response: Response,
  maxBytes: number,
  label: string,
): Promise<Uint8Array<ArrayBuffer>> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      // Stop the download rather than read what will be thrown away.
      await reader.cancel().catch(() => undefined);
      throw tooLarge(label, maxBytes, response.status);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(bytes);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function tooLarge(label: string, maxBytes: number, status: number): FeedFetchError {
  const size =
    maxBytes >= 1024 * 1024 ? `${+(maxBytes / 1024 / 1024).toFixed(1)} MB` : `${maxBytes} bytes`;
  return new FeedFetchError(
    'too-large',
    `${label} sent more than ${size}; PaperPeek stopped reading.`,
    status,
  );
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

/**
 * How long the server asked us to wait: `Retry-After` as seconds or an HTTP date, else (on a
 * 429) the `t=` of the IETF `RateLimit` header Hugging Face sends. Capped at a day.
 */
function retryAfter(headers: Headers, status: number, now: number): number | undefined {
  const fromHeader = parseRetryAfter(headers.get('retry-after'), now);
  if (fromHeader !== undefined || status !== 429) return fromHeader;
  const reset = /(?:^|[;,\s])t=(\d{1,9})(?:[;,\s]|$)/.exec(headers.get('ratelimit') ?? '');
  return reset ? Math.min(Number(reset[1]) * 1000, MAX_RETRY_AFTER_MS) : undefined;
}

/** `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2015 07:28:00 GMT`, in ms from now. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d{1,9}$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  if (!/GMT$/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}
