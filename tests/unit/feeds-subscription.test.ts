import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCatalog } from '@/lib/catalog/catalog-reader';
import { fileSha256, writeDelta } from '@/lib/catalog/delta-writer';
import type { FeedManifest } from '@/lib/catalog/feed-manifest';
import { publishFeed } from '@/lib/catalog/feed-publish';
import type { Paper } from '@/lib/catalog/schema';
import type { FeedBatch, FeedSettings, UpsertResult } from '@/lib/feeds/sources';
import { runSubscription, SUB_BATCH, type SubscriptionDeps } from '@/lib/feeds/subscription';
import { makePaper, papers } from './catalog-fixture';

const ORIGIN = 'https://catalog.example';
const MANIFEST = `${ORIGIN}/feed/manifest.json`;
const SETTINGS: FeedSettings['sub'] = { enabled: true, url: MANIFEST };

/**
 * A published feed folder served at https://catalog.example/feed/, and an extension side that
 * keeps its catalog as a map: loadBase replaces it, upsert applies a batch and keeps the cursor.
 */
class World {
  catalog = new Map<string, Paper>();
  cursor: unknown = null;
  requests: { url: string; init: RequestInit | undefined }[] = [];
  loads: string[] = [];
  batches: FeedBatch[] = [];
  /** Served instead of the folder's file of that name. */
  override = new Map<string, Uint8Array<ArrayBuffer> | number>();
  /** Makes the n-th upsert (1-based, counted over the world's life) fail as a full disk would. */
  failUpsertAt = 0;
  aborter = new AbortController();

  constructor(readonly dir: string) {}

  fetch: typeof fetch = async (input, init) => {
    const url = String(input);
    this.requests.push({ url, init });
    const name = url.startsWith(`${ORIGIN}/feed/`) ? url.slice(`${ORIGIN}/feed/`.length) : null;
    const served = name === null ? 404 : this.override.get(name);
    if (typeof served === 'number') return new Response('no', { status: served });
    if (served) return new Response(served);
    try {
      return new Response(new Uint8Array(await readFile(join(this.dir, name!))));
    } catch {
      return new Response('not found', { status: 404 });
    }
  };

  deps(): SubscriptionDeps {
    return {
      fetch: this.fetch,
      upsert: async (batch) => this.upsert(batch),
      readCursor: async (source) => (source === 'sub' ? this.cursor : null),
      now: () => new Date('2025-03-01T12:00:00Z'),
      signal: this.aborter.signal,
      pace: async () => undefined,
      loadBase: async (blob, version) => {
        const catalog = await openCatalog(blob.stream());
        const next = new Map<string, Paper>();
        for await (const batch of catalog.batches) for (const p of batch.papers) next.set(p.id, p);
        this.catalog = next;
        this.loads.push(version);
      },
    };
  }

