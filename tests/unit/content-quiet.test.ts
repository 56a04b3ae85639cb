// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { renderOutside } from '@/lib/content/card-outside';
import { MarkerLayer } from '@/lib/content/markers';
import { scanRoots } from '@/lib/content/scanner';
import { stubPaper as paper } from './catalog-fixture';

/**
 * Quiet markers: on a site with a detector, an arXiv id or DOI the catalog lacks gets a marker of
 * its own, with what the page shows of the paper; catalog papers keep theirs, and the badge's
 * count stays the catalog's. The pages are saved fixtures; the catalog is a stub that has the
 * two catalog papers of arxiv-list.html.
 */

const CATALOG = new Set(['2312.00752', '2305.18403']);

async function scan(html: string, url: string, quiet: boolean) {
  const window = new Window({
    url,
    settings: { handleDisabledFileLoadingAsSuccess: true, disableJavaScriptEvaluation: true },
  });
  const doc = window.document as unknown as Document;
  doc.write(html);
  const markers = new MarkerLayer(doc);
  await scanRoots([doc], new URL(url), {
    markers,
    lookup: async (queries) =>
      queries.map((q) => (CATALOG.has(q) ? { id: q, matchedBy: 'arxiv' as const } : null)),
    getPapers: async (ids) => ids.map(paper),
    findTitles: async (texts) => ({ titles: texts.map(() => []) }),
    scanText: async () => ({ heads: [], ids: [] }),
    pause: async () => undefined,
    cancelled: () => false,
    quiet,
  });
  const all = [...doc.querySelectorAll<HTMLElement>('[data-paperpeek="marker"]')];
  return { doc, markers, all };
}

const LIST = readFileSync('tests/fixtures/pages/arxiv-list.html', 'utf8');
const LIST_URL = 'https://arxiv.org/list/cs.LG/new';

describe('quiet markers', () => {
  it('mark the listing row the catalog lacks, with its title and authors as arXiv shows them', async () => {
    const { markers, all } = await scan(LIST, LIST_URL, true);
    expect(all.map((m) => [m.dataset.paperId, m.dataset.inCatalog])).toEqual([
      ['2312.00752', 'true'],
      ['2305.18403', 'true'],
      ['2312.01234', 'false'],
    ]);
    const quiet = all[2]!;
    expect(quiet.getAttribute('tabindex')).toBe('0');
    expect(quiet.getAttribute('aria-label')).toBe(
      'PaperPeek: A Survey of Selective Token Routing in Sparse Mixtures (not in your catalog)',
    );
    expect(quiet.closest('.list-title')).not.toBeNull();
    expect(markers.outsideOf(quiet)).toEqual({
      id: '2312.01234',
      arxivId: '2312.01234',
      title: 'A Survey of Selective Token Routing in Sparse Mixtures',
      authors: ['Jane Doe'],
      url: 'https://arxiv.org/abs/2312.01234',
    });
    expect(markers.paperOf(quiet)).toBeUndefined();
    // The badge counts catalog papers only.
    expect(markers.paperCount()).toBe(2);
  });

  it('stay away when the setting is off', async () => {
    const { all } = await scan(LIST, LIST_URL, false);
    expect(all.map((m) => m.dataset.paperId)).toEqual(['2312.00752', '2305.18403']);
  });

  it('mark DOIs in links too, under a stable doi: id; never an id in prose, nor on a site without a detector', async () => {
    const html = `<html><body><main><h1>Related work</h1>
      <p><a id="doi" href="https://doi.org/10.1145/3394486.3403172">Graph Learning at Scale for Everyone</a></p>
      <p><a id="abs" href="https://arxiv.org/abs/1706.03762">arxiv.org/abs/1706.03762</a></p>
      <p>As shown in arXiv:1409.0473, alignment helps.</p></main></body></html>`;
    const onHf = await scan(html, 'https://huggingface.co/papers/2312.00752', true);
    const quiet = onHf.all.filter((m) => m.dataset.inCatalog === 'false');
    expect(quiet.map((m) => m.dataset.paperId)).toEqual([
      'doi:10.1145/3394486.3403172',
      '1706.03762',
    ]);
    expect(onHf.markers.outsideOf(quiet[0]!)).toMatchObject({
      title: 'Graph Learning at Scale for Everyone',
      url: 'https://doi.org/10.1145/3394486.3403172',
    });
    // A link whose text is its URL shows the id, not the URL, as the title.
    expect(onHf.markers.outsideOf(quiet[1]!)?.title).toBe('arXiv:1706.03762');
    const onBlog = await scan(html, 'https://blog.example.org/post', true);
    expect(onBlog.all).toEqual([]);
  });
});

describe("a quiet marker's card", () => {
  it('says "Not in your catalog" and offers Save and Open; only a trusted click saves', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    const toggled: unknown[] = [];
    renderOutside(
      root,
      {
        id: '2312.01234',
        arxivId: '2312.01234',
        title: 'A Survey of Selective Token Routing in Sparse Mixtures',
        authors: ['Jane Doe'],
        url: 'https://arxiv.org/abs/2312.01234',
      },
      {
        isSaved: async () => false,
        toggle: async (id, page) => {
          toggled.push([id, page]);
          return true;
        },
      },
    );
    expect(root.querySelector('h2 a')?.getAttribute('href')).toBe(
      'https://arxiv.org/abs/2312.01234',
    );
    expect(root.querySelector('.authors')?.textContent).toBe('Jane Doe');
    expect(root.querySelector('[data-in-catalog="false"]')?.textContent).toBe(
      'Not in your catalog',
    );
    expect(root.querySelector('a.open')?.textContent).toBe('Open on arXiv');
    const save = root.querySelector<HTMLButtonElement>('button.save')!;
    await Promise.resolve();
    expect(save.textContent).toBe('Save');
    // A page's script can click() our button: untrusted, it does nothing.
    save.click();
    save.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(toggled).toEqual([]);
  });
});
