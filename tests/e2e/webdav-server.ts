import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A real WebDAV server for tests and the bench: `rclone serve webdav` (Debian's rclone) on a free
 * local port, a temporary folder, basic auth. `proxy()` puts a small HTTP proxy in front that can
 * be told to answer the next requests with an error status, so tests can inject 500 and 412.
 */

export const DAV_USER = 'reader';
export const DAV_PASS = 'app-password-123';

export interface DavServer {
  /** Stop and delete the folder. */
  dispose(): Promise<void>;
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
  /** Start again on the same port and folder (after stop). */
  start(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForPort(port: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`rclone did not listen on ${port} within ${timeoutMs} ms`);
}

export async function startDavServer(): Promise<DavServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'paperpeek-dav-'));
  const port = await freePort();
  let child: ChildProcess | null = null;
  const server: DavServer = {
    async dispose() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    url: `http://127.0.0.1:${port}/`,
    port,
    dir,
    async start() {
      child = spawn(
        'rclone',
        [
          'serve',
          'webdav',
          dir,
          '--addr',
          `127.0.0.1:${port}`,
          '--user',
          DAV_USER,
          '--pass',
          DAV_PASS,
          '--config',
          '/dev/null',
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-2000)));
      child.once('exit', (code) => {
        if (code && code !== 0 && code !== 143) console.error(`rclone exited ${code}: ${stderr}`);
      });
      await waitForPort(port);
    },
    async stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGTERM');
      });
    },
  };
  await server.start();
  return server;
}

export interface FaultProxy {
  url: string;
  /** Answer the next `count` requests (optionally only those of `method`) with `status`. */
  fail(status: number, count: number, method?: string): void;
  /** Run `action` (e.g. stop the server) when the next request of `method` arrives, before forwarding it. */
  onNext(method: string, action: () => Promise<void>): void;
  /** Requests seen, as "METHOD path status". */
  log: string[];
  close(): Promise<void>;
}

/**
 * CORS headers for the extension's origin: headless Chromium cannot answer the host-permission
 * prompt, so in tests the extension reaches the server the way any origin may when the server
 * allows it (as Nextcloud can be configured to).
 */
const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, PUT, PROPFIND, MKCOL, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Depth, Content-Type, If-Match',
  'Access-Control-Expose-Headers': 'ETag',
};

export async function startFaultProxy(target: DavServer): Promise<FaultProxy> {
  const faults: { status: number; left: number; method?: string }[] = [];
  const hooks: { method: string; action: () => Promise<void> }[] = [];
  const log: string[] = [];
  const server = http.createServer(async (req, res) => {
    for (const [k, v] of Object.entries(CORS)) res.setHeader(k, v);
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    const hook = hooks.findIndex((h) => h.method === req.method);
    if (hook >= 0) await hooks.splice(hook, 1)[0]!.action();
    const fault = faults.find((f) => f.left > 0 && (!f.method || f.method === req.method));
    if (fault) {
      fault.left--;
      log.push(`${req.method} ${req.url} ${fault.status}`);
      req.resume();
      res.writeHead(fault.status, { 'Content-Type': 'text/plain' }).end('injected fault');
      return;
    }
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (up) => {
        log.push(`${req.method} ${req.url} ${up.statusCode}`);
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      log.push(`${req.method} ${req.url} 502`);
      res.writeHead(502).end('upstream down');
    });
    req.pipe(upstream);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/`,
    fail: (status, count, method) => faults.push({ status, left: count, method }),
    onNext: (method, action) => hooks.push({ method, action }),
    log,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
