import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { markerPlace } from '@/lib/content/placement';

const window = new Window();
const doc = window.document as unknown as Document;

function page(html: string): Document {
  doc.body.innerHTML = html;
  return doc;
}

describe('where a marker goes', () => {
  it('a heading or row gets it as its last child', () => {
    const d = page('<h1 id="t">Title <b>x</b></h1>');
    expect(markerPlace(d.querySelector('#t')!)).toEqual({
      parent: d.querySelector('#t'),
      before: null,
    });
  });

  it('a link gets it right after, never inside', () => {
    const d = page('<p><a id="l" href="#">Title</a> tail</p>');
    const link = d.querySelector('#l')!;
    expect(markerPlace(link)).toEqual({ parent: link.parentNode, before: link.nextSibling });
  });

  it('a heading inside a link gets it after the outermost link', () => {
    const d = page('<div><a id="outer" href="#"><h2 id="h">Title</h2></a><span>x</span></div>');
    const link = d.querySelector('#outer')!;
    expect(markerPlace(d.querySelector('#h')!)).toEqual({
      parent: link.parentNode,
      before: link.nextSibling,
    });
  });

  it('an inline span gets it right after itself', () => {
    const d = page('<p><span id="s">Title</span>, more</p>');
    const span = d.querySelector('#s')!;
    expect(markerPlace(span)).toEqual({ parent: span.parentNode, before: span.nextSibling });
  });
});
