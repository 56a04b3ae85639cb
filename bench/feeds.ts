/**
 * Feed updates in real Chromium with the bench build, everything in one run and one profile:
 *
 * 1. A subscription delta (5,000 changes: 10% merges into known ids, 1% withdrawals, the rest new)
 *    applied to a synthetic catalog (1M papers) by the background's feed service, exactly as a
 *    subscriber's browser applies it: manifest and delta served at a feed URL through
 *    `context.route`; runSubscription downloads and checks the file, then upsertPapers in batches
 *    of 2,000 (about 1 in 6 papers come without related papers, as in the synthetic catalog;
 *    `--all-related` gives every one a list; none is searched for on arrival, lib/db/related-papers.ts
 *    finds them when first asked for). Against: installing a catalog
 *    file of as many papers through the real load path (`install`, as `npm run bench -- catalog`
 *    does) in the same profile just before. Deltas alternate: quiet ones (odd) for the time, busy
 *    ones (even) with lookups sent all along.
 * 2. Batch-lookup latency (200 candidates, bench/candidates.ts) while a delta is applied, against
 *    idle before and after the deltas.
 * 3. A Hugging Face backfill (`setSource` with backfillDays, as the options page does) from
 *    generated pages served at the real URLs (bench/feeds-hf.ts): requests, time against the
 *    pacer's 1 request per second, bytes written (navigator.storage.estimate before and after).
 * 4. Related papers on demand: `getRelated` for up to --related-asks papers of delta 1 that came
 *    without a list, one at a time from the bench page as a card asks, then the same again (kept).
 *
 * The catalog starts as the subscription's base: it is installed with the catalog loader (which is
 * what loading a subscription's base does) and the cursor `{baseVersion, seq 0}` is stored with
 * upsertPapers; the base file itself is never served. Times are wall clock from the harness's and
 * the page's Date.now(); a run's end is the feed service's status write (storage.onChanged).
 *
 *   npm run bench -- feeds [--papers 1000000 --size 5000 --deltas 5 --baseline-runs 3
 *     --batches 120 --warmup 20 --backfill-days 90 --poll 50 --seed 1 --all-related --skip-hf
 *     --skip-build]
 *   Where the worker's time goes: npx tsx bench/build-unminified.ts, then add
 *     --extension .output/bench-unminified-chrome-mv3 --cpu-profile DIR
 */
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContext } from '@playwright/test';
import { syntheticHeader } from '../lib/catalog/synthetic';
import { fileSha256 } from '../lib/catalog/delta-writer';
import { lookupBatches } from './candidates';
import { makeDeltas } from './feeds-delta';
import { MANIFEST_URL, serveFeeds, writeDeltaFiles } from './feeds-server';
import { printFeedsReport, printProfiles, type DeltaRun, type FeedsResult } from './feeds-report';
import { openBenchSession } from './session';
import { ensureSyntheticCatalog } from './synthetic-file';
import { attachWorkerProfiler, type ProfileSummary } from './worker-profile';

const CACHE_DIR = path.resolve('.cache/bench');
const load1 = () => os.loadavg()[0]!;

