import type { BrowserContext, Locator, Page } from '@playwright/test';

/** The first-run page (welcome.html) as a user meets it: the sources, Start, Not now. */
export class WelcomePage {
  readonly sources: Locator;
  readonly start: Locator;
  readonly notNow: Locator;
  /** What the page says after a choice: the update's progress and outcome, or "nothing fetched". */
  readonly outcome: Locator;
  readonly firstUpdate: Locator;
  readonly optionsLink: Locator;
  readonly errors: Locator;

  constructor(readonly page: Page) {
    this.sources = page.getByRole('list', { name: 'Sources' }).getByRole('listitem');
    this.start = page.locator('[data-action="enable-sources"]');
    this.notNow = page.locator('[data-action="skip-sources"]');
    this.outcome = page.locator('.start-outcome');
    this.firstUpdate = page.locator('.first-update');
    this.optionsLink = page.locator('[data-action="open-sources"]').first();
    this.errors = page.locator('.message-error');
  }

  static async open(context: BrowserContext, extensionId: string): Promise<WelcomePage> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/welcome.html`);
    return new WelcomePage(page);
  }

  /** The tab a fresh install opened by itself (launch with `welcome: 'keep'`). */
  static async opened(context: BrowserContext): Promise<WelcomePage> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const page = context.pages().find((p) => p.url().endsWith('/welcome.html'));
      if (page) return new WelcomePage(page);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('No welcome tab opened');
  }

  /** chrome.storage.local's welcomeDone, as the extension stored it. */
  async welcomeDone(): Promise<unknown> {
    return this.page.evaluate(async () => {
      type Local = { get: (key: string) => Promise<Record<string, unknown>> };
      const { local } = (globalThis as unknown as { chrome: { storage: { local: Local } } }).chrome
        .storage;
      return (await local.get('welcomeDone')).welcomeDone;
    });
  }
}
