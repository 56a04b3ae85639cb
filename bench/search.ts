/**
 * Popup search in real Chromium with the bench build: cold first results from a freshly opened
 * page, warm per-keystroke latency, page JS heap, index bytes, at each size; at the anchor size
 * the same queries also run on MiniSearch and FlexSearch loading a serialized index at page start.
 *
 *   npm run bench -- search [--sizes 100000,1000000 --seed 1 --cold 3 --typed 8 --skip-build]
 *
 * --cold N: N queries of each of six kinds (title words, coined name, author + word, prefix,
 * typo, arXiv id), each in a fresh page. --typed N: queries typed letter by letter, every prefix
 * timed. Each size installs the synthetic catalog once through the real loader (the index is
 * built by that load) in a throw-away profile. Compare ratios within a run: machines are noisy.
 */
import { execSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContext } from '@playwright/test';
import { syntheticHeader } from '../lib/catalog/synthetic';
import { percentile } from './report';
import { ensureAnchorIndexes } from './search/anchors';
import { buildCost } from './search/build-cost';
import { benchQueries, typedQueries, type BenchQuery } from './search/queries';
import { openBenchSession } from './session';
import { ensureSyntheticCatalog } from './synthetic-file';

const EXTENSION_DIR = path.resolve('.output/bench-chrome-mv3');
const CACHE_DIR = path.resolve('.cache/bench');
type Engine = 'ours' | 'minisearch' | 'flexsearch';

type EngineResult = {
  engine: Engine;
  papers: number;
  cold: number[];
  warm: number[];
  heapBytes: number;
  found1: number;
  found10: number;
  queries: number;
};

async function heapUsed(context: BrowserContext, page: import('@playwright/test').Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

async function runEngine(
  context: BrowserContext,
  base: string,
  engine: Engine,
  papers: number,
  queries: BenchQuery[],
  typed: BenchQuery[],
  data?: string,
): Promise<EngineResult> {
  const cold: number[] = [];
  let found1 = 0;
  let found10 = 0;
  for (const [i, q] of queries.entries()) {
    const page = await context.newPage();
    const hash = new URLSearchParams({ engine, q: q.query, ...(data ? { data } : {}) });
    await page.goto(`${base}/bench-search.html#${hash}`);
    await page.waitForFunction(() => Boolean(window.searchBench), null, { timeout: 120_000 });
    const result = await page.evaluate(() => window.searchBench!.cold);
    if (result.error) throw new Error(`${engine} failed on "${q.query}": ${result.error}`);
    cold.push(result.ms);
    if (result.ids[0] === q.target) found1++;
    if (result.ids.includes(q.target)) found10++;
    if (i < queries.length - 1) {
      await page.close();
      continue;
    }
    const { ms: warm } = await page.evaluate(
      (list) => window.searchBench!.typing(list),
      typed.map((t) => t.query),
    );
    const heapBytes = await heapUsed(context, page);
    await page.close();
    return { engine, papers, cold, warm, heapBytes, found1, found10, queries: queries.length };
  }
  throw new Error('No queries');
}

const fmt = (n: number, d = 1) =>
  n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });

function row(r: EngineResult, oursCold: number | undefined) {
  const p95 = percentile(r.cold, 95);
  return {
    engine: r.engine,
    papers: r.papers.toLocaleString('en'),
    'cold p50 ms': fmt(percentile(r.cold, 50)),
    'cold p95 ms': fmt(p95),
    'cold p95 / ours': oursCold ? `${fmt(p95 / oursCold, 2)}x` : '',
    'warm p50 ms': fmt(percentile(r.warm, 50)),
    'warm p95 ms': fmt(percentile(r.warm, 95)),
    'heap MB': fmt(r.heapBytes / 1024 ** 2),
    'target @1': `${r.found1}/${r.queries}`,
    'target @10': `${r.found10}/${r.queries}`,
  };
}

