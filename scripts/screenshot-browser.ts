import { execSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { chromiumArgs, chromiumPath, closeWelcome } from '../tests/e2e/browser';

export const EXTENSION_DIR = path.resolve('.output/chrome-mv3');
export const OUT_DIR = path.resolve('docs/screenshots');

/**
 * The built extension in a throw-away Chromium profile, for the screenshot scripts. Builds first
 * unless PAPERPEEK_SKIP_BUILD is set. As in the e2e tests, pages must not reach the network, and
 * must not need to: everything the script has not routed itself is refused. The welcome tab the
 * fresh install opens is closed; a script that shows it opens its own.
 */
export async function openScreenshotBrowser(options: {
  viewport: { width: number; height: number };
  deviceScaleFactor?: number;
}): Promise<{ context: BrowserContext; extensionId: string }> {
  if (!process.env.PAPERPEEK_SKIP_BUILD) execSync('npm run build', { stdio: 'inherit' });
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension at ${EXTENSION_DIR}; run \`npm run build\` first.`);
  }
  mkdirSync(OUT_DIR, { recursive: true });
  const context = await chromium.launchPersistentContext('', {
    executablePath: chromiumPath(),
    headless: true,
    args: chromiumArgs(EXTENSION_DIR),
    ...options,
  });
  try {
    await context.route('**/*', (route) =>
      route.request().url().startsWith('chrome-extension://')
        ? route.fallback()
        : route.abort('blockedbyclient'),
    );
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await closeWelcome(context, EXTENSION_DIR);
    return { context, extensionId: new URL(worker.url()).host };
  } catch (error) {
    await context.close();
    throw error;
  }
}
