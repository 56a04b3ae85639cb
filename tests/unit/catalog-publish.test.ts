import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openCatalog } from '@/lib/catalog/catalog-reader';
import { openDelta, type DeltaBatch } from '@/lib/catalog/delta';
import { parseManifest, type FeedManifest } from '@/lib/catalog/feed-manifest';
import { publishFeed, readPublished } from '@/lib/catalog/feed-publish';
import type { Paper } from '@/lib/catalog/schema';
import { makePaper, papers, streamOf } from './catalog-fixture';

const run = promisify(execFile);
const tempDir = () => mkdtemp(join(tmpdir(), 'feed-'));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function manifestOf(dir: string): Promise<FeedManifest> {
  const text = await readFile(join(dir, 'manifest.json'), 'utf8');
  return parseManifest(text, 'https://catalog.example/feed/manifest.json');
}

async function deltaOf(dir: string, name: string) {
  const delta = await openDelta(streamOf(new Uint8Array(await readFile(join(dir, name)))));
  const batches: DeltaBatch[] = [];
  for await (const batch of delta.batches) batches.push(batch);
  return {
    header: delta.header,
    put: batches.flatMap((b) => b.put),
    withdraw: batches.flatMap((b) => b.withdraw),
  };
}

async function basePapers(dir: string, name: string): Promise<Paper[]> {
  const catalog = await openCatalog(streamOf(new Uint8Array(await readFile(join(dir, name)))));
  const read: Paper[] = [];
  for await (const batch of catalog.batches) read.push(...batch.papers);
  return read;
}

/** Thirty papers, then: paper 2 gains code, paper 5 is withdrawn, paper 30 arrives (10%). */
const first = papers(30);
const code = [{ url: 'https://github.com/a/b', kind: 'repository', official: true }] as const;
const second = [
  ...first.slice(0, 2),
  makePaper(2, { code: [...code] }),
  ...first.slice(3, 5),
  ...first.slice(6),
  makePaper(30),
];

describe('publishFeed', () => {
  it('publishes a base, then a delta with what was added, changed and withdrawn', async () => {
    const out = await tempDir();
    const one = await publishFeed(first, { out, source: 'test' });
    expect(one).toMatchObject({ kind: 'first', added: 30, changed: 0, withdrawn: 0 });
    const m1 = await manifestOf(out);
    expect(m1.deltas).toEqual([]);
    expect(m1.base).toMatchObject({ count: 30, version: one.manifest.base.version });
    const baseName = one.manifest.base.url;
    expect(baseName).toBe(`base-${m1.base.version}.ndjson.gz`);
    expect(sha256(await readFile(join(out, baseName)))).toBe(m1.base.sha256);
    expect(await basePapers(out, baseName)).toEqual(first);

    const two = await publishFeed(second, { out, previous: out, source: 'test' });
    expect(two).toMatchObject({ kind: 'delta', added: 1, changed: 1, withdrawn: 1 });
    const m2 = await manifestOf(out);
    expect(m2.base).toEqual(m1.base);
    const [entry] = two.manifest.deltas;
    expect(two.manifest.deltas).toEqual([
      { seq: 1, url: `delta-${m1.base.version}-1.ndjson.gz`, sha256: entry!.sha256, count: 3 },
    ]);
    const bytes = await readFile(join(out, entry!.url));
    expect(sha256(bytes)).toBe(entry!.sha256);
    expect(m2.deltas[0]!.sha256).toBe(sha256(bytes));

    const delta = await deltaOf(out, entry!.url);
    expect(delta.header).toEqual({
      format: 'paperpeek-delta',
      base: m1.base.version,
      seq: 1,
      count: 3,
    });
    expect(delta.put).toEqual([makePaper(2, { code: [...code] }), makePaper(30)]);
    expect(delta.withdraw).toEqual([first[5]!.id]);

    // What the feed now serves is exactly the second set.
    const served = await readPublished(out);
    expect([...served.papers.keys()].sort()).toEqual(second.map((p) => p.id).sort());
  });

  it('writes no delta when nothing changed, and numbers the next one on', async () => {
    const out = await tempDir();
    await publishFeed(first, { out, source: 'test' });
    await publishFeed(second, { out, previous: out, source: 'test' });
    const same = await publishFeed(second, { out, previous: out, source: 'test' });
    expect(same).toMatchObject({ kind: 'unchanged', added: 0, changed: 0, withdrawn: 0 });
    expect(same.manifest.deltas).toHaveLength(1);

    const third = second.map((p) => (p.id === first[0]!.id ? { ...p, upvotes: 40 } : p));
    const next = await publishFeed(third, { out, previous: out, source: 'test' });
    expect(next).toMatchObject({ kind: 'delta', added: 0, changed: 1, withdrawn: 0 });
    expect(next.manifest.deltas.map((d) => [d.seq, d.count])).toEqual([
      [1, 3],
      [2, 1],
    ]);
    const delta = await deltaOf(out, next.manifest.deltas[1]!.url);
    expect(delta.header.seq).toBe(2);
    expect(delta.put).toEqual([{ ...first[0], upvotes: 40 }]);
  });

  it('publishes into a new folder from a previous one, copying the files it keeps listing', async () => {
    const before = await tempDir();
    const after = await tempDir();
    await publishFeed(first, { out: before, source: 'test' });
    const result = await publishFeed(second, { out: after, previous: before, source: 'test' });
    const names = (await readdir(after)).sort();
    expect(names).toEqual(
      [result.manifest.base.url, result.manifest.deltas[0]!.url, 'manifest.json'].sort(),
    );
    const served = await readPublished(after);
    expect([...served.papers.keys()].sort()).toEqual(second.map((p) => p.id).sort());
    // The earlier folder is left as it was: still the first set.
    expect((await readPublished(before)).papers.size).toBe(first.length);
  });

  it('re-bases when the deltas would exceed 20% of the base', async () => {
    const out = await tempDir();
    const one = await publishFeed(papers(20), { out, source: 'test' });
    // 4 changes: exactly 20%, still a delta.
    const small = await publishFeed([...papers(20), ...papers(4, 20)], {
      out,
      previous: out,
      source: 'test',
    });
    expect(small.kind).toBe('delta');
    // One more makes 5 of 20.
    const all = [...papers(20), ...papers(5, 20)];
    const big = await publishFeed(all, { out, previous: out, source: 'test' });
    expect(big).toMatchObject({ kind: 'rebase', added: 1, changed: 0, withdrawn: 0 });
    expect(big.manifest.deltas).toEqual([]);
    expect(big.manifest.base.version).not.toBe(one.manifest.base.version);
    expect(big.manifest.base.count).toBe(25);
    expect(await basePapers(out, big.manifest.base.url)).toEqual(all);
    expect(sha256(await readFile(join(out, big.manifest.base.url)))).toBe(big.manifest.base.sha256);
  });

  it('re-bases when there would be more delta files than allowed', async () => {
    const out = await tempDir();
    const rebase = { share: 1, files: 2 };
    await publishFeed(papers(10), { out, source: 'test', rebase });
    const kinds: string[] = [];
    for (let n = 1; n <= 3; n++) {
      const set = papers(10).map((p, i) => (i === 0 ? { ...p, upvotes: n } : p));
      kinds.push((await publishFeed(set, { out, previous: out, source: 'test', rebase })).kind);
    }
    expect(kinds).toEqual(['delta', 'delta', 'rebase']);
    expect((await manifestOf(out)).deltas).toEqual([]);
  });

  it('refuses an altered previous folder and leaves its manifest as it was', async () => {
    const out = await tempDir();
    await publishFeed(first, { out, source: 'test' });
    const { manifest } = await publishFeed(second, { out, previous: out, source: 'test' });
    const deltaPath = join(out, manifest.deltas[0]!.url);
    const bytes = await readFile(deltaPath);
    bytes[bytes.length - 5] = bytes[bytes.length - 5]! ^ 0xff;
    await writeFile(deltaPath, bytes);
    const text = await readFile(join(out, 'manifest.json'), 'utf8');
    await expect(publishFeed(first, { out, previous: out, source: 'test' })).rejects.toThrow(
      /SHA-256 differs from the manifest's; the folder was altered/,
    );
    expect(await readFile(join(out, 'manifest.json'), 'utf8')).toBe(text);
  });

  it('refuses two papers with one id, writing nothing', async () => {
    const out = await tempDir();
    await expect(
      publishFeed([makePaper(1), makePaper(1)], { out, source: 'test' }),
    ).rejects.toThrow('two papers share the id 2401.10001');
    await expect(readdir(out)).resolves.toEqual([]);
  });
});

