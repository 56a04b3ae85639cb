import type { BackfillResult, RelatedResult } from './page/feeds';
import type { ProfileSummary } from './worker-profile';
import { percentile } from './report';

/** What `npm run bench -- feeds` measured, as printed and saved to bench/results/. */

export type DeltaRun = {
  seq: number;
  /** Lookups were sent all along this run. */
  busy: boolean;
  /** From the message that started the run (manifest, pacer, download, check, apply) to its end. */
  runMs: number;
  /**
   * From the delta's request reaching the feed host to the run's end: download, the check of the
   * whole file, the batches, and related papers for those that came without (after each batch).
   */
  applyMs: number;
  /** From the delta's request to its last batch committed (every paper visible to lookups). */
  visibleMs: number;
  /** From the delta's request to its body handed to the browser (Playwright's route). */
  transferMs: number;
  /** Lookup batches that overlapped [delta requested, run ended]. */
  lookupMs: number[];
  wrongHitBatches: number;
  added: number;
  load: number;
};

type Backfill = BackfillResult & {
  requests: number;
  bytesServed: number;
  /** Between one Hugging Face request and the next: the pacer's 1 s, or the page's work. */
  gapsMs: number[];
  days: number;
  load: number;
};

type Lookups = { ms: number[]; wrongHitBatches: number; load: number };

export type FeedsResult = {
  command: string;
  date: string;
  loadavg: { start: number[]; end: number[] };
  papers: number;
  size: number;
  baseLoadSeconds: number;
  deltaBytes: number[];
  baseline: { loadMs: number; stageMs: number; load: number }[];
  deltas: DeltaRun[];
  lookups: { idleBefore: Lookups; idleAfter: Lookups };
  related: RelatedResult;
  relatedPapers: number;
  backfill: Backfill | null;
  /** With --cpu-profile: the worker's CPU profile of each delta and of the first install. */
  profiles?: Record<string, ProfileSummary>;
};

const fmt = (x: number, digits = 0) =>
  x.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const s = (ms: number) => fmt(ms / 1000, 2);
const ratio = (a: number, b: number) => `${fmt(a / b, 2)}x`;
const verdict = (r: number) => (r <= 1.5 ? 'met' : 'MISSED');

function lookupRow(what: string, ms: number[], wrong: number, load: number, idleP95: number) {
  const p95 = percentile(ms, 95);
  return {
    lookups: what,
    batches: ms.length,
    'p50 ms': fmt(percentile(ms, 50), 1),
    'p95 ms': fmt(p95, 1),
    'max ms': fmt(Math.max(...ms), 1),
    'p95 / idle before': ratio(p95, idleP95),
    'batches with a wrong answer': wrong,
    load: fmt(load, 2),
  };
}

