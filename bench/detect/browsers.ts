import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../../tests/e2e/browser';
import { send } from '../../tests/e2e/messages';

/** What the page's own Long Tasks observer saw (registered before any page script runs). */
export interface ObservedLongTask {
  start: number;
  duration: number;
  attribution: string[];
}

declare global {
  interface Window {
    detectBenchLongTasks?: ObservedLongTask[];
  }
}

/** Runs in the page's main world at document start, in both browsers alike. */
function observeLongTasks() {
  const seen: ObservedLongTask[] = [];
  window.detectBenchLongTasks = seen;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      type Attribution = { name: string; containerType: string };
      const { attribution = [] } = entry as PerformanceEntry & { attribution?: Attribution[] };
      seen.push({
        start: entry.startTime,
        duration: entry.duration,
        attribution: attribution.map((a) => `${a.name}/${a.containerType}`),
      });
    }
  }).observe({ type: 'longtask', buffered: true });
}

export interface BenchBrowser {
  context: BrowserContext;
  /** `chrome-extension://ID/` for the extension's browser; null for the plain one. */
  extensionUrl: string | null;
  close: () => Promise<void>;
}

/**
 * A throw-away Chromium profile, with the extension or without it (same binary and flags
 * otherwise), serving `pages` at their URLs and refusing every other request.
 */
export async function openBenchBrowser(
  extensionDir: string | null,
  pages: Map<string, string>,
  catalog?: { file: string; version: string },
): Promise<BenchBrowser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'paperpeek-detect-'));
  const args = chromiumArgs(extensionDir ?? '/nonexistent');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: extensionDir ? args : args.filter((arg) => !arg.includes('extension')),
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    await context.route('**/*', (route) => {
      const url = route.request().url();
      const body = pages.get(url);
      if (body !== undefined) {
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
      }
      if (url.startsWith('chrome-extension://') || url.startsWith('data:')) return route.fallback();
      return route.abort('blockedbyclient');
    });
    await context.addInitScript(observeLongTasks);
    if (!extensionDir) return { context, extensionUrl: null, close };
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionUrl = `chrome-extension://${new URL(worker.url()).host}/`;
    // A page scanned before the catalog is installed would find nothing. The bench's catalog
    // goes in as a user's would: the options page's file input, then the status until active.
    const options = await context.newPage();
    await options.goto(`${extensionUrl}options.html`);
    const active = async (version?: string) => {
      const status = await send(options, 'getCatalogStatus');
      return !status.job && !!status.active && (!version || status.active.version === version);
    };
    const wait = async (version?: string) => {
      const deadline = Date.now() + 300_000;
      while (!(await active(version))) {
        if (Date.now() > deadline)
          throw new Error(`Catalog ${version ?? 'bundled'} not active in 5 min`);
        await options.waitForTimeout(500);
      }
    };
    await wait();
    if (catalog) {
      await options.locator('input[type=file]').first().setInputFiles(catalog.file);
      await wait(catalog.version);
    }
    await options.close();
    return { context, extensionUrl, close };
  } catch (error) {
    await close();
    throw error;
  }
}
