import type { BrowserContext, Locator, Page } from '@playwright/test';

/** The options page's "Page markers" section, as a keyboard or mouse user meets it. */
export class MarkerSettingsPage {
  readonly section: Locator;
  readonly toggle: Locator;
  readonly quietToggle: Locator;
  readonly delay: Locator;
  readonly delayValue: Locator;
  readonly siteInput: Locator;
  readonly addButton: Locator;
  readonly sites: Locator;
  readonly error: Locator;

  private constructor(readonly page: Page) {
    this.section = page.getByRole('region', { name: 'Page markers' });
    this.toggle = this.section.getByRole('switch', { name: 'Show markers on pages' });
    this.quietToggle = this.section.getByRole('switch', {
      name: 'Mark papers outside your catalog',
    });
    this.delay = this.section.getByRole('slider', { name: 'Card opens after hovering for' });
    this.delayValue = this.section.locator('output');
    this.siteInput = this.section.getByRole('textbox', { name: 'Turn markers off on a site' });
    this.addButton = this.section.getByRole('button', { name: 'Add site' });
    this.sites = this.section
      .getByRole('list', { name: 'Sites without markers' })
      .getByRole('listitem');
    this.error = this.section.getByRole('alert');
  }

  static async open(context: BrowserContext, extensionId: string): Promise<MarkerSettingsPage> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    const settings = new MarkerSettingsPage(page);
    // Controls stay disabled until the stored settings have been read.
    await settings.toggle.and(settings.page.locator(':enabled')).waitFor();
    return settings;
  }

  removeButton(site: string): Locator {
    return this.section.getByRole('button', { name: `Turn markers back on for ${site}` });
  }

  /** Presses Tab until `target` has the focus: proof that the keyboard alone can reach it. */
  async tabTo(target: Locator, maxPresses = 40): Promise<void> {
    for (let i = 0; i < maxPresses; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await this.page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${target.toString()}`);
  }

  /** The stored settings, read as the content script reads them. */
  async stored(): Promise<Record<string, unknown>> {
    return this.page.evaluate(async () => {
      type Local = { get: (keys: string[]) => Promise<Record<string, unknown>> };
      const local = (globalThis as unknown as { chrome: { storage: { local: Local } } }).chrome
        .storage.local;
      return local.get(['disabledSites', 'hoverDelayMs', 'markersEnabled', 'quietMarkers']);
    });
  }

  /** Back to a fresh install's settings. */
  async reset(): Promise<void> {
    await this.page.evaluate(async () => {
      type Local = { remove: (keys: string[]) => Promise<void> };
      const local = (globalThis as unknown as { chrome: { storage: { local: Local } } }).chrome
        .storage.local;
      await local.remove(['disabledSites', 'hoverDelayMs', 'markersEnabled', 'quietMarkers']);
    });
  }
}
