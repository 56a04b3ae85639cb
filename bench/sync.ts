/**
 * Sync benchmark in real Chromium with the bench build: a 5,000-entry reading list synced through
 * the real engine to a real WebDAV server (`rclone serve webdav`) and to chrome.storage.sync,
 * first sync and incremental (one edited entry), time and bytes sent. Baseline in the same run:
 * one raw PUT of the same document (no read, no merge, no local write).
 *
 *   npm run bench -- sync [--count 5000 --runs 3 --skip-build]
 *
 * Shared machines are noisy: read the ratios to the raw PUT, not absolute numbers.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../tests/e2e/browser';
import { DAV_PASS, DAV_USER, startDavServer, startFaultProxy } from '../tests/e2e/webdav-server';
import type { Measure } from './page/sync-api';

const EXTENSION_DIR = path.resolve('.output/bench-chrome-mv3');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function runSyncBench(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      count: { type: 'string', default: '5000' },
      runs: { type: 'string', default: '3' },
      'skip-build': { type: 'boolean', default: false },
    },
  });
  const count = Number(values.count);
  const runs = Number(values.runs);
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(runs) || runs < 1) {
    throw new Error('--count and --runs take positive integers');
  }
  const command = `npm run bench -- sync ${args.join(' ')}`.trim();
  if (!values['skip-build']) execSync('npm run build:bench', { stdio: 'inherit' });

  const server = await startDavServer();
  const proxy = await startFaultProxy(server);
  const profile = mkdtempSync(path.join(os.tmpdir(), 'paperpeek-bench-sync-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: chromiumArgs(EXTENSION_DIR),
  });
  try {
    const davHost = new URL(proxy.url).host;
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.protocol === 'chrome-extension:' || url.host === davHost) return route.continue();
      return route.abort('blockedbyclient');
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const page = await context.newPage();
    await page.goto(`chrome-extension://${new URL(worker.url()).host}/bench-sync.html`);
    await page.waitForFunction(() => Boolean(window.paperpeekSyncBench));
    const dav = { url: proxy.url, username: DAV_USER, password: DAV_PASS };
    const call = <T>(fn: string, ...a: unknown[]): Promise<T> =>
      page.evaluate(
        ({ fn, a }) =>
          (window.paperpeekSyncBench as unknown as Record<string, (...x: unknown[]) => Promise<T>>)[
            fn
          ]!(...a),
        { fn, a },
      );

    const results: Record<string, Measure[]> = {};
    const record = (key: string, m: Measure) => (results[key] ??= []).push(m);
    for (let run = 0; run < runs; run++) {
      const a = `a${run}`;
      const b = `b${run}`;
      const s = `s${run}`;
      await call('seed', count, a);
      await call('seed', count, s);
      record('raw PUT (baseline)', await call<Measure>('rawPut', a, dav));
      record('WebDAV first sync (upload)', await call<Measure>('syncWebdav', a, dav, `deva${run}`));
      await call('editOne', a);
      record(
        'WebDAV incremental (1 edit)',
        await call<Measure>('syncWebdav', a, dav, `deva${run}`),
      );
      record(
        'WebDAV new device (download)',
        await call<Measure>('syncWebdav', b, dav, `devb${run}`),
      );
      await page.evaluate(() =>
        (
          globalThis as unknown as { chrome: { storage: { sync: { clear(): Promise<void> } } } }
        ).chrome.storage.sync.clear(),
      );
      record('storage.sync first sync', await call<Measure>('syncStorage', s));
      await call('editOne', s);
      record('storage.sync incremental (1 edit)', await call<Measure>('syncStorage', s));
    }
    const baseline = median(results['raw PUT (baseline)']!.map((m) => m.ms));
    const rows = Object.entries(results).map(([name, ms]) => ({
      name,
      medianMs: Math.round(median(ms.map((m) => m.ms))),
      ratioToRawPut: Number((median(ms.map((m) => m.ms)) / baseline).toFixed(2)),
      bytesSent: median(ms.map((m) => m.bytesSent)),
      synced: ms[0]!.synced ?? null,
    }));
    console.log(`\nsync bench: ${count} entries, ${runs} runs, medians (${command})`);
    console.table(rows);
    mkdirSync('bench/results', { recursive: true });
    const out = `bench/results/sync-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    writeFileSync(out, JSON.stringify({ command, count, runs, rows, raw: results }, null, 2));
    console.log(`results: ${out}`);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await proxy.close();
    await server.dispose();
  }
}
