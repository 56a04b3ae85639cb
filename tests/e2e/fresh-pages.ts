import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { FRESH } from './feed-server';
import type { PageFixture } from './fixture-server';

/**
 * Pages that cite papers only the feeds bring (tests/fixtures/feeds/e2e/pages), kept out of
 * tests/fixtures/pages/expected.json so that eval:detect and the first privacy test, which run
 * on the bundled catalog alone, stay as they are. Served at real-looking URLs of their own
 * (expected.json's arXiv listing is already https://arxiv.org/list/cs.LG/new).
 */

const DIR = path.resolve('tests/fixtures/feeds/e2e/pages');

export const freshPages = {
  /**
   * An arXiv listing that names Mixtral by its id. Its rows sit in `#content`, not arXiv's
   * `#dlpage`, so the page-wide scan marks it, right after its `/abs/` link, not the arXiv
   * detector at its title.
   */
  listing: {
    file: 'arxiv-list-fresh.html',
    url: 'https://arxiv.org/list/cs.CL/new',
    papers: { [FRESH.mixtral]: [`dt a[href="/abs/${FRESH.mixtral}"]`] },
  },
  /** A blog post that cites QLoRA by its title, in prose. */
  blog: {
    file: 'blog-fresh.html',
    url: 'https://finetune-diaries.example.org/2024/06/qlora-on-one-gpu/',
    papers: { [FRESH.qlora]: ['article p'] },
  },
} satisfies Record<string, PageFixture>;

export const freshPageList: PageFixture[] = Object.values(freshPages);

/** Serves the fresh pages at their URLs (everything else stays as the context routes it). */
export async function serveFreshPages(context: BrowserContext): Promise<void> {
  const byUrl = new Map(freshPageList.map((f) => [f.url, readFileSync(path.join(DIR, f.file))]));
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