  private upsert(batch: FeedBatch): UpsertResult {
    if (this.batches.length + 1 === this.failUpsertAt) {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    this.batches.push(batch);
    const result: UpsertResult = { added: [], changed: [], unchanged: 0, withdrawn: [] };
    for (const paper of batch.put) {
      const had = this.catalog.get(paper.id);
      if (!had) result.added.push(paper.id);
      else if (JSON.stringify(had) !== JSON.stringify(paper)) result.changed.push(paper.id);
      else result.unchanged++;
      this.catalog.set(paper.id, paper);
    }
    for (const id of batch.withdraw ?? []) {
      if (this.catalog.delete(id)) result.withdrawn.push(id);
    }
    this.cursor = batch.cursor;
    return result;
  }

  run() {
    return runSubscription(this.deps(), SETTINGS);
  }

  ids(): string[] {
    return [...this.catalog.keys()].sort();
  }

  urls(): string[] {
    return this.requests.map((r) => r.url.slice(`${ORIGIN}/feed/`.length));
  }
}

const ids = (list: readonly Paper[]) => list.map((p) => p.id).sort();

/** Thirty papers; then paper 2 gains upvotes, paper 5 is withdrawn and paper 30 arrives. */
const v1 = papers(30);
const v2 = [...v1.filter((p) => p.id !== v1[5]!.id), makePaper(30)].map((p) =>
  p.id === v1[2]!.id ? { ...p, upvotes: 7 } : p,
);
/** Then paper 31 arrives. */
const v3 = [...v2, makePaper(31)];

async function published(...sets: Paper[][]): Promise<{ dir: string; manifest: FeedManifest }> {
  const dir = await mkdtemp(join(tmpdir(), 'sub-'));
  let manifest: FeedManifest | undefined;
  for (const [i, set] of sets.entries()) {
    ({ manifest } = await publishFeed(set, {
      out: dir,
      previous: i ? dir : undefined,
      source: 't',
    }));
  }
  return { dir, manifest: manifest! };
}

async function rewriteManifest(dir: string, change: (m: FeedManifest) => unknown): Promise<void> {
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(path, 'utf8')) as FeedManifest;
  await writeFile(path, JSON.stringify(change(manifest)));
}

