import type { BrowserContext, Locator, Page } from '@playwright/test';

export type CatalogFile = { name: string; mimeType: string; buffer: Buffer };

/** The options page as a user meets it: the Catalog card, its facts, its one button. */
export class OptionsPage {
  readonly catalog: Locator;
  readonly loadButton: Locator;
  readonly fileInput: Locator;
  readonly progress: Locator;
  /** The polite live region that announces loads and their success. */
  readonly status: Locator;
  readonly error: Locator;

  private constructor(readonly page: Page) {
    this.catalog = page.getByRole('region', { name: 'Catalog' });
    this.loadButton = this.catalog.getByRole('button', { name: 'Load catalog file…' });
    this.fileInput = this.catalog.locator('input[type=file]');
    this.progress = this.catalog.getByRole('progressbar');
    this.status = this.catalog.locator('[aria-live=polite]');
    this.error = this.catalog.getByRole('alert');
  }

  static async open(context: BrowserContext, extensionId: string): Promise<OptionsPage> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    return new OptionsPage(page);
  }

  /** The value shown for one term of the catalog's definition list ("Papers", "Source"...). */
  fact(term: string): Locator {
    return this.catalog.locator(
      `xpath=.//dt[normalize-space()="${term}"]/following-sibling::dd[1]`,
    );
  }

  /** Choose a file as the dialog behind the button would hand it over. */
  async chooseFile(file: CatalogFile): Promise<void> {
    await this.fileInput.setInputFiles(file);
  }

  /**
   * Keep every progress value the page shows, however briefly: a small file can load between
   * two polls of a test, but not between two renders of the page.
   */
  async recordProgress(): Promise<void> {
    await this.page.evaluate(() => {
      const seen: [number, number][] = [];
      (window as unknown as { progressSeen: [number, number][] }).progressSeen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('[role=progressbar], progress');
        const now = bar?.getAttribute('aria-valuenow');
        const max = bar?.getAttribute('aria-valuemax');
        if (now != null && max != null) seen.push([Number(now), Number(max)]);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
  }

  async progressSeen(): Promise<[number, number][]> {
    return this.page.evaluate(
      () => (window as unknown as { progressSeen: [number, number][] }).progressSeen,
    );
  }

  /**
   * Ask the background for a paper as any extension page would. The page bundles no test
   * hook, so this speaks @webext-core/messaging's wire format ({id, type, data, timestamp},
   * answered with {res}) around the protocol's Result.
   */
  async lookupTitle(query: string): Promise<string | null> {
    return this.page.evaluate(async (q) => {
      type Runtime = { sendMessage(message: unknown): Promise<unknown> };
      const { runtime } = (globalThis as unknown as { chrome: { runtime: Runtime } }).chrome;
      const answer = (await runtime.sendMessage({
        id: 1,
        type: 'lookupPaper',
        data: { query: q },
        timestamp: Date.now(),
      })) as { res?: { ok: boolean; value?: { paper: { title: string } } | null; error?: string } };
      if (!answer.res?.ok) throw new Error(`lookupPaper failed: ${answer.res?.error}`);
      return answer.res.value?.paper.title ?? null;
    }, query);
  }
}

type SourceName = 'hf' | 'arxiv' | 'sub';

/** Options → Sources: each source's row, the arXiv category picker, Update now. */
export class SourcesSettings {
  readonly section: Locator;
  readonly summary: Locator;
  readonly updateNow: Locator;
  readonly categoryBox: Locator;
  readonly categoryOptions: Locator;
  /** The chosen categories, as chips carrying `data-category`. */
  readonly chips: Locator;
  readonly suggestions: Locator;
  readonly subscriptionUrl: Locator;
  /** The section's own note (Update now's failure). */
  readonly note: Locator;

  constructor(readonly page: Page) {
    this.section = page.locator('#sources');
    this.summary = this.section.getByTestId('sources-summary');
    this.updateNow = this.section.locator('[data-action="update-sources"]');
    this.categoryBox = this.section.getByRole('combobox', { name: 'Add a category' });
    this.categoryOptions = this.section
      .getByRole('listbox', { name: 'arXiv categories' })
      .getByRole('option');
    this.chips = this.section.locator('[data-list="categories"] [data-category]');
    this.suggestions = this.section
      .getByRole('group', { name: 'Suggested categories' })
      .getByRole('button');
    this.subscriptionUrl = this.section.getByLabel('Catalog feed address');
    this.note = this.section.locator('.live .message');
  }

  static async open(context: BrowserContext, extensionId: string): Promise<SourcesSettings> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html#sources`);
    return new SourcesSettings(page);
  }

  row(source: SourceName): Locator {
    return this.section.locator(`[data-source="${source}"]`);
  }

  toggle(source: SourceName): Locator {
    return this.row(source).getByRole('switch');
  }

  /** "Updated 2 h ago · Next update at 18:10", then the papers added. */
  facts(source: SourceName): Locator {
    return this.row(source).locator('[data-status]');
  }

  /** The last error in words. */
  error(source: SourceName): Locator {
    return this.row(source).getByTestId('source-error');
  }

  removePapers(source: SourceName): Locator {
    return this.row(source).locator('[data-action="remove-source-papers"]');
  }

  confirmRemove(source: SourceName): Locator {
    return this.row(source).locator('[data-action="confirm-remove"]');
  }

  removeCategory(id: string): Locator {
    return this.section.getByRole('button', {
      name: new RegExp(`^Remove ${id.replace('.', '\\.')},`),
    });
  }

  /** The stored source settings, read as the background reads them. */
  async stored(): Promise<{
    hf: { enabled: boolean };
    arxiv: { enabled: boolean; categories: string[] };
  }> {
    return this.page.evaluate(async () => {
      type Local = { get: (key: string) => Promise<Record<string, unknown>> };
      const { local } = (globalThis as unknown as { chrome: { storage: { local: Local } } }).chrome
        .storage;
      return (await local.get('feedSources')).feedSources as never;
    });
  }
}
