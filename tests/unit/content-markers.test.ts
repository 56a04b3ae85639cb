import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { MarkerLayer } from '@/lib/content/markers';
import { subtreeCandidates } from '@/lib/content/scanner';
import { subtreeRoots } from '@/lib/content/subtree-roots';
import { stubPaper as paper } from './catalog-fixture';

function page(html: string, url = 'https://blog.example.org/post'): Document {
  const window = new Window({ url, settings: { handleDisabledFileLoadingAsSuccess: true } });
  window.document.write(html);
  return window.document as unknown as Document;
}

describe('marker layer', () => {
  it('puts one marker per anchor, and one per anchor for a paper seen twice', () => {
    const doc = page('<ul><li id="a">One</li><li id="b">Two</li></ul>');
    const layer = new MarkerLayer(doc);
    const [a, b] = [doc.querySelector('#a')!, doc.querySelector('#b')!];
    expect(layer.add(a, paper('1'))).toBe(true);
    expect(layer.add(a, paper('2'))).toBe(false);
    expect(layer.add(b, paper('1'))).toBe(true);
    expect(
      [...doc.querySelectorAll('[data-paperpeek="marker"]')].map((m) => m.parentElement?.id),
    ).toEqual(['a', 'b']);
    expect(layer.paperCount()).toBe(1);
    const marker = doc.querySelector('#a [data-paperpeek="marker"]')!;
    expect(layer.paperOf(marker)?.id).toBe('1');
    expect(marker.getAttribute('aria-label')).toBe('PaperPeek: Paper 1');
    expect(marker.textContent).toBe('');
  });

  it('drops the marker of an anchor the page removed', () => {
    const doc = page('<p><a id="l" href="#">x</a> and more</p>');
    const layer = new MarkerLayer(doc);
    layer.add(doc.querySelector('#l')!, paper('1'));
    doc.querySelector('#l')!.remove();
    expect(doc.querySelectorAll('[data-paperpeek="marker"]')).toHaveLength(1);
    expect(layer.prune()).toBe(1);
    expect(doc.querySelectorAll('[data-paperpeek="marker"]')).toHaveLength(0);
    expect(layer.paperCount()).toBe(0);
  });

  it('knows its own markers from a look-alike the page made', () => {
    const doc = page('<p id="p">x</p>');
    const layer = new MarkerLayer(doc);
    const fake = doc.createElement('span');
    fake.setAttribute('data-paperpeek', 'marker');
    fake.setAttribute('data-paper-id', '1');
    expect(layer.isMarker(fake)).toBe(false);
    expect(layer.paperOf(fake)).toBeUndefined();
  });
});

describe('rescanning added content', () => {
  it('keeps only the outermost added nodes still on the page, in document order', () => {
    const doc = page('<div id="a"><p id="b"></p></div><div id="c"></div><div id="d"></div>');
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((id) => doc.getElementById(id)!);
    d!.remove();
    expect(subtreeRoots([c!, b!, a!, d!]).map((el) => el.id)).toEqual(['a', 'c']);
  });

  it('an added arXiv search row yields its paper at its title, and not the page URL', () => {
    const url = 'https://arxiv.org/search/?query=state+space+time+series&searchtype=all';
    const doc = page(readFileSync('tests/fixtures/pages/arxiv-search.html', 'utf8'), url);
    const first = doc.querySelector('li.arxiv-result')!;
    const row = first.cloneNode(true) as Element;
    first.parentElement!.append(row);
    const found = subtreeCandidates(row, new URL(url));
    expect(found.map((c) => [c.kind, c.query])).toContainEqual(['arxiv', '2406.04320']);
    expect(found.every((c) => row.contains(c.anchor))).toBe(true);
    expect(found.find((c) => c.kind === 'arxiv')!.anchor).toBe(row.querySelector('p.title'));
    expect(found.some((c) => c.source === 'url' || c.source === 'meta')).toBe(false);
  });
});
