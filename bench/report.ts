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
    'batches with wrong hit count': l.wrongHitBatches,
  };
}
