import { existsSync } from 'node:fs';
import path from 'node:path';
import { test as base, chromium, type BrowserContext, type Worker } from '@playwright/test';
import { chromiumArgs, chromiumPath, closeWelcome } from './browser';

export const EXTENSION_DIR = path.resolve('.output/chrome-mv3');

type Fixtures = {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
};

/**
 * Launches a profile with the built extension; every request a test has not routed is aborted.
 * An empty `userDataDir` is a throw-away profile that Playwright deletes on close; pass a
 * directory to keep the profile across launches (a browser restart).
 *
 * A fresh profile installs the extension, which opens its welcome tab; that tab is closed here
 * unless `welcome: 'keep'`, so tests that bring their own page to the front, or wait for the next
 * page to open, meet only the pages they opened.
 */
export async function launchExtension(
  extensionDir = EXTENSION_DIR,
  userDataDir = '',
  options: { welcome?: 'close' | 'keep' } = {},
): Promise<BrowserContext> {
  const fresh = userDataDir === '' || !existsSync(path.join(userDataDir, 'Default'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: chromiumArgs(extensionDir),
  });
  // Tests never touch the internet: anything a test has not routed itself is refused.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('chrome-extension://') || url.startsWith('data:')) return route.fallback();
    // Servers the tests start on this machine (WebDAV), seen now that worker requests are routed.
    if (/^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(url)) return route.fallback();
    return route.abort('blockedbyclient');
  });
  if (fresh && options.welcome !== 'keep') await closeWelcome(context, extensionDir);
  return context;
}

export async function extensionWorker(context: BrowserContext): Promise<Worker> {
  const [existing] = context.serviceWorkers();
  return existing ?? (await context.waitForEvent('serviceworker'));
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  context: async ({}, use) => {
    const context = await launchExtension();
    await use(context);
    await context.close();
  },
  serviceWorker: async ({ context }, use) => {
    await use(await extensionWorker(context));
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
});

export const expect = test.expect;
