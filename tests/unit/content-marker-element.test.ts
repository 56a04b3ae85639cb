// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createMarker } from '@/lib/content/marker-element';

describe('marker element on a page that defined our tag names first', () => {
  it("is a built-in span, so the page's own class never constructs it", () => {
    const constructed: string[] = [];
    for (const name of ['paperpeek-marker', 'paperpeek-card']) {
      customElements.define(
        name,
        class extends HTMLElement {
          constructor() {
            super();
            constructed.push(name);
          }
        },
      );
    }
    const marker = createMarker(document, { id: '2312.00752', title: 'Mamba' });
    document.body.append(marker);
    expect(constructed).toEqual([]);
    expect(marker.localName).toBe('span');
    expect(marker.shadowRoot).toBeNull();
    expect(marker.dataset).toMatchObject({ paperpeek: 'marker', paperId: '2312.00752' });
  });

  it('declares every inline style important, so page rules for spans cannot hide or resize it', () => {
    const marker = createMarker(document, { id: '1', title: 'One' });
    const style = marker.getAttribute('style')!;
    const declarations = style.split(';').filter(Boolean);
    expect(declarations.length).toBeGreaterThan(5);
    for (const declaration of declarations) expect(declaration).toMatch(/ !important$/);
    expect(style).toMatch(/^all: initial !important;/);
  });
});
