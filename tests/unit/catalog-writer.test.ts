import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { writeCatalog } from '../../lib/catalog/catalog-writer';
import {
  catalogFooterSchema,
  catalogHeaderSchema,
  paperSchema,
  type Paper,
} from '../../lib/catalog/schema';

const run = promisify(execFile);

function paper(id: string): Paper {
  return {
    id,
    arxivId: id,
    title: `Paper ${id}`,
    authors: ['A. Author'],
    abstract: 'An abstract.',
    summary: 'An abstract.',
    links: { abs: `https://arxiv.org/abs/${id}` },
    code: [],
    keywords: [],
    related: [],
  };
}

async function* stream(count: number): AsyncGenerator<Paper> {
  for (let i = 0; i < count; i++) yield paper(`2401.${String(10000 + i)}`);
}

function lines(text: string) {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
}

describe('writeCatalog', () => {
  it('streams header, records and footer; gzip by suffix; version follows content only', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'catalog-'));
    const gz = await writeCatalog(stream(5000), { path: join(dir, 'a.ndjson.gz'), source: 'test' });
    const plain = await writeCatalog(stream(5000), { path: join(dir, 'a.ndjson'), source: 'test' });
    const other = await writeCatalog(stream(4999), { path: join(dir, 'b.ndjson'), source: 'test' });
    expect(gz.count).toBe(5000);
    expect(gz.version).toBe(plain.version);
    expect(other.version).not.toBe(plain.version);

    const rows = lines(gunzipSync(await readFile(gz.path)).toString('utf8'));
    expect(catalogHeaderSchema.parse(rows[0])).toMatchObject({
      count: 5000,
      version: gz.version,
      source: 'test',
    });
    expect(catalogFooterSchema.parse(rows.at(-1))).toEqual({ end: true, count: 5000 });
    expect(rows.slice(1, -1).every((row) => paperSchema.safeParse(row).success)).toBe(true);
    expect((await readFile(plain.path, 'utf8')).split('\n')[1]).toBe(
      JSON.stringify(paper('2401.10000')),
    );
    expect(plain.bytes).toBeGreaterThan(gz.bytes);
  });

  it('refuses an invalid record, names it, and leaves no file behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'catalog-'));
    const bad = { ...paper('2401.10001'), summary: 'x'.repeat(241) };
    const path = join(dir, 'bad.ndjson');
    await expect(writeCatalog([paper('2401.10000'), bad], { path, source: 't' })).rejects.toThrow(
      /record 2 \(id 2401\.10001\) is invalid: summary/,
    );
    await expect(readFile(path)).rejects.toThrow(/ENOENT/);
  });

  it('with version and count known up front, writes the same lines and checks the count', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'catalog-'));
    const known = { version: 'v-known', count: 3 };
    const createdAt = new Date('2026-01-01T00:00:00Z');
    const ok = await writeCatalog(stream(3), {
      path: join(dir, 'k.ndjson'),
      source: 't',
      known,
      createdAt,
    });
    const hashed = await writeCatalog(stream(3), {
      path: join(dir, 'h.ndjson'),
      source: 't',
      createdAt,
    });
    const okRows = lines(await readFile(ok.path, 'utf8'));
    const hashedRows = lines(await readFile(hashed.path, 'utf8'));
    expect(okRows[0]).toMatchObject({ version: 'v-known', count: 3 });
    expect(okRows.slice(1)).toEqual(hashedRows.slice(1));

    const short = join(dir, 'short.ndjson');
    await expect(writeCatalog(stream(2), { path: short, source: 't', known })).rejects.toThrow(
      /2 records written but the header announced 3/,
    );
    await expect(readFile(short)).rejects.toThrow(/ENOENT/);
  });
});

describe('npm run catalog', () => {
  const cli = (args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'scripts/build-catalog.ts', ...args]).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it('builds the default catalog: 89 papers, 88 with arXiv ids, stable version', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'catalog-'));
    const out = join(dir, 'default.ndjson.gz');
    const first = await cli(['--out', out]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/catalog: 89 papers \(88 with arXiv ids, \d+ with code\)/);
    const rows = lines(gunzipSync(await readFile(out)).toString('utf8'));
    const papers = rows.slice(1, -1).map((row) => paperSchema.parse(row));
    expect(papers).toHaveLength(89);
    const x2 = papers.find((p) => p.id === '2410.06126')!;
    expect(x2.title).toBe('X^2-DFD: A framework for eXplainable and eXtendable Deepfake Detection');
    expect(x2.code[0]).toEqual({
      url: 'https://github.com/chenyize111/X2DFD',
      kind: 'repository',
      official: true,
    });
    expect(papers.every((p) => p.related.every((id) => papers.some((q) => q.id === id)))).toBe(
      true,
    );
    const second = await cli(['--out', out]);
    expect(second.stdout.match(/version (\w+)/)![1]).toBe(first.stdout.match(/version (\w+)/)![1]);
  }, 60_000);

  it('exits non-zero on malformed input and writes nothing, unless --lenient', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'catalog-'));
    const dump = join(dir, 'dump.txt');
    const abstract =
      'We propose a thing that works very well and show that it beats all baselines. '.repeat(4);
    await writeFile(dump, `new\n\nGood Paper\n\n${abstract}\n\nNo Abstract Here\n\n`);
    const facts = join(dir, 'facts.tsv');
    await writeFile(
      facts,
      'title\tarxiv_id\tfirst_version\tauthors\tvenue\tcode_url\n' +
        'Good Paper\t2401.00001\t2024-01\tA B\t\t\nBad Row\t2401.00002\n',
    );
    const out = join(dir, 'out.ndjson');
    const strict = await cli(['--dump', dump, '--facts', facts, '--out', out]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(
      `error: ${dump}:7: title without abstract at end of file: "No Abstract Here"`,
    );
    expect(strict.stderr).toContain(`error: ${facts}:3: expected 6 tab-separated columns, found 2`);
    await expect(readFile(out)).rejects.toThrow(/ENOENT/);

    const lenient = await cli(['--dump', dump, '--facts', facts, '--out', out, '--lenient']);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toContain('warning:');
    expect(lenient.stdout).toMatch(/catalog: 1 papers .* 2 skipped/);
    expect(lines(await readFile(out, 'utf8'))).toHaveLength(3);
  }, 60_000);
});
