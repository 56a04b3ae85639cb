import type { BrowserContext, Locator, Page } from '@playwright/test';

/**
 * The popup opened as a page (`chrome-extension://ID/popup.html`), as a user meets it: the
 * search box and its results, the filters, a paper's details, and "This page". Opened as a page
 * it cannot know the active tab, so "This page" tests name the tab with `?tab=ID`.
 */
export class PopupPage {
  readonly search: Locator;
  /** Search results (or the trending list for an empty query), in rank order. */
  readonly results: Locator;
  readonly recent: Locator;
  readonly status: Locator;
  readonly details: Locator;
  readonly detailsTitle: Locator;
  readonly related: Locator;
  readonly pagePapers: Locator;
  /** Trending's rows, every list (Hugging Face's trending and daily papers, arXiv's new ones). */
  readonly trending: Locator;
  readonly filters: Locator;
  /** Uncaught errors in the popup: React unmounts everything on one, leaving a blank popup. */
  readonly errors: string[] = [];

  private constructor(readonly page: Page) {
    page.on('pageerror', (error) => this.errors.push(error.stack ?? String(error)));
    this.search = page.locator('input[type=search]');
    this.results = page.locator('[data-list=search] [data-paper-id]');
    this.recent = page.locator('[data-list=recent] [data-paper-id]');
    this.status = page.locator('.status-bar [role=status]');
    this.details = page.getByRole('region', { name: 'Paper details' });
    this.detailsTitle = this.details.getByRole('heading', { level: 2 });
    this.related = page.locator('[data-list=related] [data-paper-id]');
    this.pagePapers = page.locator('[data-list=page] [data-paper-id]');
    this.trending = page.locator('[data-list=trending] [data-paper-id]');
    this.filters = page.getByRole('group', { name: 'Filters' });
  }

  static async open(
    context: BrowserContext,
    extensionId: string,
    options: { tab?: number } = {},
  ): Promise<PopupPage> {
    const page = await context.newPage();
    // The size Chrome gives the popup, so what the tests see is what a user sees.
    await page.setViewportSize({ width: 400, height: 560 });
    const popup = new PopupPage(page);
    const query = options.tab === undefined ? '' : `?tab=${options.tab}`;
    await page.goto(`chrome-extension://${extensionId}/popup.html${query}`);
    return popup;
  }

  async resultIds(): Promise<string[]> {
    return this.results.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-paper-id')!));
  }

  /** The paper id of the option the search box points at (aria-activedescendant). */
  async activeId(): Promise<string | null> {
    return this.search.evaluate((input) => {
      const id = input.getAttribute('aria-activedescendant');
      return id ? (document.getElementById(id)?.getAttribute('data-paper-id') ?? null) : null;
    });
  }

  result(id: string): Locator {
    return this.page.locator(`[data-list=search] [data-paper-id="${id}"]`);
  }

  tab(name: 'Search' | 'This page' | 'Trending'): Locator {
    return this.page.getByRole('tab', { name });
  }

  get hasCode(): Locator {
    return this.filters.getByRole('button', { name: 'Has code' });
  }

  get yearFrom(): Locator {
    return this.filters.getByLabel('From year');
  }

  get yearTo(): Locator {
    return this.filters.getByLabel('To year');
  }

  get savedFilter(): Locator {
    return this.filters.getByLabel('Reading list');
  }

  /** Opens a paper's details from the result list with a click. */
  async openResult(id: string): Promise<void> {
    await this.result(id).click();
    await this.details.waitFor();
  }
}

/** One Trending list by its name: `hf-trending`, `hf-today`, `arxiv-new`. */
export function trendingList(page: Page, name: string): Locator {
  return page.locator(`[data-trending="${name}"] [data-list=trending] [data-paper-id]`);
}