export function printFeedsReport(r: FeedsResult): void {
  const la = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(
    `\n${r.command}  (${fmt(r.papers)}-paper catalog installed in ${fmt(r.baseLoadSeconds, 1)} s; deltas of ${fmt(r.size)} changes; load average at start ${la(r.loadavg.start)}, at end ${la(r.loadavg.end)})`,
  );
  const baseMs = percentile(
    r.baseline.map((b) => b.loadMs),
    50,
  );
  console.table([
    ...r.baseline.map((b, i) => ({
      what: `install ${fmt(r.size)}-paper file (${i + 1})`,
      's (message to active)': s(b.loadMs),
      'stage s': s(b.stageMs),
      'vs baseline median': ratio(b.loadMs, baseMs),
      load: fmt(b.load, 2),
    })),
    ...r.deltas.map((d) => ({
      what: `delta ${d.seq}${d.busy ? ' + lookups' : ''} (${fmt(r.deltaBytes[d.seq - 1]! / 1024)} KiB gz)`,
      's (delta request to run end)': s(d.applyMs),
      's (to last batch committed)': s(d.visibleMs),
      's (of which transfer)': s(d.transferMs),
      's (whole run, from the message)': s(d.runMs),
      'vs baseline median': ratio(d.applyMs, baseMs),
      added: d.added,
      load: fmt(d.load, 2),
    })),
  ]);
  const quiet = r.deltas.filter((d) => !d.busy).map((d) => d.applyMs);
  const applyRatio = percentile(quiet, 50) / baseMs;
  console.log(
    `apply (median of ${quiet.length} quiet deltas, delta request to run end) / install (median of ${r.baseline.length}): ${fmt(applyRatio, 2)}x, target <= 1.5x: ${verdict(applyRatio)}`,
  );

  const { idleBefore, idleAfter } = r.lookups;
  const idleP95 = percentile(idleBefore.ms, 95);
  const during = r.deltas.filter((d) => d.busy);
  const duringMs = during.flatMap((d) => d.lookupMs);
  console.table([
    lookupRow(
      'idle, before the deltas',
      idleBefore.ms,
      idleBefore.wrongHitBatches,
      idleBefore.load,
      idleP95,
    ),
    ...during.map((d) =>
      lookupRow(`during delta ${d.seq}`, d.lookupMs, d.wrongHitBatches, d.load, idleP95),
    ),
    lookupRow(
      'during, all',
      duringMs,
      during.reduce((sum, d) => sum + d.wrongHitBatches, 0),
      during.at(-1)?.load ?? NaN,
      idleP95,
    ),
    lookupRow(
      'idle, after the deltas',
      idleAfter.ms,
      idleAfter.wrongHitBatches,
      idleAfter.load,
      idleP95,
    ),
  ]);
  const lookupRatio = percentile(duringMs, 95) / idleP95;
  console.log(
    `lookup p95 during / idle before: ${fmt(lookupRatio, 2)}x, target <= 1.5x: ${verdict(lookupRatio)}`,
  );

  const b = r.backfill;
  if (b) {
    const floorMs = b.requests * 1000;
    const written =
      b.usageBefore !== null && b.usageAfter !== null ? b.usageAfter - b.usageBefore : null;
    console.table([
      {
        backfill: `Hugging Face, ${b.days} days`,
        requests: b.requests,
        's (setSource to finished)': s(b.ms),
        'floor s (requests x 1 s)': s(floorMs),
        'time / floor': ratio(b.ms, floorMs),
        'gap between requests p50 / max s': `${s(percentile(b.gapsMs, 50))} / ${s(Math.max(...b.gapsMs))}`,
        'papers added': b.status.lastAdded,
        'KiB served': fmt(b.bytesServed / 1024),
        'MiB written (estimate)': written === null ? 'n/a' : fmt(written / 1024 ** 2, 1),
        load: fmt(b.load, 2),
      },
    ]);
  } else {
    console.log('Hugging Face backfill: not run (--skip-hf)');
  }
  const rel = r.related;
  if (rel.papers === 0) {
    console.log('related papers on demand: nothing to ask for (--all-related or --related-asks 0)');
  } else {
    console.log(
      `related papers on demand (getRelated through the worker, as a card asks, for ${fmt(rel.papers)} of delta 1's ${fmt(r.relatedPapers)} papers that came without a list): first ask p50 ${fmt(percentile(rel.firstMs, 50), 1)} / p95 ${fmt(percentile(rel.firstMs, 95), 1)} ms (searched for and kept), again p50 ${fmt(percentile(rel.againMs, 50), 1)} / p95 ${fmt(percentile(rel.againMs, 95), 1)} ms (kept); ${fmt(rel.withRelated)} got related papers`,
    );
  }
}

export function printProfiles(profiles: Record<string, ProfileSummary>, dir: string): void {
  for (const [name, summary] of Object.entries(profiles)) {
    console.log(
      `\nworker CPU profile, ${name} (${fmt(summary.totalMs)} ms sampled; ${dir}/${name}.cpuprofile)`,
    );
    const rows = Math.min(20, Math.max(summary.modules.length, summary.self.length));
    console.table(
      Array.from({ length: rows }, (_, i) => ({
        'self time by module': summary.modules[i]?.fn,
        ms: summary.modules[i]?.ms,
        share: summary.modules[i]?.share,
        'self time by function': summary.self[i]?.fn,
        'fn ms': summary.self[i]?.ms,
        'fn share': summary.self[i]?.share,
      })),
    );
  }
}
