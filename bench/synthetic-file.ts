import { createWriteStream, existsSync, renameSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import {
  SYNTHETIC_VERSION,
  syntheticFooter,
  syntheticHeader,
  syntheticPapers,
} from '../lib/catalog/synthetic';

/** Lines per chunk handed to the stream: large enough that per-chunk overhead vanishes. */
const LINES_PER_CHUNK = 1000;

function* catalogChunks(seed: number, count: number): Generator<string> {
  yield `${JSON.stringify(syntheticHeader(seed, count))}\n`;
  let lines: string[] = [];
  for (const paper of syntheticPapers(seed, count)) {
    lines.push(JSON.stringify(paper));
    if (lines.length === LINES_PER_CHUNK) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  if (lines.length) yield `${lines.join('\n')}\n`;
  yield `${JSON.stringify(syntheticFooter(count))}\n`;
}

/**
 * Streams a synthetic catalog to `out` (gzip when it ends in `.gz`). It writes a temporary file
 * and renames it at the end, so an interrupted run never leaves a truncated file that a later
 * run would take for a finished one.
 */
export async function writeSyntheticCatalog(
  out: string,
  seed: number,
  count: number,
): Promise<void> {
  const partial = `${out}.partial`;
  const source = Readable.from(catalogChunks(seed, count));
  if (out.endsWith('.gz')) await pipeline(source, createGzip(), createWriteStream(partial));
  else await pipeline(source, createWriteStream(partial));
  renameSync(partial, out);
}

/** The cached synthetic file for (seed, count), generated on first use. */
export async function ensureSyntheticCatalog(
  dir: string,
  seed: number,
  count: number,
): Promise<{ path: string; generatedSeconds: number | null }> {
  // gzip: 1M papers are ~2.2 GB of NDJSON, above what the loader stages (2 GB), ~330 MB gzipped.
  const file = `${dir}/synthetic-v${SYNTHETIC_VERSION}-${seed}-${count}.ndjson.gz`;
  if (existsSync(file)) return { path: file, generatedSeconds: null };
  const started = performance.now();
  await writeSyntheticCatalog(file, seed, count);
  return { path: file, generatedSeconds: (performance.now() - started) / 1000 };
}
