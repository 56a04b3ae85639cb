/**
 * The reading-list manager at scale, in real Chromium with the bench build:
 *   open: navigation start → the first rows on screen, and → the whole list read and shown
 *   (its count in the summary), polled every animation frame; and
 *   filter: one input event in the filter → the list showing the right rows (DOM committed, and
 *   the frame after), p50/p95 over runs, at `--entries` and at the `--baseline` size, each in a
 *   fresh profile seeded through the page's own IndexedDB; plus a raw IndexedDB getAll of every
 *   entry in the same profile (the floor for reading the list at all).
 *
 *   npm run bench -- manager [--entries 10000 --baseline 100 --runs 15 --warmup 3 --filters 30
 *                             --seed 1 --skip-build]
 *
 * Shared machines are noisy: read the ratios (same run), not absolute numbers across runs.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import type { Entry, ReadingStatus } from '../lib/reading-list/entry';
import { DEFAULT_SORT, filterEntries, sortEntries } from '../lib/reading-list/query';
import { chromiumArgs, chromiumPath } from '../tests/e2e/browser';
import { percentile } from './report';

const EXTENSION_DIR = path.resolve('.output/bench-chrome-mv3');
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
  /** Navigation start → first rows on screen. */
  open: number[];
  /** Navigation start → the whole list read, counted and shown. */
  full: number[];
  filterDom: number[];
  filterFrame: number[];
  getAll: number[];
  rowsInDom: number;
};

async function benchSize(
  count: number,
  opts: { runs: number; warmup: number; filters: number; seed: number },
): Promise<SizeResult> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'paperpeek-bench-manager-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: chromiumArgs(EXTENSION_DIR),
    viewport: { width: 1200, height: 800 },
  });
  try {
    // tsx keeps function names with a `__name` helper that functions sent to the page call.
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await context.route('**/*', (route) =>
      route.request().url().startsWith('chrome-extension://')
        ? route.fallback()
        : route.abort('blockedbyclient'),
    );
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const url = `chrome-extension://${new URL(worker.url()).host}/manager.html`;
    const page = await context.newPage();
    await page.goto(url);
    await page.getByText('0 papers').waitFor();
    const entries = benchEntries(count, opts.seed);
    await seed(page, entries);
    // The first install of the bundled catalog runs in the worker; let it finish, not compete.
    await page.waitForTimeout(5000);

    const open: number[] = [];
    const full: number[] = [];
    const total = `${count.toLocaleString('en')} papers`;
    for (let i = 0; i < opts.warmup + opts.runs; i++) {
      const [first, whole] = await openOnce(page, url, total);
      if (i >= opts.warmup) {
        open.push(first);
        full.push(whole);
      }
    }
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
    return { entries: count, open, full, filterDom, filterFrame, getAll, rowsInDom };
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
 * Milliseconds from navigation start to the first animation frame with rows (the newest entries,
 * read first), and to the first frame showing the whole list (its count in the summary).
 */
async function openOnce(page: Page, url: string, total: string): Promise<[number, number]> {
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    ([list, summary]) => {
      const w = window as unknown as { firstRows?: number };
      if (w.firstRows === undefined && document.querySelector(list))
        w.firstRows = performance.now();
      return document.getElementById('result-count')?.textContent === summary
        ? [w.firstRows ?? performance.now(), performance.now()]
        : null;
    },
    [LIST, total] as const,
    { polling: 'raf', timeout: 30_000 },
  );
  return (await handle.jsonValue()) as [number, number];
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

  const opts = { runs, warmup, filters, seed: seedValue };
  const base = await benchSize(baseline, opts);
  const big = await benchSize(entries, opts);
  const p = (xs: number[], q: number) => percentile(xs, q);
  const row = (r: SizeResult) => ({
    entries: r.entries.toLocaleString('en'),
    'rows p50 ms': fmt(p(r.open, 50)),
    'rows p95 ms': fmt(p(r.open, 95)),
    'whole list p50 ms': fmt(p(r.full, 50)),
    'whole list p95 ms': fmt(p(r.full, 95)),
    'filter DOM p50 ms': fmt(p(r.filterDom, 50)),
    'filter DOM p95 ms': fmt(p(r.filterDom, 95)),
    'filter frame p50 ms': fmt(p(r.filterFrame, 50)),
    'filter frame p95 ms': fmt(p(r.filterFrame, 95)),
    'raw getAll p50 ms': fmt(p(r.getAll, 50)),
    'rows in DOM': r.rowsInDom,
  });
  console.log(
    `\n${command}  (Chromium ${EXTENSION_DIR}, ${runs} opens, ${filters} filters, ${warmup} warm-up each)`,
  );
  console.table([row(base), row(big)]);
  const ratios = {
    [`first rows ${entries}/${baseline} (p50)`]: p(big.open, 50) / p(base.open, 50),
    [`whole list ${entries}/${baseline} (p50)`]: p(big.full, 50) / p(base.full, 50),
    [`filter frame ${entries}/${baseline} (p50)`]: p(big.filterFrame, 50) / p(base.filterFrame, 50),
    [`whole list − first rows, ${entries} / raw getAll ${entries} (p50)`]:
      (p(big.full, 50) - p(big.open, 50)) / p(big.getAll, 50),
  };
  console.table(
    Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, `${v.toFixed(2)}x`])),
  );
  mkdirSync('bench/results', { recursive: true });
  const out = `bench/results/manager-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(
    out,
    `${JSON.stringify({ command, date: new Date().toISOString(), opts, baseline: base, measured: big, ratios }, null, 2)}\n`,
  );
  console.log(`results: ${out}`);
}
