/**
 * Popup search in real Chromium with the bench build: cold first results from a freshly opened
 * page, warm per-keystroke latency, page JS heap, index bytes, at each size; at the anchor size
 * the same queries also run on MiniSearch and FlexSearch loading a serialized index at page start.
 *
 *   npm run bench -- search [--sizes 100000,1000000 --seed 1 --cold 3 --typed 8 --skip-build
 *                            --profile DIR --no-anchors]
 *
 * --cold N: N queries of each of six kinds (title words, coined name, author + word, prefix,
 * typo, arXiv id), each in a fresh page. --typed N: queries typed letter by letter, every prefix
 * timed. Each size installs the synthetic catalog once through the real loader (the index is
 * built by that load) in a throw-away profile; with --profile DIR, in DIR/<size>, kept, and
 * reused when it already holds that catalog with a current index (a 1M install takes minutes).
 * Two floors split cold: `floor` pages only load, `meta` pages also open the database and read
 * the active record. Compare ratios within a run: machines are noisy.
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
type Engine = 'ours' | 'minisearch' | 'flexsearch' | 'floor' | 'meta';
type Keystroke = { query: string; ms: number; phases: Record<string, number> };

type EngineResult = {
  engine: Engine;
  papers: number;
  cold: number[];
  coldPhases: Record<string, number>[];
  /** Per cold query: what was asked, and where its paper came (0 = first, -1 = not in the 10). */
  coldQueries: { kind: string; query: string; ms: number; rank: number }[];
  warm: number[];
  keys: Keystroke[];
  /** JS heap after typing (after a forced GC). */
  heapBytes: number;
  /** ArrayBuffer backing stores at the same moment (typed arrays live there). */
  bufferBytes: number;
  found1: number;
  found10: number;
  queries: number;
};

/**
 * The page's memory after a forced GC: the JS heap plus the backing stores of its ArrayBuffers
 * (typed arrays: the search's score arrays and cached records live there, outside `usedSize`).
 */
async function heapUsed(context: BrowserContext, page: import('@playwright/test').Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize, backingStorageSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return { heap: usedSize, buffers: backingStorageSize };
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
  const coldPhases: Record<string, number>[] = [];
  const coldQueries: EngineResult['coldQueries'] = [];
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
    coldPhases.push(result.phases ?? {});
    const rank = result.ids.indexOf(q.target);
    coldQueries.push({ kind: q.kind, query: q.query, ms: result.ms, rank });
    if (result.ids[0] === q.target) found1++;
    if (result.ids.includes(q.target)) found10++;
    const outcome = (
      warm: number[],
      keys: Keystroke[],
      { heap, buffers }: { heap: number; buffers: number },
    ): EngineResult => ({
      engine,
      papers,
      cold,
      coldPhases,
      coldQueries,
      warm,
      keys,
      heapBytes: heap,
      bufferBytes: buffers,
      found1,
      found10,
      queries: queries.length,
    });
    if (i < queries.length - 1 || !typed.length) {
      await page.close();
      if (i < queries.length - 1) continue;
      return outcome([], [], { heap: 0, buffers: 0 });
    }
    const { ms: warm, keys } = await page.evaluate(
      (list) => window.searchBench!.typing(list),
      typed.map((t) => t.query),
    );
    const memory = await heapUsed(context, page);
    await page.close();
    return outcome(warm, keys, memory);
  }
  throw new Error('No queries');
}

/** The kept profile already holds this catalog version, and its search index answers. */
async function installedAlready(context: BrowserContext, base: string, version: string) {
  const page = await context.newPage();
  try {
    const cold = async (engine: Engine) => {
      await page.goto(`${base}/bench-search.html#engine=${engine}&q=a`);
      await page.waitForFunction(() => Boolean(window.searchBench), null, { timeout: 120_000 });
      return page.evaluate(() => window.searchBench!.cold);
    };
    const meta = await cold('meta');
    return meta.ids[0] === version && !(await cold('ours')).error;
  } finally {
    await page.close();
  }
}

