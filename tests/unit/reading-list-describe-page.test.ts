import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { describePage } from '@/lib/content/describe-page';
import { pageDescriptionSchema } from '@/lib/reading-list/page-description';
import { snapshotFromMetadata } from '@/lib/reading-list/snapshot';

function page(html: string, url: string) {
  const window = new Window({ url });
  window.document.write(html);
  return { doc: window.document as unknown as Document, url: new URL(url) };
}

function fixturePage(file: string, url: string) {
  return page(readFileSync(`tests/fixtures/pages/${file}`, 'utf8'), url);
}

describe('describePage: the paper a page is about, as the page itself says', () => {
  it('an arXiv abstract page: its URL id first, then its metadata, authors as arXiv shows them', () => {
    const { doc, url } = fixturePage('arxiv-abs.html', 'https://arxiv.org/abs/2312.00752');
    const described = describePage(doc, url);
    expect(described.ids[0]).toEqual({ query: '2312.00752', kind: 'arxiv' });
    expect(described.metadata).toMatchObject({
      title: 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
      // The page's author links, not its citation_author tags ("Gu, Albert").
      authors: ['Albert Gu', 'Tri Dao'],
      arxivId: '2312.00752',
    });
    expect(pageDescriptionSchema.parse(described)).toEqual(described);
  });

  it("arXiv's HTML view, which declares no citation metadata: the shown title and the URL's id", () => {
    const { doc, url } = fixturePage('arxiv-html.html', 'https://arxiv.org/html/2409.07614v1');
    const described = describePage(doc, url);
    expect(described.metadata).toEqual({
      title: 'FlowSep: Language-Queried Sound Separation with Rectified Flow Matching',
      authors: [],
      arxivId: '2409.07614',
      url: 'https://arxiv.org/abs/2409.07614',
    });
    expect(snapshotFromMetadata(described.metadata!)).toMatchObject({ arxivId: '2409.07614' });
  });

  it('an arXiv page whose title cannot be read still names its paper, by its id', () => {
    const { doc, url } = page(
      '<html><body><p>Loading…</p></body></html>',
      'https://arxiv.org/abs/2501.00001',
    );
    expect(describePage(doc, url).metadata).toEqual({
      title: 'arXiv:2501.00001',
      authors: [],
      arxivId: '2501.00001',
      url: 'https://arxiv.org/abs/2501.00001',
    });
  });

  it('an OpenReview forum: the citation title, and a snapshot from it', () => {
    const { doc, url } = fixturePage(
      'openreview.html',
      'https://openreview.net/forum?id=uYLFoz1vlAC',
    );
    const described = describePage(doc, url);
    expect(described.ids).toContainEqual({
      query: 'Efficiently Modeling Long Sequences with Structured State Spaces',
      kind: 'title',
    });
    const snapshot = snapshotFromMetadata(described.metadata!);
    expect(snapshot).toMatchObject({
      title: 'Efficiently Modeling Long Sequences with Structured State Spaces',
      authors: ['Albert Gu', 'Karan Goel', 'Christopher Re'],
      url: 'https://openreview.net/forum?id=uYLFoz1vlAC',
    });
  });

  it('ignores the papers a page merely links to', () => {
    const { doc, url } = page(
      '<html><body><h1>My notes</h1><a href="https://arxiv.org/abs/2312.00752">Mamba</a></body></html>',
      'https://blog.example.org/notes',
    );
    expect(describePage(doc, url)).toEqual({ ids: [], metadata: null });
  });

  it('bounds what a hostile page declares, so the background accepts it', () => {
    const authors = Array.from(
      { length: 600 },
      () => `<meta name="citation_author" content="${'A'.repeat(1500)}">`,
    );
    const { doc, url } = page(
      `<html><head><meta name="citation_title" content="${'T'.repeat(9000)}">${authors.join('')}</head><body></body></html>`,
      'https://evil.example.org/',
    );
    const described = describePage(doc, url);
    expect(() => pageDescriptionSchema.parse(described)).not.toThrow();
    expect(described.metadata!.authors).toHaveLength(500);
  });
});
