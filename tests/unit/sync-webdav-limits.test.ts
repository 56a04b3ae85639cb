import { describe, expect, it } from 'vitest';
import { gunzip, gzip, MAX_INFLATED_BYTES } from '../../lib/sync/compress';
import { DavClient, MAX_FILE_BYTES } from '../../lib/sync/webdav-client';

const MB = 1024 * 1024;
const config = (fetch: typeof globalThis.fetch, timeoutMs = 400) =>
  ({
    url: 'https://dav.example.org/dav/',
    username: 'u',
    password: 'p',
    timeoutMs,
    fetch,
  }) as const;

/** A fetch answering every request with `body` and `headers`, and counting bytes pulled. */
function serving(body: () => ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  return ((_url: URL | RequestInfo, init?: RequestInit) =>
    Promise.resolve(
      new Response(body(), { status: init?.method === 'PROPFIND' ? 207 : 200, headers }),
    )) as typeof fetch;
}

/** A body of `chunk`-byte pieces, `every` ms apart, `limit` bytes in all (or without end). */
function stream(chunk: number, every: number, limit = Infinity, pulled = { bytes: 0 }) {
  return () =>
    new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (pulled.bytes >= limit) return controller.close();
        if (every) await new Promise((r) => setTimeout(r, every));
        pulled.bytes += chunk;
        controller.enqueue(new Uint8Array(chunk).fill(120));
      },
    });
}

describe('WebDAV client limits', () => {
  it('times out a body sent one byte at a time, within the time-out, with a plain message', async () => {
    const client = new DavClient(config(serving(stream(1, 100))));
    const started = Date.now();
    await expect(client.get('paperpeek/devices/slow.json.gz')).rejects.toMatchObject({
      code: 'timeout',
      retryable: true,
      message: 'The WebDAV server at dav.example.org did not answer within 0 s.',
    });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('stops reading a body past the 8 MB cap, without reading the rest', async () => {
    const pulled = { bytes: 0 };
    const client = new DavClient(config(serving(stream(MB, 0, 40 * MB, pulled)), 10_000));
    await expect(client.get('paperpeek/devices/huge.json.gz')).rejects.toMatchObject({
      code: 'malformed',
      message:
        'The WebDAV server at dav.example.org sent more than 8 MB for one sync file; PaperPeek stopped reading it.',
    });
    expect(pulled.bytes).toBeLessThanOrEqual(MAX_FILE_BYTES + 2 * MB);
  });

  it('refuses a body whose Content-Length is over the cap before reading any of it', async () => {
    const pulled = { bytes: 0 };
    const client = new DavClient(
      config(serving(stream(MB, 0, 500 * MB, pulled), { 'Content-Length': String(500 * MB) })),
    );
    await expect(client.get('paperpeek/devices/huge.json.gz')).rejects.toMatchObject({
      code: 'malformed',
    });
    expect(pulled.bytes).toBeLessThanOrEqual(MB); // at most what the stream queued up front
  });

  it('caps a folder listing at 1 MB', async () => {
    const client = new DavClient(config(serving(stream(64 * 1024, 0, 8 * MB)), 10_000));
    await expect(client.list('paperpeek/devices/')).rejects.toThrow(
      /sent more than 1 MB for one answer/,
    );
  });
});

describe('gunzip cap', () => {
  it('refuses gzip that inflates past 64 MB, and reads a file under it', async () => {
    const bomb = await gzip('a'.repeat(MAX_INFLATED_BYTES + MB));
    expect(bomb.length).toBeLessThan(MB);
    await expect(gunzip(bomb)).rejects.toThrow('it inflates to more than 64 MB');
    const small = 'é'.repeat(100_000);
    expect(await gunzip(await gzip(small))).toBe(small);
  });
});
