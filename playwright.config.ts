import { defineConfig } from '@playwright/test';

// Without this, requests the extension's service worker makes are neither seen nor routed by
// Playwright: the feed fixtures could not be served and the privacy test could not see them.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

export default defineConfig({
  testDir: 'tests/e2e',
  // Each test launches its own persistent context (a browser profile with the extension loaded).
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  globalSetup: './tests/e2e/global-setup.ts',
});
