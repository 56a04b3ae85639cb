/** Summary statistics and the printed table of a bench run. */

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export type SizeResult = {
  papers: number;
  fileBytes: number;
  stageSeconds: number;
  oursSeconds: number;
  floorSeconds: number;
  floorParseSeconds: number;
  /** Raw IndexedDB writing our layout's chunk values and key parts (null: not measured). */
  packedFloorSeconds: number | null;
  diskBytes: number | null;
};

export type LookupSummary = {
  papers: number;
  batches: number;
  batchSize: number;
  p50: number;
  p95: number;
  max: number;
  wrongHitBatches: number;
  /** First batch after the worker was stopped, one per sample. */
  cold: number[];
  indexBytes: number;
  /** Reading the index record from IndexedDB in a page (part of the cold cost). */
  indexReadMs: number;
};

export type ChunkSweep = {
  papers: number;
  chunk: number;
  writeSeconds: number;
  readP50: number;
  readP95: number;
};

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function installRow(r: SizeResult) {
  const ours = r.papers / r.oursSeconds;
  const floor = r.papers / r.floorSeconds;
  return {
    papers: fmt(r.papers),
    'file B/paper': fmt(r.fileBytes / r.papers),
    'stage s': fmt(r.stageSeconds, 1),
    'ours s': fmt(r.oursSeconds, 1),
    'ours papers/s': fmt(ours),
    'floor s': fmt(r.floorSeconds, 1),
    'floor papers/s': fmt(floor),
    'ours/floor time': `${fmt(r.oursSeconds / r.floorSeconds, 2)}x`,
    'packed floor s': r.packedFloorSeconds === null ? 'n/a' : fmt(r.packedFloorSeconds, 1),
    'ours/packed time':
      r.packedFloorSeconds === null ? 'n/a' : `${fmt(r.oursSeconds / r.packedFloorSeconds, 2)}x`,
    'disk B/paper': r.diskBytes === null ? 'n/a' : fmt(r.diskBytes / r.papers),
  };
}

export function lookupRow(l: LookupSummary) {
  return {
    papers: fmt(l.papers),
    batches: l.batches,
    'candidates/batch': l.batchSize,
    'p50 ms': fmt(l.p50, 1),
    'p95 ms': fmt(l.p95, 1),
    'max ms': fmt(l.max, 1),
    'batches with a wrong answer': l.wrongHitBatches,
    'cold p50 ms': fmt(percentile(l.cold, 50), 1),
    'cold max ms': fmt(Math.max(...l.cold), 1),
    'index MB': fmt(l.indexBytes / 1024 ** 2, 1),
    'index read ms': fmt(l.indexReadMs, 1),
  };
}

export function chunkRow(c: ChunkSweep) {
  return {
    papers: fmt(c.papers),
    'papers/chunk': c.chunk,
    'packed write s': fmt(c.writeSeconds, 2),
    '100 chunk gets p50 ms': fmt(c.readP50, 1),
    '100 chunk gets p95 ms': fmt(c.readP95, 1),
  };
}
