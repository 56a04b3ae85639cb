import { existsSync } from 'node:fs';
import { writeCatalog } from '../lib/catalog/catalog-writer';
import { SYNTHETIC_VERSION, syntheticHeader, syntheticPapers } from '../lib/catalog/synthetic';

/**
 * Streams a synthetic catalog to `out` (gzip when it ends in `.gz`) with the project's catalog
 * writer. Its temporary file is renamed only at the end, so an interrupted run never leaves a
 * truncated file that a later run would take for a finished one.
 */
export async function writeSyntheticCatalog(
  out: string,
  seed: number,
  count: number,
): Promise<void> {
  const header = syntheticHeader(seed, count);
  // The generator's records are schema-valid by construction (tests/unit/synthetic.test.ts).
  await writeCatalog(syntheticPapers(seed, count), {
    path: out,
    source: header.source,
    createdAt: new Date(header.createdAt),
    validate: false,
    known: { version: header.version, count },
  });
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