export async function runSearchBench(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      sizes: { type: 'string', default: '100000,1000000' },
      seed: { type: 'string', default: '1' },
      cold: { type: 'string', default: '3' },
      typed: { type: 'string', default: '8' },
      'skip-build': { type: 'boolean', default: false },
    },
  });
  const sizes = values.sizes.split(',').map(Number);
  const [seed, coldPerKind, typedCount] = [values.seed, values.cold, values.typed].map(Number);
  if (
    sizes.some((n) => !Number.isInteger(n) || n < 1) ||
    ![seed, coldPerKind, typedCount].every((n) => Number.isInteger(n) && n! >= 1)
  ) {
    throw new Error(
      '--sizes takes comma-separated positive integers; --seed, --cold, --typed positive integers',
    );
  }
  const anchorSize = Math.min(...sizes);
  const command = `npm run bench -- search ${args.join(' ')}`.trim();
  if (!values['skip-build']) execSync('npm run build:bench', { stdio: 'inherit' });

  mkdirSync('bench/results', { recursive: true });
  const out = `bench/results/search-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  const results: EngineResult[] = [];
  const installs: { papers: number; installSeconds: number; index: unknown }[] = [];
  let cost: Awaited<ReturnType<typeof buildCost>> | null = null;
  for (const papers of sizes) {
    const { path: file } = await ensureSyntheticCatalog(CACHE_DIR, seed!, papers);
    let anchorUrls: { mini: string; flex: string } | null = null;
    if (papers === anchorSize) {
      const built = await ensureAnchorIndexes(file, CACHE_DIR);
      if (built.buildSeconds !== null)
        console.log(`anchors built in ${built.buildSeconds.toFixed(1)} s`);
      // Served from the unpacked extension dir: a local file read, as a bundled index would be.
      mkdirSync(path.join(EXTENSION_DIR, 'bench-data'), { recursive: true });
      copyFileSync(built.mini, path.join(EXTENSION_DIR, 'bench-data/minisearch.json'));
      copyFileSync(built.flex, path.join(EXTENSION_DIR, 'bench-data/flexsearch.json'));
      anchorUrls = { mini: '/bench-data/minisearch.json', flex: '/bench-data/flexsearch.json' };
      cost = await buildCost(file, 20_000);
    }
    const session = await openBenchSession(EXTENSION_DIR, file);
    try {
      const { page, context } = session;
      await page.evaluate(() => window.paperpeekBench!.waitForIdle());
      const version = syntheticHeader(seed!, papers).version;
      const installed = await page.evaluate(([v]) => window.paperpeekBench!.install(v, 1000), [
        version,
      ] as const);
      console.log(
        `${papers}: installed with the search index in ${(installed.loadMs / 1000).toFixed(1)} s`,
      );
      const base = `chrome-extension://${new URL(page.url()).host}`;
      const queries = benchQueries(seed!, papers, coldPerKind!);
      const typed = typedQueries(seed!, papers, typedCount!);
      const ours = await runEngine(context, base, 'ours', papers, queries, typed);
      results.push(ours);
      const info = await context.newPage();
      await info.goto(`${base}/bench-search.html#engine=ours&q=`);
      await info.waitForFunction(() => Boolean(window.searchBench));
      const index = await info.evaluate(() => window.searchBench!.indexBytes());
      await info.close();
      installs.push({ papers, installSeconds: installed.loadMs / 1000, index });
      if (anchorUrls) {
        for (const [engine, url] of [
          ['minisearch', anchorUrls.mini],
          ['flexsearch', anchorUrls.flex],
        ] as const) {
          try {
            results.push(await runEngine(context, base, engine, papers, queries, typed, url));
          } catch (error) {
            console.error(`${engine} failed; the run goes on without it:`, error);
          }
        }
      }
    } finally {
      await session.close();
    }
    // Written after every size: a failure at 1M still leaves the 100k figures.
    save();
  }

  console.log(
    `\n${command}  (Chromium, seed ${seed}, ${coldPerKind! * 6} cold queries, ${typedCount} typed)`,
  );
  const oursAt = new Map(
    results.filter((r) => r.engine === 'ours').map((r) => [r.papers, percentile(r.cold, 95)]),
  );
  console.table(results.map((r) => row(r, oursAt.get(r.papers))));
  console.table(
    installs.map((i) => {
      const index = i.index as { bytes: number; records: number };
      return {
        papers: i.papers.toLocaleString('en'),
        'install s (with index)': fmt(i.installSeconds),
        'index MB': fmt(index.bytes / 1024 ** 2),
        'index B/paper': fmt(index.bytes / i.papers, 0),
        'index records': index.records.toLocaleString('en'),
      };
    }),
  );
  if (cost) {
    console.log(
      `index build CPU (Node, same run, ${cost.papers} papers): parse ${fmt(cost.parseUsPerPaper)} us/paper, ` +
        `index ${fmt(cost.indexUsPerPaper)} us/paper (+${fmt((100 * cost.indexUsPerPaper) / cost.parseUsPerPaper, 0)}% of parsing)`,
    );
  }
  save();
  console.log(`results: ${out}`);

  function save() {
    writeFileSync(
      out,
      `${JSON.stringify({ command, date: new Date().toISOString(), seed, results, installs, cost }, null, 2)}\n`,
    );
  }
}
