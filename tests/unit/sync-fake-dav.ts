import { gunzip, gzip } from '../../lib/sync/compress';
import type { WireDoc } from '../../lib/sync/wire';

/**
 * A WebDAV server as a `fetch` function, in memory: PROPFIND lists `devices`, GET answers each
 * file's body (bytes, or a stream for the slow and endless cases), PUT and MKCOL are recorded.
 */
export interface FakeFile {
  body: Uint8Array | (() => ReadableStream<Uint8Array>);
  etag?: string;
  headers?: Record<string, string>;
}

export function fakeDav(files: Map<string, FakeFile>) {
  const puts: { name: string; body: Uint8Array; ifMatch: string | null }[] = [];
  const davFetch = (async (input: URL | RequestInfo, init?: RequestInit) => {
    const url = new URL(String(input));
    const name = url.pathname.split('/').pop() ?? '';
    const method = init?.method ?? 'GET';
    if (method === 'PROPFIND') {
      const hrefs = [...files.keys()]
        .map((f) => `<d:response><d:href>/dav/paperpeek/devices/${f}</d:href></d:response>`)
        .join('');
      return new Response(
        `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:">${hrefs}</d:multistatus>`,
        {
          status: 207,
        },
      );
    }
    if (method === 'MKCOL') return new Response(null, { status: 405 });
    if (method === 'PUT') {
      const body = init!.body as Uint8Array;
      const headers = new Headers(init!.headers);
      puts.push({ name, body, ifMatch: headers.get('If-Match') });
      files.set(name, { body, etag: `"v${puts.length}"` });
      return new Response(null, { status: 201, headers: { ETag: `"v${puts.length}"` } });
    }
    const file = files.get(name);
    if (!file) return new Response(null, { status: 404 });
    const body = typeof file.body === 'function' ? file.body() : (file.body as BodyInit);
    return new Response(body, {
      status: 200,
      headers: { ...(file.etag ? { ETag: file.etag } : {}), ...file.headers },
    });
  }) as typeof globalThis.fetch;
  return { fetch: davFetch, puts };
}

/** A device file as PaperPeek writes it, around a wire document. */
export async function deviceFile(device: string, doc: unknown): Promise<Uint8Array> {
  return gzip(JSON.stringify({ v: 1, device, at: Date.now(), doc }));
}

/** Every clock, as written, in a device file PaperPeek uploaded (entries, deletions, settings). */
export async function clocksIn(body: Uint8Array): Promise<string[]> {
  const { doc } = JSON.parse(await gunzip(body)) as { doc: WireDoc };
  return [
    ...doc.e.flatMap((entry) => Object.values(entry[9])),
    ...doc.t.map(([, deletedAt]) => deletedAt),
    ...Object.values(doc.s).map(([, clock]) => clock),
  ].filter((clock) => clock !== '');
}
