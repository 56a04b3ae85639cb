/**
 * Catalog benchmarks in real Chromium with the bench build of the extension:
 *   install throughput through the real load path next to a raw-IndexedDB floor measured in the
 *   same run, batch lookup latency through the real message, bytes on disk per paper.
 *
 *   npm run bench -- catalog [--sizes 100000,1000000 --seed 1 --batches 120 --warmup 20 --skip-build]
 *
 * Shared machines are noisy: read ours/floor (same run, same profile), not absolute numbers.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { syntheticHeader } from '../lib/catalog/synthetic';
import { CHUNK } from '../lib/db/catalog-db';
import { lookupBatches } from './candidates';
import {
  chunkRow,
  installRow,
  lookupRow,
  percentile,
  type ChunkSweep,
  type LookupSummary,
  type SizeResult,
} from './report';
import { openBenchSession } from './session';
import { ensureSyntheticCatalog } from './synthetic-file';

const EXTENSION_DIR = path.resolve('.output/bench-chrome-mv3');
const CACHE_DIR = path.resolve('.cache/bench');
/** The loader's batch (2,000 rounded up to whole chunks); both floors use the same. */
const BATCH_SIZE = 2048;
/** Cold lookups: the worker is stopped before each of these batches. */
const COLD_SAMPLES = 5;

/** Candidates answered with another id than expected (a wrong hit, a miss, or a false match). */
function wrongAnswers(ids: readonly (string | null)[], expected: readonly (string | null)[]) {
  return expected.filter((id, i) => ids[i] !== id).length;
}
/** Records the floor parses before each timed write: bounded page memory at 1M papers. */
const FLOOR_CHUNK = 50_000;