describe('runSubscription', () => {
  it('loads the base, then applies the deltas in order, with privacy-safe requests', async () => {
    const { dir, manifest } = await published(v1, v2, v3);
    expect(manifest.deltas.map((d) => d.seq)).toEqual([1, 2]);
    const world = new World(dir);
    const outcome = await world.run();

    expect(outcome).toMatchObject({ error: null, finished: true, requests: 4, added: 30 + 2 });
    expect(outcome.changed).toBe(1);
    expect(world.urls()).toEqual([
      'manifest.json',
      manifest.base.url,
      manifest.deltas[0]!.url,
      manifest.deltas[1]!.url,
    ]);
    for (const { init } of world.requests) {
      expect(init).toMatchObject({
        credentials: 'omit',
        redirect: 'error',
        referrerPolicy: 'no-referrer',
      });
    }
    expect(world.loads).toEqual([manifest.base.version]);
    expect(world.ids()).toEqual(ids(v3));
    expect(world.catalog.get(v1[2]!.id)?.upvotes).toBe(7);
    expect(world.cursor).toEqual({ baseVersion: manifest.base.version, seq: 2, line: 1 });
    expect(world.batches.map((b) => b.cursor)).toEqual([
      { baseVersion: manifest.base.version, seq: 0, line: 0 },
      { baseVersion: manifest.base.version, seq: 1, line: 3 },
      { baseVersion: manifest.base.version, seq: 2, line: 1 },
    ]);
    expect(world.batches.every((b) => b.source === 'sub')).toBe(true);
  });

  it('applies only the new deltas on the next run, and nothing when there are none', async () => {
    const { dir } = await published(v1, v2);
    const world = new World(dir);
    await world.run();
    const loaded = world.batches.length;

    const idle = await world.run();
    expect(idle).toMatchObject({ error: null, requests: 1, added: 0, changed: 0 });
    expect(world.batches).toHaveLength(loaded);

    const { manifest } = await publishFeed(v3, { out: dir, previous: dir, source: 't' });
    world.requests = [];
    const next = await world.run();
    expect(next).toMatchObject({ error: null, requests: 2, added: 1, changed: 0 });
    expect(world.urls()).toEqual(['manifest.json', manifest.deltas[1]!.url]);
    expect(world.loads).toHaveLength(1);
    expect(world.ids()).toEqual(ids(v3));
  });

  it('puts a withdrawal through', async () => {
    const { dir } = await published(v1, v2);
    const world = new World(dir);
    await world.run();
    const withdrawn = world.batches.find((b) => b.withdraw?.length);
    expect(withdrawn?.withdraw).toEqual([v1[5]!.id]);
    expect(world.catalog.has(v1[5]!.id)).toBe(false);
  });

  it('applies nothing when a delta does not match its sha256, and says so', async () => {
    const { dir, manifest } = await published(v1, v2, v3);
    const bytes = await readFile(join(dir, manifest.deltas[1]!.url));
    bytes[bytes.length - 6] = bytes[bytes.length - 6]! ^ 0x01;
    const world = new World(dir);
    world.override.set(manifest.deltas[1]!.url, new Uint8Array(bytes));
    const outcome = await world.run();
    expect(outcome.error).toMatchObject({ kind: 'checksum', at: '2025-03-01T12:00:00.000Z' });
    expect(outcome.error!.message).toMatch(
      /delta 2 does not match the SHA-256 .* Nothing was applied/,
    );
    expect(outcome.finished).toBe(false);
    expect(world.loads).toEqual([]);
    expect(world.batches).toEqual([]);
    expect(world.catalog.size).toBe(0);
  });

  it('applies nothing when the base does not match its sha256', async () => {
    const { dir, manifest } = await published(v1);
    const world = new World(dir);
    const bytes = await readFile(join(dir, manifest.base.url));
    world.override.set(manifest.base.url, new Uint8Array(bytes.subarray(0, bytes.length - 1)));
    const outcome = await world.run();
    expect(outcome.error).toMatchObject({ kind: 'checksum' });
    expect(outcome.error!.message).toContain("The feed's base catalog does not match");
    expect([world.loads, world.batches]).toEqual([[], []]);
  });

  it.each([
    [
      'swapped',
      (d: FeedManifest['deltas']) => [
        { ...d[1]!, seq: 1 },
        { ...d[0]!, seq: 2 },
      ],
    ],
    ['out of order', (d: FeedManifest['deltas']) => [d[1], d[0]]],
    ['with a gap', (d: FeedManifest['deltas']) => [d[0], { ...d[1]!, seq: 3 }]],
  ])('refuses deltas %s, applying nothing', async (name, reorder) => {
    const { dir } = await published(v1, v2, v3);
    await rewriteManifest(dir, (m) => ({ ...m, deltas: reorder(m.deltas) }));
    const world = new World(dir);
    const outcome = await world.run();
    expect(outcome.error?.kind).toBe('bad-body');
    const expected =
      name === 'swapped'
        ? /delta 1 says it is delta 2\. Nothing was applied/
        : /seq must run 1, 2, 3/;
    expect(outcome.error!.message).toMatch(expected);
    expect([world.loads, world.batches]).toEqual([[], []]);
  });

  it('refuses a delta written for another base', async () => {
    const { dir, manifest } = await published(v1, v2);
    const other = join(dir, 'other.ndjson.gz');
    await writeDelta([{ op: 'put', paper: makePaper(99) }], { path: other, base: 'zzz', seq: 1 });
    const sha256 = await fileSha256(other);
    await rewriteManifest(dir, (m) => ({
      ...m,
      deltas: [{ seq: 1, url: 'other.ndjson.gz', sha256, count: 1 }],
    }));
    const world = new World(dir);
    const outcome = await world.run();
    expect(outcome.error).toMatchObject({ kind: 'bad-body' });
    expect(outcome.error!.message).toContain(
      `delta 1 is for base zzz, not ${manifest.base.version}`,
    );
    expect([world.loads, world.batches]).toEqual([[], []]);
  });

  it('applies nothing when a delta matching its sha256 holds an invalid record', async () => {
    const { dir, manifest } = await published(v1, v2);
    const header = { format: 'paperpeek-delta', base: manifest.base.version, seq: 1, count: 2 };
    const lines = [header, { op: 'put', paper: makePaper(40) }, { op: 'put', paper: { id: 'x' } }];
    const text = `${[...lines, { end: true, count: 2 }].map((l) => JSON.stringify(l)).join('\n')}\n`;
    await writeFile(join(dir, 'bad.ndjson'), text);
    const sha256 = await fileSha256(join(dir, 'bad.ndjson'));
    await rewriteManifest(dir, (m) => ({
      ...m,
      deltas: [{ seq: 1, url: 'bad.ndjson', sha256, count: 2 }],
    }));
    const world = new World(dir);
    const outcome = await world.run();
    expect(outcome.error).toMatchObject({ kind: 'bad-body' });
    expect(outcome.error!.message).toMatch(
      /^The feed's delta 1 is invalid: Line 3 \(id x\): paper\.title: .* Nothing was applied\.$/,
    );
    expect([world.loads, world.batches]).toEqual([[], []]);
  });

  it('refuses a file on another origin without asking it', async () => {
    const { dir } = await published(v1, v2);
    await rewriteManifest(dir, (m) => ({
      ...m,
      deltas: [{ ...m.deltas[0]!, url: 'https://cdn.example/delta.ndjson.gz' }],
    }));
    const world = new World(dir);
    const outcome = await world.run();
    expect(outcome.error?.kind).toBe('bad-body');
    expect(outcome.error!.message).toContain("a feed's files must be on https://catalog.example");
    expect(world.requests.map((r) => r.url)).toEqual([MANIFEST]);
    expect(world.batches).toEqual([]);
  });

  it('says what the server answered when a file is missing, applying nothing', async () => {
    const { dir, manifest } = await published(v1, v2);
    const world = new World(dir);
    world.override.set(manifest.deltas[0]!.url, 404);
    const outcome = await world.run();
    expect(outcome.error).toMatchObject({
      kind: 'http',
      status: 404,
      message: 'catalog.example answered 404.',
    });
    expect([world.loads, world.batches]).toEqual([[], []]);
  });

  it('refuses a manifest over 1 MB', async () => {
    const { dir } = await published(v1);
    const world = new World(dir);
    world.override.set('manifest.json', new Uint8Array((1 << 20) + 1).fill(0x20));
    const outcome = await world.run();
    expect(outcome.error).toMatchObject({ kind: 'too-large' });
    expect(world.requests).toHaveLength(1);
  });

  it('reloads the base when the feed was republished from an earlier point', async () => {
    const { dir, manifest } = await published(v1, v2);
    const world = new World(dir);
    world.cursor = { baseVersion: manifest.base.version, seq: 4, line: 10 };
    const outcome = await world.run();
    expect(outcome).toMatchObject({ error: null, finished: true });
    expect(world.loads).toEqual([manifest.base.version]);
    expect(world.ids()).toEqual(ids(v2));
  });

  it('stores at most 2,000 papers a batch and resumes mid-delta after a failed write', async () => {
    const base = papers(11_000);
    const changed = [...base.slice(0, 10_000), ...papers(1_100, 20_000)]; // 1,000 out, 1,100 in
    const { dir, manifest } = await published(base, changed);
    expect(manifest.deltas[0]!.count).toBe(2_100);
    const world = new World(dir);
    world.failUpsertAt = 3; // base cursor, delta batch 1, then the disk is full
    const first = await world.run();
    expect(first.error).toMatchObject({ kind: 'quota' });
    expect(world.cursor).toEqual({ baseVersion: manifest.base.version, seq: 1, line: SUB_BATCH });
    expect(world.batches[1]!.put.length + (world.batches[1]!.withdraw?.length ?? 0)).toBe(
      SUB_BATCH,
    );

    world.failUpsertAt = 0;
    world.requests = [];
    const second = await world.run();
    expect(second).toMatchObject({ error: null, finished: true });
    expect(world.urls()).toEqual(['manifest.json', manifest.deltas[0]!.url]);
    expect(world.batches.at(-1)!.cursor).toEqual({
      baseVersion: manifest.base.version,
      seq: 1,
      line: 2_100,
    });
    expect(world.loads).toHaveLength(1);
    expect(world.ids()).toEqual(ids(changed));
  }, 30_000);
});
