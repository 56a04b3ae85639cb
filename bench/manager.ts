/**
 * The reading-list manager at scale, in real Chromium with the bench build, in a fresh profile per
 * size (`--entries`, and `--baseline` for the ratio) seeded through the page's own IndexedDB:
 *
 * - open: times are taken IN the page, from navigation start (performance.now() of the new
 *   document), by an init script that runs at document start (STAMPS_SCRIPT): a MutationObserver
 *   stamps the first reading-list row in the DOM and every text of `#result-count`, each followed
 *   by rAF + setTimeout, i.e. the end of the frame that shows it. "First rows" is that frame for
 *   the first row; "whole list" the one whose count reads the full total. DOMContentLoaded (every
 *   module script fetched and run) splits script cost from data cost. The page reports its stamps
 *   through a binding and the harness evaluates nothing in it while it opens, so neither
 *   Playwright's round trips nor its injected script are in the figures.
 * - floor: every run also opens `bench-blank.html` (entrypoints/bench-blank: the manager's CSS, one
 *   static row and count, no script) right before the manager, same profile and stamps. Any
 *   extension page pays that floor on this machine; "manager − blank" (paired per run) is the
 *   manager's own cost. The 100 ms target is absolute, so both are reported.
 * - filter: one input event in the filter → the list showing the right rows (DOM committed, and
 *   the frame after), timed in the page.
 * - raw getAll: every entry through one IndexedDB getAll in the same profile, the floor for
 *   reading the whole list at all.
 *
 * - --compare DIR: another bench build (say, of the previous commit: `git archive HEAD` into a
 *   temporary dir, then `npm run build:bench` there) loaded as a second extension; its manager is
 *   opened in the same runs, the two builds taking turns, and reported as paired differences.
 *   Separate runs on a loaded machine differ by more than most changes do.
 *
 *   npm run bench -- manager [--entries 10000 --baseline 100 --runs 15 --warmup 3 --filters 30
 *                             --seed 1 --compare DIR --skip-build]
 *
 * Shared machines are noisy: read the ratios and the paired differences (same run), not absolute
 * numbers across runs; the load average is printed and saved with the results.
 */
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import type { Entry, ReadingStatus } from '../lib/reading-list/entry';
import { DEFAULT_SORT, filterEntries, sortEntries } from '../lib/reading-list/query';
import { chromiumArgs, chromiumPath } from '../tests/e2e/browser';
import { percentile } from './report';

const EXTENSION_DIR = path.resolve('.output/bench-chrome-mv3');

/** Chromium's id for an unpacked extension: its absolute path's SHA-256, in letters a-p. */
function unpackedId(dir: string): string {
  const hex = createHash('sha256').update(dir).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}
const LIST = '[data-list="reading-list"] [data-paper-id]';

const WORDS = (
  'attention graph neural diffusion sparse transformer retrieval contrastive kernel bayesian ' +
  'federated pruning quantization distillation reinforcement policy reward language vision ' +
  'speech audio protein molecule causal robust adversarial efficient scalable adaptive ' +
  'generative latent flow matching score energy manifold spectral temporal forecasting ' +
  'segmentation detection tracking depth video multimodal instruction alignment preference ' +
  'reasoning planning memory agent tool benchmark evaluation dataset synthetic uncertainty ' +
  'calibration fairness privacy unlearning compression hashing embedding recommendation ranking'
).split(' ');
const NAMES = 'Ada Alan Grace Edsger Barbara Donald Leslie Tony Frances Judea Yoshua Fei'.split(
  ' ',
);
const SURNAMES = 'Lovelace Turing Hopper Dijkstra Liskov Knuth Lamport Hoare Allen Pearl'.split(
  ' ',
);
const TAGS = Array.from({ length: 30 }, (_, i) => `topic-${i + 1}`);
const STATUSES: ReadingStatus[] = ['to-read', 'reading', 'read'];

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Entries with 6-12 word titles, 1-6 authors, 0-3 tags, some notes; deterministic per seed. */
function benchEntries(count: number, seed: number): Entry[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const start = Date.UTC(2026, 10, 27);
  return Array.from({ length: count }, (_, i) => {
    const title = Array.from({ length: 6 + Math.floor(r() * 7) }, () => pick(WORDS)).join(' ');
    const addedAt = new Date(start - i * 3_600_000).toISOString();
    const status = pick(STATUSES);
    return {
      id: `b-${i}`,
      inCatalog: false,
      snapshot: {
        title: title[0]!.toUpperCase() + title.slice(1),
        authors: Array.from(
          { length: 1 + Math.floor(r() * 6) },
          () => `${pick(NAMES)} ${pick(SURNAMES)}`,
        ),
        year: 2000 + Math.floor(r() * 27),
        venue: pick(['NeurIPS', 'ICML', 'ICLR', 'ACL', 'CVPR', 'arXiv']),
      },
      status,
      tags: [...new Set(Array.from({ length: Math.floor(r() * 4) }, () => pick(TAGS)))].sort(),
      note: r() < 0.2 ? `Note on ${pick(WORDS)} and ${pick(WORDS)}` : '',
      addedAt,
      updatedAt: addedAt,
      readAt: status === 'read' ? addedAt : null,
      clock: {},
    };
  });
}

