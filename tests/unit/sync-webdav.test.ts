import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openUserDb } from '../../lib/reading-list/db';
import { saveEntry, updateEntries } from '../../lib/reading-list/entries';
import { userDbStore } from '../../lib/sync/local-store';
import { runSync } from '../../lib/sync/run-sync';
import { visibleEntries } from '../../lib/sync/state';
import { testWebdav, webdavRemote } from '../../lib/sync/webdav-remote';
import {
  DAV_PASS,
  DAV_USER,
  startDavServer,
  startFaultProxy,
  type DavServer,
  type FaultProxy,
} from '../e2e/webdav-server';

let server: DavServer;
let proxy: FaultProxy;
let n = 0;
const freshDb = () => openUserDb(`sync-dav-${Date.now()}-${n++}`);
const paper = (id: string) => ({
  id,
  inCatalog: true,
  snapshot: { title: `Paper ${id}`, authors: ['A. Author'] },
});
const config = (over: Partial<{ url: string; password: string; timeoutMs: number }> = {}) => ({
  url: `${proxy.url}dav/`,
  username: DAV_USER,
  password: DAV_PASS,
  timeoutMs: 3000,
  ...over,
});
const ids = async (db: ReturnType<typeof freshDb>) =>
  (await db.entries.toArray()).map((e) => e.id).sort();

beforeAll(async () => {
  server = await startDavServer();
  mkdirSync(path.join(server.dir, 'dav'));
  proxy = await startFaultProxy(server);
}, 30_000);
afterAll(async () => {
  await proxy?.close();
  await server?.dispose();
});

describe('WebDAV remote against rclone serve webdav', () => {
  it('Test connection creates the folder and counts devices', async () => {
    expect(await testWebdav(config())).toBe(0);
  });

  it('one file per device; both devices converge, concurrent syncs lose nothing', async () => {
    const a = freshDb();
    const b = freshDb();
    await saveEntry(a, paper('a1'));
    await saveEntry(b, paper('b1'));
    // Both read before either writes: each writes only its own file, so neither write is lost.
    await Promise.all([
      runSync({ local: userDbStore(a), remote: webdavRemote(config(), 'deva') }),
      runSync({ local: userDbStore(b), remote: webdavRemote(config(), 'devb') }),
    ]);
    await runSync({ local: userDbStore(a), remote: webdavRemote(config(), 'deva') });
    await runSync({ local: userDbStore(b), remote: webdavRemote(config(), 'devb') });
    expect(await ids(a)).toEqual(['a1', 'b1']);
    expect(await ids(b)).toEqual(['a1', 'b1']);
    expect(readdirSync(path.join(server.dir, 'dav/paperpeek/devices')).sort()).toEqual([
      'deva.json.gz',
      'devb.json.gz',
    ]);
  });

  it('401, 500, 412 and a stopped server: clear errors, local list intact, next sync recovers', async () => {
    const a = freshDb();
    await saveEntry(a, paper('x1'));
    const remote = () => webdavRemote(config(), 'devx');
    await expect(testWebdav(config({ password: 'wrong' }))).rejects.toThrow(
      /refused the user name or app password \(HTTP 401\)/,
    );

    proxy.fail(500, 1, 'PROPFIND');
    await expect(runSync({ local: userDbStore(a), remote: remote() })).rejects.toMatchObject({
      code: 'server',
      retryable: true,
    });
    proxy.fail(412, 1, 'PUT');
    await expect(runSync({ local: userDbStore(a), remote: remote() })).rejects.toMatchObject({
      code: 'conflict',
      retryable: true,
    });
    // The failed writes came after the merge: this device has everything, its own paper included.
    expect(await ids(a)).toEqual(['a1', 'b1', 'x1']);

    await server.stop();
    await expect(
      runSync({
        local: userDbStore(a),
        remote: webdavRemote(config({ url: `${server.url}dav/` }), 'devx'),
      }),
    ).rejects.toMatchObject({
      code: 'network',
    });
    await server.start();
    await updateEntries(a, ['x1'], { note: 'kept' });
    await runSync({ local: userDbStore(a), remote: remote() });
    const read = await remote().read();
    expect(visibleEntries(read.state).find((e) => e.id === 'x1')?.note).toBe('kept');
  });

  it('a damaged device file is skipped with its name in the warnings; the others still merge', async () => {
    const a = freshDb();
    await saveEntry(a, paper('y1'));
    const put = await fetch(`${server.url}dav/paperpeek/devices/broken.json.gz`, {
      method: 'PUT',
      headers: { Authorization: `Basic ${btoa(`${DAV_USER}:${DAV_PASS}`)}` },
      body: new Uint8Array(
        await new Response(
          new Blob(['{"v":1,']).stream().pipeThrough(new CompressionStream('gzip')),
        ).arrayBuffer(),
      ),
    });
    expect(put.ok).toBe(true);
    const outcome = await runSync({
      local: userDbStore(a),
      remote: webdavRemote(config(), 'devy'),
    });
    expect(outcome).toMatchObject({
      kind: 'synced',
      warnings: ['Skipped the sync file of device broken: it is damaged (not JSON).'],
    });
    // The earlier tests' devices are merged; nothing is lost here.
    expect(await ids(a)).toEqual(['a1', 'b1', 'x1', 'y1']);
    await fetch(`${server.url}dav/paperpeek/devices/broken.json.gz`, {
      method: 'DELETE',
      headers: { Authorization: `Basic ${btoa(`${DAV_USER}:${DAV_PASS}`)}` },
    });
  });

  it('a time-out is reported as one', async () => {
    const { createServer } = await import('node:http');
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    await expect(
      testWebdav(config({ url: `http://127.0.0.1:${port}/`, timeoutMs: 300 })),
    ).rejects.toThrow(/did not answer within 0 s/);
    silent.closeAllConnections();
    silent.close();
  });
});