async function closeWelcomeTab(context: BrowserContext): Promise<void> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const welcome = context.pages().find((p) => p.url().endsWith('/welcome.html'));
    if (welcome) return welcome.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function runFeedsBench(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      papers: { type: 'string', default: '1000000' },
      size: { type: 'string', default: '5000' },
      deltas: { type: 'string', default: '5' },
      'baseline-runs': { type: 'string', default: '3' },
      batches: { type: 'string', default: '120' },
      warmup: { type: 'string', default: '20' },
      'backfill-days': { type: 'string', default: '90' },
      poll: { type: 'string', default: '50' },
      seed: { type: 'string', default: '1' },
      'skip-hf': { type: 'boolean', default: false },
      // Papers of delta 1 without a related list whose related papers are asked for (step 4).
      'related-asks': { type: 'string', default: '200' },
      // Every delta paper carries a related list (step 4 then has nothing to ask for).
      'all-related': { type: 'boolean', default: false },
      'skip-build': { type: 'boolean', default: false },
      // Diagnosis: worker CPU profiles of each delta and the first baseline install, in DIR.
      'cpu-profile': { type: 'string' },
      extension: { type: 'string', default: '.output/bench-chrome-mv3' },
    },
  });
  const int = (flag: string, min: number) => {
    const v = Number(values[flag as keyof typeof values]);
    if (!Number.isInteger(v) || v < min) throw new Error(`--${flag} takes an integer >= ${min}`);
    return v;
  };
  const papers = int('papers', 1);
  const size = int('size', 100);
  const deltaCount = int('deltas', 1);
  const baselineRuns = int('baseline-runs', 1);
  const batches = int('batches', 1);
  const warmup = int('warmup', 0);
  const backfillDays = int('backfill-days', 30);
  const poll = int('poll', 1);
  const seed = int('seed', 0);
  const relatedAsks = int('related-asks', 0);
  const extensionDir = path.resolve(values.extension);
  const profileDir = values['cpu-profile'] ? path.resolve(values['cpu-profile']) : null;
  const command = `npm run bench -- feeds ${args.join(' ')}`.trim();
  // Without it Playwright's routes never see the service worker's fetches.
  process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';
  if (!values['skip-build']) execSync('npm run build:bench', { stdio: 'inherit' });
  const loadStart = os.loadavg();

  const base = await ensureSyntheticCatalog(CACHE_DIR, seed, papers);
  const small = await ensureSyntheticCatalog(CACHE_DIR, seed, size);
  const baseVersion = syntheticHeader(seed, papers).version;
  const idle = lookupBatches(seed, papers, batches + warmup);
  const keep = new Set(idle.flatMap((b) => b.expected).filter((id): id is string => id !== null));
  const plans = makeDeltas(seed, papers, deltaCount, size, keep, values['all-related']);
  const kind = values['all-related'] ? '-all-related' : '';
  const files = await writeDeltaFiles(
    plans,
    path.join(CACHE_DIR, 'feeds'),
    `delta-${seed}-${papers}-${size}${kind}`,
    baseVersion,
  );
  const baseSha = await fileSha256(base.path);

  const session = await openBenchSession(extensionDir, small.path);
  const { context, page } = session;
  try {
    await closeWelcomeTab(context);
    const hosts = await serveFeeds(context, {
      files,
      base: { sha256: baseSha, count: papers, version: baseVersion },
      seed,
      papers,
    });
    await page.evaluate(() => window.paperpeekBench!.waitForIdle());

    // 1. Baseline: a catalog file of `size` papers through the real load path, same profile.
    const smallVersion = syntheticHeader(seed, size).version;
    const profiler = profileDir ? await attachWorkerProfiler(page, extensionDir) : null;
    const profiles: Record<string, ProfileSummary> = {};
    const profiled = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
      if (!profiler || !profileDir) return run();
      mkdirSync(profileDir, { recursive: true });
      await profiler.start();
      const result = await run();
      profiles[name] = await profiler.stop(path.join(profileDir, `${name}.cpuprofile`));
      return result;
    };
    const baseline = [];
    for (let i = 0; i < baselineRuns; i++) {
      await page.setInputFiles('#catalog-file', small.path);
      const r = await profiled(i === 0 ? 'install' : `install-${i + 1}`, () =>
        page.evaluate(([v, p]) => window.paperpeekBench!.install(v, p), [
          smallVersion,
          poll,
        ] as const),
      );
      if (r.count !== size) throw new Error(`Baseline loaded ${r.count} papers, expected ${size}`);
      baseline.push({ loadMs: r.loadMs, stageMs: r.stageMs, load: load1() });
      console.log(`baseline install ${i + 1}: ${(r.loadMs / 1000).toFixed(2)} s`);
    }

    // The subscription's base: the big catalog through the same loader, then its cursor.
    await page.setInputFiles('#catalog-file', base.path);
    const baseLoad = await page.evaluate(([v]) => window.paperpeekBench!.install(v, 250), [
      baseVersion,
    ] as const);
    if (baseLoad.count !== papers)
      throw new Error(`Loaded ${baseLoad.count} papers, expected ${papers}`);
    console.log(`${papers} papers installed in ${(baseLoad.loadMs / 1000).toFixed(1)} s`);
    await page.evaluate((v) => window.paperpeekBench!.seedSubCursor(v), baseVersion);

    const candidates = idle.map((b) => b.candidates);
    const idleBefore = await page.evaluate(([all, w]) => window.paperpeekBench!.lookups(all, w), [
      candidates,
      warmup,
    ] as const);
    const loadIdleBefore = load1();

    // 2. Deltas, one run each: odd ones quiet (apply time), even ones with lookups all along.
    const deltaRuns: DeltaRun[] = [];
    for (let seq = 1; seq <= plans.length; seq++) {
      const busy = seq % 2 === 0;
      hosts.published = seq;
      // A warm worker, as between two feed runs of a worker that serves pages.
      await page.evaluate((b) => window.paperpeekBench!.lookups(b, 0), candidates.slice(0, 3));
      const r = await profiled(`delta-${seq}`, () =>
        page.evaluate((o) => window.paperpeekBench!.subUpdate(o), {
          url: seq === 1 ? MANIFEST_URL : null,
          seq,
          line: size,
          lookups: busy ? candidates : null,
          pollMs: poll,
          timeoutMs: 15 * 60_000,
        }),
      );
      const hit = hosts.deltaHits.get(seq);
      if (!hit) throw new Error(`Delta ${seq} was applied without being requested`);
      const during = r.lookups.filter((s) => s.start < r.finishedAt && s.end > hit.at);
      const wrong = during.filter((s) =>
        s.ids.some((id, i) => id !== idle[s.batch]!.expected[i]),
      ).length;
      deltaRuns.push({
        seq,
        busy,
        runMs: r.finishedAt - r.sentAt,
        applyMs: r.finishedAt - hit.at,
        visibleMs: r.committedAt - hit.at,
        transferMs: hit.served - hit.at,
        lookupMs: during.map((s) => s.end - s.start),
        wrongHitBatches: wrong,
        added: r.status.lastAdded,
        load: load1(),
      });
      console.log(
        `delta ${seq}${busy ? ' (with lookups)' : ''}: request to run end ${((r.finishedAt - hit.at) / 1000).toFixed(2)} s`,
      );
    }
    if (hosts.baseRequests > 0)
      throw new Error('The subscription asked for its base: the cursor was not taken');
    const idleAfter = await page.evaluate(([all, w]) => window.paperpeekBench!.lookups(all, w), [
      candidates,
      warmup,
    ] as const);

    // 4. Related papers on demand, as a card asks: the papers of delta 1 that came without a list
    // (none withdrawn since), first ask (searched for and kept), then again (read back).
    const withdrawn = new Set(
      plans.flatMap((plan) => plan.ops.flatMap((op) => (op.op === 'withdraw' ? [op.id] : []))),
    );
    const bare = plans[0]!.ops.flatMap((op) =>
      op.op === 'put' && op.paper.related.length === 0 && !withdrawn.has(op.paper.id)
        ? [op.paper.id]
        : [],
    );
    const related = await page.evaluate(([ids, k]) => window.paperpeekBench!.relatedAsks(ids, k), [
      bare.slice(0, relatedAsks),
      5,
    ] as const);

    // 3. The Hugging Face backfill, as turning the source on in the options page starts it.
    let backfill: FeedsResult['backfill'] = null;
    if (!values['skip-hf']) {
      hosts.hf.today = new Date().toISOString().slice(0, 10);
      const r = await page.evaluate(([d, t]) => window.paperpeekBench!.hfBackfill(d, t), [
        backfillDays,
        30 * 60_000,
      ] as const);
      backfill = {
        ...r,
        requests: hosts.hf.requests,
        bytesServed: hosts.hf.bytes,
        gapsMs: hosts.hf.times.slice(1).map((t, i) => t - hosts.hf.times[i]!),
        days: backfillDays,
        load: load1(),
      };
      console.log(`backfill: ${hosts.hf.requests} requests in ${(r.ms / 1000).toFixed(1)} s`);
    }

    const expected = (x: { ids: (string | null)[][] }) =>
      x.ids.filter((ids, i) => ids.some((id, j) => id !== idle[i + warmup]!.expected[j])).length;
    const result: FeedsResult = {
      command,
      date: new Date().toISOString(),
      loadavg: { start: loadStart, end: os.loadavg() },
      papers,
      size,
      baseLoadSeconds: baseLoad.loadMs / 1000,
      deltaBytes: files.map((f) => f.bytes),
      baseline,
      deltas: deltaRuns,
      lookups: {
        idleBefore: {
          ms: idleBefore.ms,
          wrongHitBatches: expected(idleBefore),
          load: loadIdleBefore,
        },
        idleAfter: { ms: idleAfter.ms, wrongHitBatches: expected(idleAfter), load: load1() },
      },
      related,
      relatedPapers: bare.length,
      backfill,
      ...(profileDir && { profiles }),
    };
    printFeedsReport(result);
    if (profileDir) printProfiles(profiles, profileDir);
    mkdirSync('bench/results', { recursive: true });
    const out = `bench/results/feeds-${result.date.replace(/[:.]/g, '-')}.json`;
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`results: ${out}`);
  } finally {
    await session.close();
  }
}
