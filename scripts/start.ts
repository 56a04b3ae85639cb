/**
 * `npm start`: build the extension and open it in a Chromium window with its own profile
 * (kept in .cache/profile so a reading list survives restarts). Closing the window ends it.
 */
import { execSync } from 'node:child_process';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../tests/e2e/browser';

function findOrInstallChromium(): string | undefined {
  try {
    return chromiumPath();
  } catch {
    console.log('No Chromium found; installing Playwright\u2019s Chromium (one-time download)...');
    execSync('npx playwright install chromium', { stdio: 'inherit' });
    return chromiumPath();
  }
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build')) execSync('npm run build', { stdio: 'inherit' });
  const extensionDir = path.resolve('.output/chrome-mv3');
  const headless =
    process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  const context = await chromium.launchPersistentContext(path.resolve('.cache/profile'), {
    executablePath: findOrInstallChromium(),
    headless,
    // A person wants a window: drop the test flag that hides it, unless there is no display.
    args: chromiumArgs(extensionDir).filter((arg) => headless || arg !== '--headless=new'),
    viewport: null,
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  console.log(
    `PaperPeek ${extensionId} is running${headless ? ' headless (no display found)' : ''}.`,
  );
  console.log('Close the browser window (or press Ctrl+C) to stop.');
  await new Promise<void>((resolve) => {
    context.on('close', () => resolve());
    process.on('SIGINT', () => void context.close().then(resolve));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
