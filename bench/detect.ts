/**
 * `npm run bench -- detect`: what the content script costs a page's main thread, in Chromium with
 * the built extension and, in the same run, without it (a second profile, same binary and flags).
 *
 *   (a) a generated article of 50,000 nodes with no paper on it;
 *   (b) a generated arXiv listing of 5,000 entries, 200 of them distinct catalog papers, all of
 *       which must be marked. The extension holds a synthetic catalog (--catalog papers, loaded
 *       through the options page): the bundled one has fewer than 200 papers.
 *
 * Each load is traced (Chrome tracing with the V8 sampler). A top-level task on the page's main
 * thread is the extension's when the sampler or a script event finds extension code in it; its
 * whole duration counts as added time. Targets (issue 3): (a) under 10 ms added, (b) under 150 ms
 * added and no extension task over 50 ms. Flags:
 *   --runs N (5)  --warmup N (1)  --nodes N (50000)  --rows N (5000)  --papers N (200)
 *   --settle MS   time after the load event the trace keeps running (default 8000)
 *   --seed N (1)  --catalog N (100000)  --skip-build
 */
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { syntheticHeader, syntheticPaper } from '../lib/catalog/synthetic';
import { openBenchBrowser, type BenchBrowser } from './detect/browsers';
import { articlePage, listingPage, type PlantedPaper } from './detect/pages';
import { frameLabeller, loadOnce, type LoadResult } from './detect/load';
import { percentile } from './report';
import { ensureSyntheticCatalog } from './synthetic-file';

const EXTENSION_DIR = path.resolve('.output/bench-chrome-mv3');
const CACHE_DIR = path.resolve('.cache/bench');
const ARTICLE_URL = 'https://notes.example.com/2026/11/long-read.html';
const LISTING_URL = 'https://arxiv.org/list/cs.LG/pastweek?skip=0&show=5000';

/**
 * `count` distinct arXiv papers of the synthetic catalog, spread evenly through it. (The bundled
 * catalog has fewer than 200 papers, and a page names each paper once: the scanner looks each
 * query up once, at its first anchor, so a repeated paper would not make a second marker.)
 */
function plantedPapers(seed: number, catalogSize: number, count: number): PlantedPaper[] {
  const planted: PlantedPaper[] = [];
  const step = Math.max(1, Math.floor(catalogSize / (count * 2)));
  for (let index = 0; planted.length < count && index < catalogSize; index += step) {
    const paper = syntheticPaper(seed, catalogSize, index);
    if (paper.arxivId) planted.push({ arxivId: paper.arxivId, title: paper.title });
  }
  if (planted.length < count) {
    throw new Error(`--catalog ${catalogSize} is too small for --papers ${count}`);
  }
  return planted;
}

const median = (values: number[]) => percentile(values, 50);
const fmt = (n: number | null, digits = 1) => (n === null ? 'n/a' : n.toFixed(digits));

function row(name: string, target: string, withExt: LoadResult[], without: LoadResult[]) {
  const ext = (f: (r: LoadResult) => number) => median(withExt.map(f));
  const base = (f: (r: LoadResult) => number) => median(without.map(f));
  const addedTaskMs = ext((r) => r.trace.extTaskMs);
  const total = ext((r) => r.trace.taskMs);
  const baseTotal = base((r) => r.trace.taskMs);
  return {
    page: name,
    target,
    'added ms (ext tasks, p50)': fmt(addedTaskMs),
    'added ms max run': fmt(Math.max(...withExt.map((r) => r.trace.extTaskMs))),
    'ext JS sampled ms': fmt(ext((r) => r.trace.extSampleMs)),
    'floor: read text once ms': fmt(base((r) => r.floorMs ?? NaN)),
    'ext tasks': ext((r) => r.trace.extTasks),
    'max ext task ms': fmt(Math.max(...withExt.map((r) => r.trace.extMaxTaskMs))),
    'ext tasks >50ms': Math.max(...withExt.map((r) => r.trace.extLongTasks)),
    'done ms after parse start': fmt(
      ext((r) => r.trace.extDoneMs ?? NaN),
      0,
    ),
    'all tasks ms with/without': `${fmt(total, 0)} / ${fmt(baseTotal, 0)}`,
    'added / baseline': `${((addedTaskMs / baseTotal) * 100).toFixed(2)}%`,
    'long tasks with/without (observer)': `${ext((r) => r.longTasks.length)} / ${base((r) => r.longTasks.length)}`,
    'long task ms with/without': `${fmt(
      ext((r) => r.longTasks.reduce((s, t) => s + t.duration, 0)),
      0,
    )} / ${fmt(
      base((r) => r.longTasks.reduce((s, t) => s + t.duration, 0)),
      0,
    )}`,
    marked: `${Math.min(...withExt.map((r) => r.marked))}-${Math.max(...withExt.map((r) => r.marked))} of ${withExt[0]!.expected}`,
    'wrong markers': Math.max(...withExt.map((r) => r.wrong)),
  };
}

