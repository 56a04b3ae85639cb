/**
 * Writes a deterministic synthetic catalog for benchmarks and load tests.
 *
 *   npm run catalog:synthetic -- --count 1000000 [--seed 1] [--out FILE]
 *
 * A `.gz` suffix gzips the output. The file streams out, so a million papers (~2 GB of NDJSON)
 * never sit in memory at once.
 */
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_COUNT, SYNTHETIC_VERSION } from '../lib/catalog/synthetic';
import { writeSyntheticCatalog } from '../bench/synthetic-file';

function fail(message: string): never {
  console.error(`catalog:synthetic: ${message}`);
  process.exit(2);
}

function integerFlag(name: string, value: string | undefined, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) fail(`--${name} is required`);
    return fallback;
  }
  if (!/^\d+$/.test(value)) fail(`--${name} must be a non-negative integer, got "${value}"`);
  return Number(value);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        count: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  const count = integerFlag('count', values.count);
  const seed = integerFlag('seed', values.seed, 1);
  if (count > MAX_COUNT) fail(`--count must be at most ${MAX_COUNT}`);
  if (seed > 0xffffffff) fail('--seed must fit in 32 bits');
  const out =
    values.out ??
    path.join('.cache', 'bench', `synthetic-v${SYNTHETIC_VERSION}-${seed}-${count}.ndjson.gz`);
  mkdirSync(path.dirname(path.resolve(out)), { recursive: true });

  const started = performance.now();
  await writeSyntheticCatalog(out, seed, count);
  const seconds = (performance.now() - started) / 1000;
  const bytes = statSync(out).size;
  console.log(
    `Wrote ${count.toLocaleString('en')} synthetic papers (seed ${seed}) to ${out}: ` +
      `${(bytes / 1e6).toFixed(1)} MB, ${Math.round(bytes / Math.max(count, 1))} B/paper, ` +
      `${seconds.toFixed(1)} s (${Math.round(count / seconds).toLocaleString('en')} papers/s)`,
  );
}

await main();
