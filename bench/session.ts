import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../tests/e2e/browser';

/** A fresh Chromium profile with the bench build loaded and the bench page open. */
export type BenchSession = { context: BrowserContext; page: Page; close: () => Promise<void> };

/** `keptProfile`: use (and keep) this profile directory, so a suite can reuse an install. */
export async function openBenchSession(
  extensionDir: string,
  catalogFile: string,
  keptProfile?: string,
): Promise<BenchSession> {
  const profile = keptProfile ?? mkdtempSync(path.join(os.tmpdir(), 'paperpeek-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: chromiumArgs(extensionDir),
  });
  const close = async () => {
    await context.close();
    if (!keptProfile) rmSync(profile, { recursive: true, force: true });
  };
  try {
    // Nothing leaves the machine: the catalog file comes from disk through the file input.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('chrome-extension://') || url.startsWith('data:')) return route.fallback();
      return route.abort('blockedbyclient');
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/bench.html`);
    await page.waitForFunction(() => Boolean(window.paperpeekBench));
    await page.setInputFiles('#catalog-file', catalogFile);
    return { context, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}
