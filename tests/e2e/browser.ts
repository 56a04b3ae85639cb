import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';

/**
 * The Chromium to drive: CHROMIUM_PATH, then Debian's /usr/bin/chromium, then Playwright's own
 * download (on a developer machine where `npx playwright install chromium` works).
 */
export function chromiumPath(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const bundled = chromium.executablePath();
  if (existsSync(bundled)) return bundled;
  throw new Error(
    'No Chromium found: install Debian/Ubuntu `chromium`, set CHROMIUM_PATH, or run `npx playwright install chromium`.',
  );
}

/** Flags for an extension-loading Chromium that never talks to the network on its own. */
export function chromiumArgs(extensionDir: string): string[] {
  return [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-default-apps',
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
  ];
}

/**
 * Waits for the welcome tab a fresh install opens (lib/background/install.ts) and closes it.
 * A build without a welcome page opens none, so there is nothing to wait for.
 */
export async function closeWelcome(context: BrowserContext, extensionDir: string): Promise<void> {
  if (!existsSync(path.join(extensionDir, 'welcome.html'))) return;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const welcome = context.pages().find((page) => page.url().endsWith('/welcome.html'));
    if (welcome) return welcome.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('The welcome tab did not open on a fresh install within 15 s');
}
