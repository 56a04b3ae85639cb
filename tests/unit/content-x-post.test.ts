import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { MarkerLayer } from '@/lib/content/markers';
import { scanRoots } from '@/lib/content/scanner';
import { stubPaper as paper } from './catalog-fixture';

/**
 * One marker per paper per X post: a post that names a paper twice (its title on a line of the
 * text and an arxiv.org link; or the link and the link's preview card) shows one marker for it.
 * The page is tests/fixtures/pages/x-post.html, in the shape X renders a post with a card.
 */

const URL_ = 'https://x.com/mingyang_z/status/1663201472903802880';
const TITLES: Record<string, string> = {
  'LoRAPrune: Pruning Meets Low-Rank Parameter-Efficient Fine-Tuning': '2305.18403',
  'Efficiently Modeling Long Sequences with Structured State Spaces': '2111.00396',
};

async function scanPost(): Promise<Document> {
  const window = new Window({
    url: URL_,
    settings: { handleDisabledFileLoadingAsSuccess: true, disableJavaScriptEvaluation: true },
  });
  const doc = window.document as unknown as Document;
  doc.write(readFileSync('tests/fixtures/pages/x-post.html', 'utf8'));
  const ids = new Set(Object.values(TITLES));
  await scanRoots([doc], new URL(URL_), {
    markers: new MarkerLayer(doc),
    // The catalog as the background answers it: both papers, by id and by exact title.
    lookup: async (queries) =>
      queries.map((q) => {
        const id = ids.has(q) ? q : TITLES[q];
        return id ? { id, matchedBy: ids.has(q) ? ('arxiv' as const) : ('title' as const) } : null;
      }),
    getPapers: async (wanted) => wanted.map(paper),
    findTitles: async (texts) => ({ titles: texts.map(() => []) }),
    // Where a catalog title starts in the page text: the gate then reads those blocks exactly.
    scanText: async (text) => ({
      heads: Object.keys(TITLES).flatMap((title) =>
        [...text.matchAll(new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'))].map(
          (m) => m.index,
        ),
      ),
      ids: [],
    }),
    pause: async () => undefined,
    cancelled: () => false,
  });
  return doc;
}

describe('an X post that names a paper twice', () => {
  it('gets one marker for it: title line plus link, and link plus preview card', async () => {
    const doc = await scanPost();
    const perPost = [...doc.querySelectorAll('article[data-testid="tweet"]')].map((post) =>
      [...post.querySelectorAll('[data-paperpeek="marker"]')].map((m) =>
        m.getAttribute('data-paper-id'),
      ),
    );
    expect(perPost).toEqual([['2305.18403'], ['2111.00396']]);
    // The one kept is the link's (the site detector's first, most trusted finding).
    for (const post of doc.querySelectorAll('article[data-testid="tweet"]')) {
      const marker = post.querySelector('[data-paperpeek="marker"]')!;
      expect(marker.previousElementSibling?.getAttribute('href')).toMatch(/^https:\/\/t\.co\//);
    }
  });
});
