import { readCapped } from './read-capped';
import { SyncError } from './remote';

/**
 * The four WebDAV verbs sync needs, over fetch (which an MV3 service worker has). The `webdav`
 * npm package was considered: it brings node-fetch, md5, minimatch and an XML parser among 15
 * dependencies for a client whose listing we only need as file names, and its web build is
 * larger than this whole sync engine. Every request, its body included, has a time-out and a
 * size cap; every failure becomes a SyncError whose message says what happened in plain words.
 */

export interface DavConfig {
  url: string;
  username: string;
  password: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * A device's sync file is a few hundred KB for thousands of papers; 8 MB compressed leaves wide
 * room and stops a server that sends without end. A folder listing of a few hundred devices is a
 * few KB.
 */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
export const MAX_LISTING_BYTES = 1024 * 1024;

export interface DavFile {
  bytes: Uint8Array;
  etag: string | null;
}

export class DavClient {
  readonly base: URL;
  private readonly auth: string;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(config: DavConfig) {
    this.base = davBase(config.url);
    this.auth = `Basic ${utf8Base64(`${config.username}:${config.password}`)}`;
    this.timeoutMs = config.timeoutMs ?? 15_000;
    this.fetch = config.fetch ?? ((...args) => fetch(...args));
  }

  /** File names directly inside `dir` (relative to the base), or null when `dir` does not exist. */
  async list(dir: string): Promise<string[] | null> {
    const listing = await this.request('PROPFIND', dir, {
      headers: { Depth: '1', 'Content-Type': 'application/xml; charset=utf-8' },
      body: '<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/></d:prop></d:propfind>',
      ok: [207, 404],
      maxBytes: MAX_LISTING_BYTES,
    });
    if (listing.status === 404) return null;
    const xml = new TextDecoder().decode(listing.bytes);
    // A service worker has no DOMParser; hrefs are all we read, whatever the namespace prefix.
    const names: string[] = [];
    for (const match of xml.matchAll(/<(?:[\w-]+:)?href>([^<]*)<\/(?:[\w-]+:)?href>/g)) {
      const path = decodeURIComponent(match[1]!.replace(/&amp;/g, '&').trim());
      const name = path.replace(/\/+$/, '').split('/').pop();
      if (name && !path.endsWith('/')) names.push(name);
    }
    return names;
  }

  async get(path: string): Promise<DavFile | null> {
    const file = await this.request('GET', path, { ok: [200, 404], maxBytes: MAX_FILE_BYTES });
    if (file.status === 404) return null;
    return { bytes: file.bytes, etag: file.headers.get('ETag') };
  }

  /** PUT; `ifMatch` makes the server refuse (412) if the file changed since it was read. */
  async put(path: string, body: Uint8Array, ifMatch?: string | null): Promise<string | null> {
    const headers: Record<string, string> = { 'Content-Type': 'application/gzip' };
    if (ifMatch) headers['If-Match'] = ifMatch;
    const response = await this.request('PUT', path, {
      headers,
      body,
      ok: [200, 201, 204],
      maxBytes: MAX_LISTING_BYTES,
    });
    return response.headers.get('ETag');
  }

  /** Create a folder; one that already exists (405) is fine. */
  async mkcol(path: string): Promise<void> {
    await this.request('MKCOL', path, { ok: [201, 405], maxBytes: MAX_LISTING_BYTES });
  }

  /**
   * One request, its body read within the same time-out: a server that sends headers and then
   * trickles the body (or sends without end) is stopped like one that never answers.
   */
  private async request(
    method: string,
    path: string,
    init: {
      headers?: Record<string, string>;
      body?: string | Uint8Array;
      ok: number[];
      maxBytes: number;
    },
  ): Promise<DavResponse> {
    const url = new URL(path, this.base);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    const timeout = () =>
      new SyncError(
        `The WebDAV server at ${this.base.host} did not answer within ${Math.round(this.timeoutMs / 1000)} s.`,
        true,
        'timeout',
      );
    try {
      let response: Response;
      try {
        response = await this.fetch(url, {
          method,
          headers: { Authorization: this.auth, ...init.headers },
          body: init.body as BodyInit | undefined,
          signal: controller.signal,
          credentials: 'omit',
          cache: 'no-store',
        });
      } catch {
        if (controller.signal.aborted) throw timeout();
        throw new SyncError(
          `Could not reach the WebDAV server at ${this.base.host} (offline, or the address is wrong).`,
          true,
          'network',
        );
      }
      if (!init.ok.includes(response.status)) {
        await response.body?.cancel().catch(() => undefined);
        throw statusError(response.status, method, this.base.host);
      }
      const tooLarge = () => {
        controller.abort();
        return new SyncError(
          `The WebDAV server at ${this.base.host} sent more than ${Math.round(init.maxBytes / 1024 / 1024)} MB for one ${method === 'GET' ? 'sync file' : 'answer'}; PaperPeek stopped reading it.`,
          false,
          'malformed',
        );
      };
      const declared = Number(response.headers.get('Content-Length'));
      if (Number.isFinite(declared) && declared > init.maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        throw tooLarge();
      }
      const bytes = await readCapped(response, init.maxBytes, controller.signal, timeout, tooLarge);
      return { status: response.status, headers: response.headers, bytes };
    } finally {
      clearTimeout(timer);
    }
  }
}

export interface DavResponse {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
}

function statusError(status: number, method: string, host: string): SyncError {
  if (status === 401 || status === 403) {
    return new SyncError(
      `The WebDAV server at ${host} refused the user name or app password (HTTP ${status}).`,
      false,
      'auth',
    );
  }
  if (status === 412) {
    return new SyncError(
      'The sync file changed on the server while PaperPeek was writing it.',
      true,
      'conflict',
    );
  }
  if (status === 404 || status === 409) {
    return new SyncError(
      `The WebDAV folder was not found on ${host} (HTTP ${status}): check the address.`,
      false,
      'config',
    );
  }
  if (status === 507) {
    return new SyncError(
      `The WebDAV server at ${host} is out of space (HTTP 507).`,
      true,
      'server',
    );
  }
  return new SyncError(
    `The WebDAV server at ${host} answered ${method} with an error (HTTP ${status}); PaperPeek will retry.`,
    status >= 500 || status === 429,
    'server',
  );
}

/** The folder URL, always ending in a slash so relative paths resolve inside it. */
export function davBase(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new SyncError(`"${url}" is not a web address.`, false, 'config');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new SyncError(
      'The WebDAV address must start with https:// (or http://).',
      false,
      'config',
    );
  }
  if (parsed.username || parsed.password) {
    throw new SyncError(
      'Put the user name and password in their own fields, not in the address.',
      false,
      'config',
    );
  }
  if (!parsed.pathname.endsWith('/')) parsed.pathname += '/';
  parsed.search = '';
  parsed.hash = '';
  return parsed;
}

function utf8Base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
