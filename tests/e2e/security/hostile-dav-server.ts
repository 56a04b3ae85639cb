import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * A WebDAV server that lies: it lists the device files a test gives it and answers GET with
 * crafted bodies (a file as bytes, an endless body, one byte a second). PUT and MKCOL are
 * accepted and recorded, and a PUT file is served back, so removing the crafted files turns it
 * into an honest server for the next sync.
 */

export type Body = Buffer | 'huge' | 'slow';

export interface HostileDav {
  url: string;
  files: Map<string, Body>;
  /** Device files the extension uploaded, by name, newest last. */
  puts: { name: string; body: Buffer }[];
  /** Bytes the endless body sent before the client hung up (or the 100 MB cap). */
  hugeBytesSent: number;
  close(): Promise<void>;
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, PUT, PROPFIND, MKCOL, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Depth, Content-Type, If-Match',
  'Access-Control-Expose-Headers': 'ETag',
};
const HUGE_CAP = 100 * 1024 * 1024;
const DEVICES = '/dav/paperpeek/devices/';

export async function startHostileDav(): Promise<HostileDav> {
  const dav: HostileDav = {
    url: '',
    files: new Map(),
    puts: [],
    hugeBytesSent: 0,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((req, res) => {
    for (const [k, v] of Object.entries(CORS)) res.setHeader(k, v);
    const path = decodeURIComponent(new URL(req.url!, 'http://x').pathname);
    const name = path.startsWith(DEVICES) ? path.slice(DEVICES.length) : '';
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    if (req.method === 'MKCOL') return void res.writeHead(405).end();
    if (req.method === 'PROPFIND') {
      const hrefs = [...dav.files.keys()].map(
        (f) => `<d:response><d:href>${DEVICES}${f}</d:href></d:response>`,
      );
      return void res
        .writeHead(207, { 'Content-Type': 'application/xml' })
        .end(
          `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:">${hrefs.join('')}</d:multistatus>`,
        );
    }
    if (req.method === 'PUT') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        dav.puts.push({ name, body });
        dav.files.set(name, body);
        res.writeHead(201, { ETag: `"${dav.puts.length}"` }).end();
      });
      return;
    }
    const body = dav.files.get(name);
    if (req.method !== 'GET' || body === undefined) return void res.writeHead(404).end();
    if (Buffer.isBuffer(body)) return void res.writeHead(200, { ETag: '"1"' }).end(body);
    res.writeHead(200, { 'Content-Type': 'application/gzip' });
    let stopped = false;
    res.on('close', () => (stopped = true));
    if (body === 'huge') {
      // 1 MB every 20 ms: fast enough to pass the cap at once, paced so that what was sent when
      // the client hung up measures what it read, not how much loopback moves in the meantime.
      const chunk = Buffer.alloc(1024 * 1024, 0x61);
      const pump = () => {
        if (stopped || dav.hugeBytesSent >= HUGE_CAP) return void res.end();
        dav.hugeBytesSent += chunk.length;
        if (res.write(chunk)) setTimeout(pump, 20);
        else res.once('drain', () => setTimeout(pump, 20));
      };
      pump();
    } else {
      const drip = setInterval(() => {
        if (stopped) clearInterval(drip);
        else res.write('x');
      }, 1000);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  dav.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dav/`;
  return dav;
}

/** A clock as PaperPeek encodes one. */
export const clock = (wall: number, node: string) =>
  `${wall.toString(36).padStart(11, '0')}-0000-${node}`;

/** A device file with one entry per [id, clock], a deletion and a setting, in the wire format. */
export function deviceFile(
  device: string,
  entries: [id: string, clock: string][],
  extra: { tombstone?: [string, string]; setting?: string } = {},
): Buffer {
  const now = Date.now();
  const doc = {
    v: 1,
    e: entries.map(([id, c]) => [
      id,
      0,
      now,
      now,
      null,
      0,
      ['from-' + device],
      'theirs',
      { t: `Paper ${id}`, a: ['X'] },
      { a: c },
    ]),
    t: extra.tombstone ? [extra.tombstone] : [],
    s: extra.setting ? { hoverDelayMs: [1500, extra.setting] } : {},
  };
  return gzipSync(JSON.stringify({ v: 1, device, at: now, doc }));
}

/** Every clock in a device file the extension uploaded. */
export function clocksIn(body: Buffer): string[] {
  const { doc } = JSON.parse(gunzipSync(body).toString('utf8')) as {
    doc: { e: unknown[][]; t: [string, string][]; s: Record<string, [unknown, string]> };
  };
  return [
    ...doc.e.flatMap((e) => Object.values(e[9] as Record<string, string>)),
    ...doc.t.map(([, c]) => c),
    ...Object.values(doc.s).map(([, c]) => c),
  ].filter((c) => c !== '');
}

/** True for a clock in PaperPeek's format dated no later than a day from now. */
export function saneClock(text: string): boolean {
  const match = /^([0-9a-z]{11})-[0-9a-z]{4}-[a-z0-9]{1,32}$/.exec(text);
  return !!match && parseInt(match[1]!, 36) <= Date.now() + 24 * 60 * 60 * 1000;
}