/** The slowest keystrokes with where their time went: what to work on next. */
function printSlowest(r: EngineResult, n = 12) {
  const slow = [...r.keys].sort((a, b) => b.ms - a.ms).slice(0, n);
  console.log(`${r.papers}: slowest keystrokes (ms; phases)`);
  for (const k of slow) {
    const phases = Object.entries(k.phases)
      .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
      .join(', ');
    console.log(
      `  ${k.ms.toFixed(1).padStart(7)}  ${JSON.stringify(k.query).padEnd(36)} ${phases}`,
    );
  }
  const cold = r.coldPhases.map((p) =>
    Object.entries(p)
      .map(([name, ms]) => `${name} ${ms.toFixed(0)}`)
      .join(', '),
  );
  console.log(`${r.papers}: cold phases (ms from navigation start)\n  ${cold.join('\n  ')}`);
  const missed = r.coldQueries.filter((q) => q.rank !== 0);
  for (const q of missed) console.log(`  not first: [${q.kind}] ${q.query} -> rank ${q.rank}`);
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
    'warm p50 ms': r.warm.length ? fmt(percentile(r.warm, 50)) : '',
    'warm p95 ms': r.warm.length ? fmt(percentile(r.warm, 95)) : '',
    'heap MB': r.heapBytes ? fmt(r.heapBytes / 1024 ** 2) : '',
    'array buffers MB': r.heapBytes ? fmt(r.bufferBytes / 1024 ** 2) : '',
    'heap + buffers MB': r.heapBytes ? fmt((r.heapBytes + r.bufferBytes) / 1024 ** 2) : '',
    'target @1': r.engine === 'floor' || r.engine === 'meta' ? '' : `${r.found1}/${r.queries}`,
    'target @10': r.engine === 'floor' || r.engine === 'meta' ? '' : `${r.found10}/${r.queries}`,
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
      profile: { type: 'string' },
      'no-anchors': { type: 'boolean', default: false },
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
  const installs: { papers: number; installSeconds: number | null; index: unknown }[] = [];
  let cost: Awaited<ReturnType<typeof buildCost>> | null = null;
  for (const papers of sizes) {
    const { path: file } = await ensureSyntheticCatalog(CACHE_DIR, seed!, papers);
    let anchorUrls: { mini: string; flex: string } | null = null;
    if (papers === anchorSize && !values['no-anchors']) {
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
    const profile = values.profile ? path.resolve(values.profile, String(papers)) : undefined;
    if (profile) mkdirSync(profile, { recursive: true });
    const session = await openBenchSession(EXTENSION_DIR, file, profile);
    try {
      const { page, context } = session;
      await page.evaluate(() => window.paperpeekBench!.waitForIdle());
      const base = `chrome-extension://${new URL(page.url()).host}`;
      const version = syntheticHeader(seed!, papers).version;
      let installSeconds: number | null = null;
      if (profile && (await installedAlready(context, base, version))) {
        console.log(`${papers}: reusing the install in ${profile}`);
      } else {
        const installed = await page.evaluate(([v]) => window.paperpeekBench!.install(v, 1000), [
          version,
        ] as const);
        installSeconds = installed.loadMs / 1000;
        console.log(`${papers}: installed with the search index in ${installSeconds.toFixed(1)} s`);
      }
      const queries = benchQueries(seed!, papers, coldPerKind!);
      const typed = typedQueries(seed!, papers, typedCount!);
      // Floors first, then ours, all on the same queries (the floors ignore them).
      for (const floor of ['floor', 'meta'] as const) {
        results.push(await runEngine(context, base, floor, papers, queries, []));
      }
      const ours = await runEngine(context, base, 'ours', papers, queries, typed);
      results.push(ours);
      printSlowest(ours);
      const info = await context.newPage();
      await info.goto(`${base}/bench-search.html#engine=ours&q=`);
      await info.waitForFunction(() => Boolean(window.searchBench));
      const index = await info.evaluate(() => window.searchBench!.indexBytes());
      await info.close();
      installs.push({ papers, installSeconds, index });
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
        'install s (with index)': i.installSeconds === null ? 'reused' : fmt(i.installSeconds),
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
