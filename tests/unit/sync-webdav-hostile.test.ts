import { describe, expect, it } from 'vitest';
import { openUserDb } from '../../lib/reading-list/db';
import { saveEntry, updateEntries } from '../../lib/reading-list/entries';
import { gzip } from '../../lib/sync/compress';
import { clockProblem, decodeHlc, encodeHlc } from '../../lib/sync/hlc';
import { userDbStore } from '../../lib/sync/local-store';
import { runSync } from '../../lib/sync/run-sync';
import { stateFrom } from '../../lib/sync/state';
import { webdavRemote } from '../../lib/sync/webdav-remote';
import { encodeState } from '../../lib/sync/wire';
import { clocksIn, deviceFile, fakeDav, type FakeFile } from './sync-fake-dav';
import { at, savedEntry } from './sync-fixtures';

const DAY = 24 * 60 * 60 * 1000;
const YEAR_9999 = encodeHlc({ wall: Date.UTC(9999, 0, 1), counter: 0, node: 'evil' });
let n = 0;
const freshDb = () => openUserDb(`dav-hostile-${Date.now()}-${n++}`);
const paper = (id: string) => ({ id, inCatalog: true, snapshot: { title: id, authors: ['A'] } });
const config = (fetch: typeof globalThis.fetch) => ({
  url: 'https://dav.example.org/dav/',
  username: 'u',
  password: 'p',
  timeoutMs: 2000,
  fetch,
});

async function goodFile(device: string, ids: string[]): Promise<FakeFile> {
  const now = Date.now();
  const doc = encodeState(
    stateFrom(
      ids.map((id) => savedEntry(id, at(now - 1000, device))),
      [],
    ),
  );
  return { body: await deviceFile(device, doc), etag: `"${device}1"` };
}

/** A device file with one sound entry, `future` entries in the year 9999 and one `zzzz` clock. */
async function hostileFile(device: string): Promise<FakeFile> {
  const now = Date.now();
  const doc = encodeState(
    stateFrom(
      ['sound', 'f1', 'f2', 'evil'].map((id) => savedEntry(id, at(now - 1000, device))),
      [{ id: 'mine', deletedAt: YEAR_9999 }],
      { markersEnabled: { value: false, clock: YEAR_9999 } },
    ),
  );
  const bad: Record<string, string> = {
    evil: 'zzzzzzzzzzz-zzzz-evil',
    f1: YEAR_9999,
    f2: YEAR_9999,
  };
  for (const wire of doc.e) if (bad[wire[0]]) wire[9] = { a: bad[wire[0]]! };
  return { body: await deviceFile(device, doc) };
}

describe('WebDAV sync with a hostile or broken folder', () => {
  it('skips a damaged file, ignores future and malformed clocks, merges the rest and says so', async () => {
    const db = freshDb();
    await saveEntry(db, paper('mine'));
    await updateEntries(db, ['mine'], { note: 'my note', addTags: ['t'] });
    const files = new Map<string, FakeFile>([
      ['bad.json.gz', { body: new TextEncoder().encode('not gzip at all') }],
      ['good.json.gz', await goodFile('good', ['g1'])],
      ['future.json.gz', await hostileFile('future')],
    ]);
    const dav = fakeDav(files);
    const outcome = await runSync({
      local: userDbStore(db),
      remote: webdavRemote(config(dav.fetch), 'self'),
    });
    expect(outcome).toMatchObject({ kind: 'synced' });
    expect(outcome.kind === 'synced' && outcome.warnings).toEqual([
      'Skipped the sync file of device bad: it is damaged (not gzip).',
      "Ignored 5 entries from device future dated more than a day ahead of this device's clock.",
    ]);
    const entries = await db.entries.toArray();
    expect(entries.map((e) => [e.id, e.note, e.tags])).toEqual([
      ['g1', '', []],
      ['mine', 'my note', ['t']],
      ['sound', '', []],
    ]);
    const saved = await saveEntry(db, paper('later'));
    expect(Math.abs(decodeHlc(saved.clock.added!).wall - Date.now())).toBeLessThan(DAY);
    const put = dav.puts.find((p) => p.name === 'self.json.gz')!;
    const clocks = await clocksIn(put.body);
    expect(clocks.length).toBeGreaterThan(0);
    expect(clocks.filter((c) => clockProblem(c, Date.now()))).toEqual([]);
  });

  it('a damaged own file is skipped and written again from this device, with its ETag checked', async () => {
    const db = freshDb();
    await saveEntry(db, paper('mine'));
    const dav = fakeDav(
      new Map([['self.json.gz', { body: await gzip('{"v":1,'), etag: '"own7"' }]]),
    );
    const outcome = await runSync({
      local: userDbStore(db),
      remote: webdavRemote(config(dav.fetch), 'self'),
    });
    expect(outcome.kind === 'synced' && outcome.warnings).toEqual([
      "This device's own sync file on the server was damaged (not JSON); PaperPeek wrote it again from this device's list.",
    ]);
    expect(dav.puts.map((p) => [p.name, p.ifMatch])).toEqual([['self.json.gz', '"own7"']]);
    expect((await db.entries.toArray()).map((e) => e.id)).toEqual(['mine']);
    // The rewritten file reads back cleanly: the next sync has nothing to warn about.
    const next = await runSync({
      local: userDbStore(db),
      remote: webdavRemote(config(dav.fetch), 'self'),
    });
    expect(next.kind === 'synced' && next.warnings).toEqual([]);
  });

  it('an ETag that is not one is not sent back', async () => {
    const db = freshDb();
    await saveEntry(db, paper('mine'));
    const dav = fakeDav(new Map([['self.json.gz', { body: await gzip('x'), etag: 'junk\u00ff' }]]));
    await runSync({ local: userDbStore(db), remote: webdavRemote(config(dav.fetch), 'self') });
    expect(dav.puts.map((p) => p.ifMatch)).toEqual([null]);
  });

  it('a file too large to be a sync file is skipped like a damaged one', async () => {
    const db = freshDb();
    await saveEntry(db, paper('mine'));
    const big = new Uint8Array(9 * 1024 * 1024);
    const dav = fakeDav(
      new Map([
        ['huge.json.gz', { body: big }],
        ['good.json.gz', await goodFile('good', ['g1'])],
      ]),
    );
    const outcome = await runSync({
      local: userDbStore(db),
      remote: webdavRemote(config(dav.fetch), 'self'),
    });
    expect(outcome.kind === 'synced' && outcome.warnings).toEqual([
      'Skipped the sync file of device huge: it is damaged (larger than 8 MB).',
    ]);
    expect((await db.entries.toArray()).map((e) => e.id)).toEqual(['g1', 'mine']);
  });
});