type Query = { text: string; summary: string; first: string | null };

/** Single words (~5% of titles each) and two-word prefixes, with the answer each must show. */
function queries(entries: Entry[], count: number, seed: number): Query[] {
  const r = rng(seed + 1);
  const sorted = sortEntries(entries, DEFAULT_SORT);
  const total = entries.length.toLocaleString('en');
  return Array.from({ length: count }, (_, i) => {
    const word = WORDS[Math.floor(r() * WORDS.length)]!;
    const text = i % 2 ? word : `${word} ${WORDS[Math.floor(r() * WORDS.length)]!.slice(0, 3)}`;
    const hits = filterEntries(sorted, { status: null, tag: null, text });
    return {
      text,
      summary: `${hits.length.toLocaleString('en')} of ${total} papers`,
      first: hits[0]?.id ?? null,
    };
  });
}

type SizeResult = {
  entries: number;
  /** Manager opens, and blank-page opens interleaved with them (one each per run). */
  manager: Open[];
  blank: Open[];
  /** The `--compare` build's manager, opened in the same runs (null without --compare). */
  compare: Open[] | null;
  filterDom: number[];
  filterFrame: number[];
  getAll: number[];
  rowsInDom: number;
};

async function benchSize(
  count: number,
  opts: { runs: number; warmup: number; filters: number; seed: number; compare?: string },
): Promise<SizeResult> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'paperpeek-bench-manager-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    // No host resolves, so nothing can leave the machine. Not `context.route`: Playwright then
    // intercepts every request, the page's own chrome-extension:// chunks included, and each one
    // waits for a round trip to this process (+70 ms on a blank page with one script, more with
    // the manager's chunks), a cost no user pays.
    args: [
      // Both builds at once when comparing: each is its own extension, with its own database.
      ...chromiumArgs(opts.compare ? `${EXTENSION_DIR},${opts.compare}` : EXTENSION_DIR),
      '--host-resolver-rules=MAP * ~NOTFOUND',
    ],
    viewport: { width: 1200, height: 800 },
  });
  const offline: string[] = [];
  context.on('request', (request) => {
    if (!request.url().startsWith('chrome-extension://')) offline.push(request.url());
  });
  try {
    // tsx keeps function names with a `__name` helper that functions sent to the page call.
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await context.addInitScript({ content: STAMPS_SCRIPT });
    await listenForStamps(context);
    // Every build's worker running means every extension is loaded.
    while (context.serviceWorkers().length < (opts.compare ? 2 : 1))
      await context.waitForEvent('serviceworker');
    const origin = `chrome-extension://${unpackedId(EXTENSION_DIR)}`;
    const url = `${origin}/manager.html`;
    const blankUrl = `${origin}/bench-blank.html`;
    const compareUrl =
      opts.compare && `chrome-extension://${unpackedId(opts.compare)}/manager.html`;
    const page = await context.newPage();
    const entries = benchEntries(count, opts.seed);
    for (const manager of compareUrl ? [compareUrl, url] : [url]) {
      await page.goto(manager);
      await page.getByText('0 papers').waitFor({ timeout: 30_000 });
      await seed(page, entries);
    }
    // The first install of the bundled catalog runs in the worker; let it finish, not compete.
    await page.waitForTimeout(5000);

    const manager: Open[] = [];
    const blank: Open[] = [];
    const compare: Open[] = [];
    const total = `${count.toLocaleString('en')} papers`;
    // Interleaved, so that load from other processes weighs on the page and its floor alike; the
    // two builds take turns going first.
    for (let i = 0; i < opts.warmup + opts.runs; i++) {
      const floor = await openOnce(page, blankUrl, '1 paper');
      const other = compareUrl && i % 2 ? await openOnce(page, compareUrl, total) : null;
      const open = await openOnce(page, url, total);
      const otherAfter = compareUrl && !(i % 2) ? await openOnce(page, compareUrl, total) : null;
      if (i >= opts.warmup) {
        blank.push(floor);
        manager.push(open);
        if (compareUrl) compare.push((other ?? otherAfter)!);
      }
    }
    await page.goto(url);
    await page.getByText(total).waitFor();
    const rowsInDom = await page.locator(LIST).count();

    const filterDom: number[] = [];
    const filterFrame: number[] = [];
    for (const [i, q] of queries(entries, opts.warmup + opts.filters, opts.seed).entries()) {
      const t = await page.evaluate(filterOnce, q);
      if (i >= opts.warmup) {
        filterDom.push(t.dom);
        filterFrame.push(t.frame);
      }
      await page.evaluate(filterOnce, { text: '', summary: total, first: null });
    }

    const getAll: number[] = [];
    for (let i = 0; i < opts.warmup + opts.runs; i++) {
      const { ms, n } = await page.evaluate(rawGetAll);
      if (n !== count) throw new Error(`getAll read ${n} entries, expected ${count}`);
      if (i >= opts.warmup) getAll.push(ms);
    }
    if (offline.length) throw new Error(`The pages asked for the network: ${offline.join(', ')}`);
    return {
      entries: count,
      manager,
      blank,
      compare: compareUrl ? compare : null,
      filterDom,
      filterFrame,
      getAll,
      rowsInDom,
    };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Raw puts into the page's database (created by the page), 2,000 per transaction. */
async function seed(page: Page, entries: Entry[]) {
  for (let i = 0; i < entries.length; i += 2000) {
    await page.evaluate(
      async (batch) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('paperpeek-user');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const tx = db.transaction('entries', 'readwrite', { durability: 'relaxed' });
        for (const entry of batch) tx.objectStore('entries').put(entry);
        await new Promise((resolve, reject) => {
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
        db.close();
      },
      entries.slice(i, i + 2000),
    );
  }
}

/**
 * Runs in every document from its start (an init script): stamps, in the page's own clock, when a
 * reading-list row is first in the DOM, and every text `#result-count` shows, each with the end
 * of the frame after it (rAF runs before the frame is painted; the task after it, once it has
 * been). Timing in the page leaves out Playwright's round trips, which added ~90 ms when the
 * harness polled from outside. Each finished stamp is reported through a binding (REPORT), so
 * the harness never evaluates anything in the page while it opens: waiting with
 * page.waitForFunction injected Playwright's script (20-60 ms of the page's main thread, in a
 * trace) and polled every frame, landing at random inside the window being timed.
 */
const REPORT = '__ppReportStamps';
const STAMPS_SCRIPT = `(() => {
  const stamps = (globalThis.__ppStamps = { rows: null, counts: [] });
  const afterFrame = (done) => requestAnimationFrame(() => setTimeout(() => done(performance.now())));
  const observer = new MutationObserver(() => {
    if (!stamps.rows && document.querySelector(${JSON.stringify(LIST)})) {
      const rows = (stamps.rows = { dom: performance.now(), frame: null });
      afterFrame((t) => ((rows.frame = t), report()));
    }
    const text = document.getElementById('result-count')?.textContent ?? null;
    if (text !== null && text !== stamps.counts.at(-1)?.text) {
      const count = { text, dom: performance.now(), frame: null };
      stamps.counts.push(count);
      afterFrame((t) => ((count.frame = t), report()));
    }
  });
  const report = () => {
    const nav = performance.getEntriesByType('navigation')[0];
    globalThis.${REPORT}?.({
      href: location.href,
      timeOrigin: performance.timeOrigin,
      rows: stamps.rows,
      counts: stamps.counts,
      scripts: nav ? nav.domContentLoadedEventStart : 0,
    });
  };
  document.addEventListener('DOMContentLoaded', () => setTimeout(report));
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

type Stamp = { dom: number; frame: number };
type Open = {
  /** Navigation start → the first frame with rows in it (and the DOM having them). */
  rows: Stamp;
  /** Navigation start → the first frame with the whole list counted in the summary. */
  whole: Stamp;
  /** Navigation start → DOMContentLoaded, i.e. every module script fetched and evaluated. */
  scripts: number;
};

type Report = {
  href: string;
  timeOrigin: number;
  rows: { dom: number; frame: number | null } | null;
  counts: { text: string; dom: number; frame: number | null }[];
  scripts: number;
};
/** The open waiting for its page's stamps (one page, one open at a time). */
let onReport: ((report: Report) => void) | null = null;

/** Lets every page of `context` report its stamps (STAMPS_SCRIPT) to the open waiting for them. */
async function listenForStamps(context: BrowserContext) {
  await context.exposeBinding(REPORT, (_source, report: Report) => onReport?.(report));
}

/** One open of `url`, timed by the page's own stamps (STAMPS_SCRIPT); `total` is the full count. */
async function openOnce(page: Page, url: string, total: string): Promise<Open> {
  // Reports from the page being left are told apart by their document's start time.
  const since = Date.now() - 1;
  const done = new Promise<Open>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${url} never showed ${total}`)), 30_000);
    onReport = (r) => {
      const whole = r.counts.find((c) => c.text === total);
      if (r.href !== url || r.timeOrigin < since) return;
      if (!r.rows?.frame || !whole?.frame || !r.scripts) return;
      clearTimeout(timer);
      onReport = null;
      resolve({
        rows: { dom: r.rows.dom, frame: r.rows.frame },
        whole: { dom: whole.dom, frame: whole.frame },
        scripts: r.scripts,
      });
    };
  });
  await page.goto(url, { waitUntil: 'commit' });
  return done;
}