describe('npm run catalog:publish', () => {
  const cli = (args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'scripts/publish-catalog.ts', ...args]).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
  const abstract = (topic: string) =>
    `We study ${topic} and show that a simple method beats every baseline we tried. `.repeat(4);
  const facts = (rows: string[]) =>
    `title\tarxiv_id\tfirst_version\tauthors\tvenue\tcode_url\n${rows.join('\n')}\n`;

  it('takes the builder flags, publishes, then publishes a delta of the change', async () => {
    const dir = await tempDir();
    const out = join(dir, 'feed');
    const dump = join(dir, 'dump.txt');
    const factsPath = join(dir, 'facts.tsv');
    const inputs = ['--dump', dump, '--facts', factsPath, '--out', out];
    const topics = Array.from({ length: 12 }, (_, i) => `Topic${String.fromCharCode(97 + i)}`);
    const write = async (venueOf: (i: number) => string) => {
      await writeFile(dump, topics.map((t) => `${t} Study\n\n${abstract(t)}\n`).join('\n'));
      const rows = topics.map(
        (t, i) =>
          `${t} Study\t2401.${String(i + 1).padStart(5, '0')}\t2024-01\tA B\t${venueOf(i)}\t`,
      );
      await writeFile(factsPath, facts(rows));
    };
    await write(() => '');
    const one = await cli(inputs);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/catalog:publish: first publish: 12 added, 0 changed, 0 withdrawn/);

    await write((i) => (i === 3 ? 'NeurIPS 2024' : ''));
    const two = await cli([...inputs, '--previous', out]);
    expect(two.code).toBe(0);
    expect(two.stdout).toMatch(/catalog:publish: delta 1: 0 added, 1 changed, 0 withdrawn/);
    const manifest = await manifestOf(out);
    expect(manifest.deltas).toHaveLength(1);
    const name = manifest.deltas[0]!.url.split('/').at(-1)!;
    expect(sha256(await readFile(join(out, name)))).toBe(manifest.deltas[0]!.sha256);
    const text = gunzipSync(await readFile(join(out, name))).toString('utf8');
    expect(text).toContain('"id":"2401.00004"');
    expect(text).toContain('"venue":"NeurIPS 2024"');

    const missing = await cli(['--dump', dump, '--facts', factsPath]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('catalog:publish: --out DIR is required');
  }, 60_000);
});