export async function runDetectBench(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      runs: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '1' },
      nodes: { type: 'string', default: '50000' },
      rows: { type: 'string', default: '5000' },
      papers: { type: 'string', default: '200' },
      settle: { type: 'string', default: '8000' },
      seed: { type: 'string', default: '1' },
      catalog: { type: 'string', default: '100000' },
      'skip-build': { type: 'boolean', default: false },
    },
  });
  const [runs, warmup, nodes, rows, paperCount, settle, seed, catalogSize] = [
    values.runs,
    values.warmup,
    values.nodes,
    values.rows,
    values.papers,
    values.settle,
    values.seed,
    values.catalog,
  ].map(Number) as [number, number, number, number, number, number, number, number];
  if (
    ![runs, warmup, nodes, rows, paperCount, settle, seed, catalogSize].every(
      (n) => Number.isInteger(n) && n >= 0,
    ) ||
    runs < 1 ||
    paperCount > rows
  ) {
    throw new Error(
      '--runs (>= 1), --warmup, --nodes, --rows, --papers (<= rows), --settle, --seed and --catalog take whole numbers',
    );
  }
  if (!values['skip-build']) execSync('npm run build:bench', { stdio: 'inherit' });

  const article = articlePage(nodes, seed);
  const listing = listingPage(rows, plantedPapers(seed, catalogSize, paperCount), seed);
  const catalog = {
    file: (await ensureSyntheticCatalog(CACHE_DIR, seed, catalogSize)).path,
    version: syntheticHeader(seed, catalogSize).version,
  };
  const pages = new Map([
    [ARTICLE_URL, article.html],
    [LISTING_URL, listing.html],
  ]);
  const label = frameLabeller(path.join(EXTENSION_DIR, 'content-scripts/content.js'));
  console.log(
    `article: ${article.nodes.toLocaleString('en')} nodes; listing: ${rows} rows, ${listing.expected.length} catalog papers`,
  );

  const browsers: BenchBrowser[] = [];
  const results: Record<string, { with: LoadResult[]; without: LoadResult[] }> = {};
  try {
    const withExt = await openBenchBrowser(EXTENSION_DIR, pages, catalog);
    browsers.push(withExt);
    const without = await openBenchBrowser(null, pages);
    browsers.push(without);
    const prefix = withExt.extensionUrl!;
    for (const [name, url, expected] of [
      ['(a) article', ARTICLE_URL, []],
      ['(b) listing', LISTING_URL, listing.expected],
    ] as const) {
      results[name] = { with: [], without: [] };
      for (let run = 0; run < warmup + runs; run++) {
        // Alternate which browser goes first, so neither always meets a busier machine.
        const order = run % 2 ? ([without, withExt] as const) : ([withExt, without] as const);
        for (const browser of order) {
          const result = await loadOnce(browser.context, url, {
            settleMs: settle,
            prefix,
            expected,
            label,
            floor: browser === without,
          });
          if (run < warmup) continue;
          results[name]![browser === withExt ? 'with' : 'without'].push(result);
          console.log(
            `${name} run ${run - warmup + 1} ${browser === withExt ? 'with' : 'without'}: ext tasks ${result.trace.extTaskMs.toFixed(1)} ms (${result.trace.extTasks}), all tasks ${result.trace.taskMs.toFixed(0)} ms, marked ${result.marked}/${expected.length}`,
          );
        }
      }
    }
  } finally {
    for (const browser of browsers) await browser.close();
  }

  const table = [
    row(
      '(a) article',
      '< 10 ms added',
      results['(a) article']!.with,
      results['(a) article']!.without,
    ),
    row(
      '(b) listing',
      '< 150 ms added, no ext task > 50 ms',
      results['(b) listing']!.with,
      results['(b) listing']!.without,
    ),
  ];
  const command = `npm run bench -- detect ${args.join(' ')}`.trim();
  console.log(`\n${command}\n`);
  console.table(table);
  for (const [name, { with: withExt }] of Object.entries(results)) {
    const self = new Map<string, number>();
    for (const r of withExt)
      for (const [k, ms] of r.trace.extSelf) self.set(k, (self.get(k) ?? 0) + ms / withExt.length);
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 12);
    console.log(`\n${name}: where the extension's sampled time goes (mean ms per load)`);
    for (const [k, ms] of top) console.log(`  ${ms.toFixed(1).padStart(8)}  ${k}`);
    const worst = withExt
      .map((r) => r.trace.worstTask)
      .filter((t) => t !== null)
      .sort((a, b) => b.ms - a.ms)[0];
    if (worst) {
      console.log(`${name}: longest extension task ${worst.ms.toFixed(1)} ms; sampled inside it:`);
      for (const [k, ms] of worst.top) console.log(`  ${ms.toFixed(1).padStart(8)}  ${k}`);
    }
    // Work still going on when the trace stopped would be missing from the figures.
    const late = withExt.filter(
      (r) => r.trace.extDoneMs !== null && r.trace.traceEndMs - r.trace.extDoneMs < 1000,
    ).length;
    if (late) {
      console.warn(
        `${name}: in ${late} loads the extension was busy within 1 s of the trace end; raise --settle`,
      );
    }
  }
  const baselineMisses = Object.values(results)
    .flatMap((r) => r.without)
    .filter((r) => r.trace.extTasks > 0).length;
  if (baselineMisses)
    console.warn(`Warning: ${baselineMisses} loads without the extension showed extension tasks`);

  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/detect-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  const plain = (r: LoadResult) => ({
    ...r,
    trace: { ...r.trace, extSelf: Object.fromEntries(r.trace.extSelf) },
  });
  writeFileSync(
    file,
    JSON.stringify(
      {
        command,
        nodes: article.nodes,
        rows,
        papers: listing.expected.length,
        table,
        runs: Object.fromEntries(
          Object.entries(results).map(([k, v]) => [
            k,
            { with: v.with.map(plain), without: v.without.map(plain) },
          ]),
        ),
      },
      null,
      2,
    ),
  );
  console.log(`\nResults: ${file}`);
}