/** Runs in the page: one input event, then time to the DOM showing it and to the next frame. */
function filterOnce(q: Query): Promise<{ dom: number; frame: number }> {
  const input = document.querySelector<HTMLInputElement>('input[type=search]')!;
  const shows = () =>
    document.getElementById('result-count')?.textContent === q.summary &&
    (q.first === null ||
      document
        .querySelector('[data-list="reading-list"] [data-paper-id]')
        ?.getAttribute('data-paper-id') === q.first);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const timer = setTimeout(
      () => reject(new Error(`Filter "${q.text}" never showed ${q.summary}`)),
      10_000,
    );
    const observer = new MutationObserver(() => {
      if (!shows()) return;
      const dom = performance.now() - t0;
      observer.disconnect();
      clearTimeout(timer);
      // rAF runs before the frame is painted; the task after it runs once it has been.
      requestAnimationFrame(() =>
        setTimeout(() => resolve({ dom, frame: performance.now() - t0 })),
      );
    });
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, q.text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Runs in the page: every entry through one raw IndexedDB getAll, the floor for reading the list. */
async function rawGetAll(): Promise<{ ms: number; n: number }> {
  const t0 = performance.now();
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('paperpeek-user');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const rows = await new Promise<unknown[]>((resolve, reject) => {
    const request = db.transaction('entries').objectStore('entries').getAll();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  db.close();
  return { ms: performance.now() - t0, n: rows.length };
}

const fmt = (n: number) => n.toFixed(1);

export async function runManagerBench(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      entries: { type: 'string', default: '10000' },
      baseline: { type: 'string', default: '100' },
      runs: { type: 'string', default: '15' },
      warmup: { type: 'string', default: '3' },
      filters: { type: 'string', default: '30' },
      seed: { type: 'string', default: '1' },
      /** Another bench build (e.g. of the previous commit) to open in the same runs. */
      compare: { type: 'string' },
      'skip-build': { type: 'boolean', default: false },
    },
  });
  const [entries, baseline, runs, warmup, filters, seedValue] = [
    values.entries,
    values.baseline,
    values.runs,
    values.warmup,
    values.filters,
    values.seed,
  ].map(Number) as [number, number, number, number, number, number];
  if (
    ![entries, baseline, runs, filters].every((n) => Number.isInteger(n) && n > 0) ||
    !Number.isInteger(warmup) ||
    warmup < 0 ||
    !Number.isInteger(seedValue)
  ) {
    throw new Error(
      '--entries, --baseline, --runs and --filters take positive integers; --warmup and --seed integers',
    );
  }
  const command = `npm run bench -- manager ${args.join(' ')}`.trim();
  if (!values['skip-build']) execSync('npm run build:bench', { stdio: 'inherit' });

  const compare = values.compare && path.resolve(values.compare);
  if (compare && !existsSync(path.join(compare, 'bench-blank.html')))
    throw new Error(`--compare ${compare} is not a bench build (no bench-blank.html)`);
  const opts = { runs, warmup, filters, seed: seedValue, ...(compare ? { compare } : {}) };
  const base = await benchSize(baseline, opts);
  const big = await benchSize(entries, opts);
  const p = (xs: number[], q: number) => percentile(xs, q);
  const ms = (xs: number[]) => `${fmt(p(xs, 50))} / ${fmt(p(xs, 95))}`;
  const rowsFrame = (opens: Open[]) => opens.map((o) => o.rows.frame);
  const wholeFrame = (opens: Open[]) => opens.map((o) => o.whole.frame);
  // The manager's own cost: each open minus the blank open right before it, in the same profile.
  const net = (r: SizeResult, of: (o: Open) => number) =>
    r.manager.map((o, i) => of(o) - of(r.blank[i]!));
  const pageRow = (label: string, opens: Open[]) => ({
    page: label,
    'first rows frame p50 / p95 ms': ms(rowsFrame(opens)),
    'first rows in DOM p50 ms': fmt(
      p(
        opens.map((o) => o.rows.dom),
        50,
      ),
    ),
    'scripts run (DOMContentLoaded) p50 ms': fmt(
      p(
        opens.map((o) => o.scripts),
        50,
      ),
    ),
    'whole list frame p50 / p95 ms': ms(wholeFrame(opens)),
  });
  console.log(
    `\n${command}  (Chromium ${EXTENSION_DIR}, ${runs} opens of each page, ${filters} filters, ${warmup} warm-up each; load: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')})`,
  );
  console.log('Open, from navigation start (p50 / p95):');
  console.table([
    pageRow(`blank page (${baseline}-entry profile)`, base.blank),
    pageRow(`manager, ${baseline.toLocaleString('en')} entries`, base.manager),
    pageRow(`blank page (${entries}-entry profile)`, big.blank),
    pageRow(`manager, ${entries.toLocaleString('en')} entries`, big.manager),
    ...(base.compare && big.compare
      ? [
          pageRow(`--compare build, ${baseline.toLocaleString('en')} entries`, base.compare),
          pageRow(`--compare build, ${entries.toLocaleString('en')} entries`, big.compare),
        ]
      : []),
  ]);
  const sizeRow = (r: SizeResult) => ({
    entries: r.entries.toLocaleString('en'),
    'manager − blank, first rows p50 / p95 ms': ms(net(r, (o) => o.rows.frame)),
    'manager − blank, whole list p50 / p95 ms': ms(net(r, (o) => o.whole.frame)),
    'filter DOM p50 / p95 ms': ms(r.filterDom),
    'filter frame p50 / p95 ms': ms(r.filterFrame),
    'raw getAll p50 ms': fmt(p(r.getAll, 50)),
    'rows in DOM': r.rowsInDom,
  });
  console.log("The manager's own cost (each open minus the blank open before it), and filtering:");
  console.table([sizeRow(base), sizeRow(big)]);
  const versus = (r: SizeResult, of: (o: Open) => number) =>
    r.manager.map((o, i) => of(o) - of(r.compare![i]!));
  if (base.compare && big.compare) {
    console.log(`This build − the --compare build (${compare}), paired per run:`);
    console.table(
      [base, big].map((r) => ({
        entries: r.entries.toLocaleString('en'),
        'first rows p50 / p95 ms': ms(versus(r, (o) => o.rows.frame)),
        'whole list p50 / p95 ms': ms(versus(r, (o) => o.whole.frame)),
        'scripts run p50 / p95 ms': ms(versus(r, (o) => o.scripts)),
      })),
    );
  }
  const ratios: Record<string, number> = {
    [`first rows, manager ${entries} / blank page (p50)`]:
      p(rowsFrame(big.manager), 50) / p(rowsFrame(big.blank), 50),
    [`first rows, manager ${baseline} / blank page (p50)`]:
      p(rowsFrame(base.manager), 50) / p(rowsFrame(base.blank), 50),
    [`first rows ${entries}/${baseline} (p50)`]:
      p(rowsFrame(big.manager), 50) / p(rowsFrame(base.manager), 50),
    [`whole list ${entries}/${baseline} (p50)`]:
      p(wholeFrame(big.manager), 50) / p(wholeFrame(base.manager), 50),
    [`filter frame ${entries}/${baseline} (p50)`]: p(big.filterFrame, 50) / p(base.filterFrame, 50),
    [`whole list − first rows, ${entries} / raw getAll ${entries} (p50)`]:
      p(
        big.manager.map((o) => o.whole.frame - o.rows.frame),
        50,
      ) / p(big.getAll, 50),
  };
  if (base.compare && big.compare) {
    for (const r of [base, big]) {
      ratios[`first rows, this build / --compare build, ${r.entries} (p50)`] =
        p(rowsFrame(r.manager), 50) / p(rowsFrame(r.compare!), 50);
      ratios[`whole list, this build / --compare build, ${r.entries} (p50)`] =
        p(wholeFrame(r.manager), 50) / p(wholeFrame(r.compare!), 50);
    }
  }
  console.table(
    Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, `${v.toFixed(2)}x`])),
  );
  mkdirSync('bench/results', { recursive: true });
  const out = `bench/results/manager-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(
    out,
    `${JSON.stringify({ command, date: new Date().toISOString(), loadavg: os.loadavg(), opts, baseline: base, measured: big, ratios }, null, 2)}\n`,
  );
  console.log(`results: ${out}`);
}