export async function runCatalogBench(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      sizes: { type: 'string', default: '100000,1000000' },
      seed: { type: 'string', default: '1' },
      batches: { type: 'string', default: '120' },
      warmup: { type: 'string', default: '20' },
      'skip-build': { type: 'boolean', default: false },
      // The options page polls the status every 250 ms while a load runs.
      poll: { type: 'string', default: '250' },
      // Chunk sizes whose packed floor (writes, and 100 random chunk reads) is measured at the
      // smallest size; larger sizes measure the packed floor for the built CHUNK only.
      chunks: { type: 'string', default: '8,16,32,64' },
    },
  });
  const sizes = values.sizes.split(',').map(Number);
  const seed = Number(values.seed);
  const batches = Number(values.batches);
  const warmup = Number(values.warmup);
  const pollMs = Number(values.poll);
  if (
    sizes.some((n) => !Number.isInteger(n) || n < 1) ||
    ![seed, batches, warmup, pollMs].every(Number.isInteger)
  ) {
    throw new Error(
      '--sizes takes comma-separated positive integers; --seed, --batches, --warmup integers',
    );
  }
  const lookupSize = Math.max(...sizes);
  const sweepSize = Math.min(...sizes);
  const sweep = values.chunks.split(',').map(Number);
  const command = `npm run bench -- catalog ${args.join(' ')}`.trim();

  async function benchSize(papers: number) {
    const { path: file, generatedSeconds } = await ensureSyntheticCatalog(CACHE_DIR, seed, papers);
    if (generatedSeconds !== null)
      console.log(`generated ${file} in ${generatedSeconds.toFixed(1)} s`);
    const session = await openBenchSession(EXTENSION_DIR, file);
    try {
      const { page } = session;
      await page.evaluate(() => window.paperpeekBench!.waitForIdle());
      const before = await page.evaluate(() => window.paperpeekBench!.estimate());
      const version = syntheticHeader(seed, papers).version;
      const ours = await page.evaluate(([v, p]) => window.paperpeekBench!.install(v, p), [
        version,
        pollMs,
      ] as const);
      if (ours.count !== papers) throw new Error(`Loaded ${ours.count} papers, expected ${papers}`);
      const after = await page.evaluate(() => window.paperpeekBench!.estimate());
      console.log(`${papers}: ours ${(ours.loadMs / 1000).toFixed(1)} s`);

      let lookups: LookupSummary | null = null;
      if (papers === lookupSize) {
        const mix = lookupBatches(seed, papers, batches + warmup + COLD_SAMPLES);
        const all = mix.map((b) => b.candidates);
        const timed = await page.evaluate(([all, w]) => window.paperpeekBench!.lookups(all, w), [
          all.slice(0, batches + warmup),
          warmup,
        ] as const);
        // Cold: the worker was stopped, so the batch pays its start and the index read from IDB.
        const cdp = await session.context.newCDPSession(page);
        await cdp.send('ServiceWorker.enable');
        const cold: number[] = [];
        for (let i = batches + warmup; i < mix.length; i++) {
          await cdp.send('ServiceWorker.stopAllWorkers');
          await page.waitForTimeout(1000);
          const one = await page.evaluate((b) => window.paperpeekBench!.lookups([b], 0), all[i]!);
          if (wrongAnswers(one.ids[0]!, mix[i]!.expected) > 0)
            throw new Error(`Cold batch ${i} answered wrong ids`);
          cold.push(one.ms[0]!);
        }
        const index = await page.evaluate(() => window.paperpeekBench!.indexInfo());
        lookups = {
          papers,
          batches: timed.ms.length,
          batchSize: mix[0]!.candidates.length,
          p50: percentile(timed.ms, 50),
          p95: percentile(timed.ms, 95),
          max: Math.max(...timed.ms),
          wrongHitBatches: timed.ids.filter((ids, i) =>
            wrongAnswers(ids, mix[i + warmup]!.expected),
          ).length,
          cold,
          indexBytes: index.bytes,
          indexReadMs: index.readMs,
        };
      }

      const floor = await page.evaluate(([b, c]) => window.paperpeekBench!.floor(b, c), [
        BATCH_SIZE,
        FLOOR_CHUNK,
      ] as const);
      if (floor.count !== papers)
        throw new Error(`Floor wrote ${floor.count} papers, expected ${papers}`);
      await page.evaluate(() => window.paperpeekBench!.deleteFloor());
      console.log(`${papers}: per-record floor ${(floor.idbMs / 1000).toFixed(1)} s`);

      const chunkSweep: ChunkSweep[] = [];
      for (const chunk of papers === sweepSize ? sweep : [CHUNK]) {
        const packed = await page.evaluate(
          ([b, c, k]) => window.paperpeekBench!.packedFloor(b, c, k),
          [BATCH_SIZE, FLOOR_CHUNK, chunk] as const,
        );
        if (packed.count !== papers) throw new Error(`Packed floor wrote ${packed.count} papers`);
        console.log(
          `${papers}: packed floor, chunk ${chunk}: ${(packed.idbMs / 1000).toFixed(1)} s`,
        );
        chunkSweep.push({
          papers,
          chunk,
          writeSeconds: packed.idbMs / 1000,
          readP50: percentile(packed.readMs, 50),
          readP95: percentile(packed.readMs, 95),
        });
      }
      const packedFloor = chunkSweep.find((c) => c.chunk === CHUNK);
      const result: SizeResult = {
        papers,
        fileBytes: statSync(file).size,
        stageSeconds: ours.stageMs / 1000,
        oursSeconds: ours.loadMs / 1000,
        floorSeconds: floor.idbMs / 1000,
        floorParseSeconds: floor.parseMs / 1000,
        packedFloorSeconds: packedFloor ? packedFloor.writeSeconds : null,
        diskBytes: before !== null && after !== null ? after - before : null,
      };
      return { result, lookups, chunkSweep, generatedSeconds };
    } finally {
      await session.close();
    }
  }

  if (!values['skip-build']) execSync('npm run build:bench', { stdio: 'inherit' });
  const runs = [];
  for (const papers of sizes) runs.push(await benchSize(papers));
  console.log(
    `\n${command}  (Chromium ${EXTENSION_DIR}, batch ${BATCH_SIZE}, chunk ${CHUNK}, seed ${seed})`,
  );
  console.table(runs.map((r) => installRow(r.result)));
  console.table(runs.flatMap((r) => r.chunkSweep).map(chunkRow));
  const lookups = runs.flatMap((r) => (r.lookups ? [r.lookups] : []));
  if (lookups.length) console.table(lookups.map(lookupRow));
  mkdirSync('bench/results', { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = `bench/results/catalog-${stamp}.json`;
  writeFileSync(
    out,
    `${JSON.stringify({ command, date: new Date().toISOString(), seed, batchSize: BATCH_SIZE, chunk: CHUNK, pollMs, runs }, null, 2)}\n`,
  );
  console.log(`results: ${out}`);
}
