import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Worker } from '@playwright/test';
import { expect, extensionWorker, launchExtension } from './fixtures';
import { send } from './messages';

/** A saved page of a real site, the URL it was saved from, and the papers a correct system marks. */
export interface PageFixture {
  file: string;
  url: string;
  /** Catalog id → CSS selectors of the elements that each get a marker for it. */
  papers: Record<string, string[]>;
}

const DIR = path.resolve('tests/fixtures/pages');

export const pageFixtures: PageFixture[] = Object.entries(
  JSON.parse(readFileSync(path.join(DIR, 'expected.json'), 'utf8')).fixtures as Record<
    string,
    { url: string; papers: Record<string, string[]> }
  >,
).map(([file, { url, papers }]) => ({ file, url: new URL(url).href, papers }));

export function fixture(file: string): PageFixture {
  const found = pageFixtures.find((f) => f.file === file);
  if (!found) throw new Error(`No fixture ${file} in expected.json`);
  return found;
}

/**
 * Serves every fixture page at its real URL, so the content script's match patterns and the site
 * detectors see what they would on the site. Everything else stays aborted (launchExtension).
 */
export async function serveFixtures(context: BrowserContext): Promise<void> {
  const byUrl = new Map(pageFixtures.map((f) => [f.url, readFileSync(path.join(DIR, f.file))]));
  await context.route(
    (url) => byUrl.has(url.href),
    (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: byUrl.get(route.request().url())!,
      }),
  );
}

export const fixtureUrls = new Set(pageFixtures.map((f) => f.url));

/**
 * A browser with the extension, every fixture page served, and the bundled catalog installed
 * (a page scanned before the install finishes would find nothing). Returns the context and worker.
 */
export async function launchWithFixtures(): Promise<{ context: BrowserContext; worker: Worker }> {
  const context = await launchExtension();
  await serveFixtures(context);
  const worker = await extensionWorker(context);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
  await expect
    .poll(async () => (await send(options, 'getCatalogStatus')).active?.count, { timeout: 30_000 })
    .toBeGreaterThan(0);
  await options.close();
  return { context, worker };
}
