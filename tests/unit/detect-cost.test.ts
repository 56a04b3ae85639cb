import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { isSkipped, textOf } from '@/lib/detect/dom';
import { parseIdentifier, resolveUrl } from '@/lib/detect/identifiers';
import { arxiv } from '@/lib/detect/sites/arxiv';
import { finish } from '@/lib/detect/steps';
import { proseCandidates } from '@/lib/detect/text';

function doc(html: string, url = 'https://arxiv.org/list/cs.LG/recent'): Document {
  const window = new Window({ url });
  window.document.write(html);
  return window.document as unknown as Document;
}

describe('the arXiv detector on a long listing', () => {
  const rows = 600;
  const listing = doc(
    `<div id="dlpage"><dl>${Array.from({ length: rows }, (_, i) => {
      const id = `2401.${10000 + i}`;
      return `<dt><a href="/abs/${id}">arXiv:${id}</a></dt><dd><div class="list-title">Title: Paper number ${i} on sparse models</div></dd>`;
    }).join('')}</dl></div>`,
  );
  const url = new URL('https://arxiv.org/list/cs.LG/recent');

  it('pauses every few dozen rows, so a 5,000-row listing is never one long task', () => {
    const steps = arxiv.steps!(listing, url);
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    expect(pauses).toBeGreaterThanOrEqual(rows / 50 - 1);
    expect(step.value).toEqual(arxiv.detect(listing, url));
  });

  it('still finds every row: its id and its title', () => {
    const found = finish(arxiv.steps!(listing, url));
    expect(found.filter((c) => c.kind === 'arxiv')).toHaveLength(rows);
    expect(found.filter((c) => c.kind === 'title')).toHaveLength(rows);
    expect(found[0]).toMatchObject({ query: '2401.10000', kind: 'arxiv' });
    expect(found[1]).toMatchObject({ query: 'Paper number 0 on sparse models', kind: 'title' });
  });
});

describe('link resolution without a URL parse per link', () => {
  const base = new URL('https://arxiv.org/list/cs.LG/recent');
  const hrefs = [
    '/abs/2312.00752',
    '/pdf/2312.00752v2',
    'https://arxiv.org/abs/2312.00752',
    'HTTPS://ARXIV.ORG/abs/2312.00752',
    '//export.arxiv.org/abs/2312.00752',
    '/a/../abs/2312.00752',
    '/a/%2e%2e/abs/2312.00752',
    '/\\evil.example/abs/2312.00752',
    'abs/2312.00752',
    '/doi/10.1145/3394486.3403172',
    'https://doi.org/10.48550/arXiv.2312.00752',
  ];

  it('names the same paper as the browser URL parser would, for every kind of href', () => {
    for (const href of hrefs) {
      const slow = parseIdentifier(new URL(href, base).href);
      expect(parseIdentifier(resolveUrl(href, base)!), href).toEqual(slow);
    }
  });

  it('falls back to the URL parser off http(s) pages, and a broken href names no paper', () => {
    expect(resolveUrl('/abs/2312.00752', new URL('file:///tmp/page.html'))).toBe(
      'file:///abs/2312.00752',
    );
    expect(resolveUrl('http://a b/abs/2312.00752', base)).toBeUndefined();
    // An absolute href is passed on as it is; parseIdentifier's own parse rejects a broken one.
    expect(parseIdentifier(resolveUrl('https://[bad/abs/2312.00752', base)!)).toBeUndefined();
  });
});

describe('cheap checks that change no verdict', () => {
  const page = doc(
    '<p id="plain">x</p><p id="hidden" hidden>x</p><p id="styled" style="display: none">x</p>' +
      '<a id="one">  Attention\n is   all you need </a><a id="long">' +
      'word '.repeat(200) +
      '</a><a id="split"><b>Ma</b>mba</a>',
  );
  const el = (id: string) => page.getElementById(id)!;

  it('an element without attributes is visible; hidden ones still are skipped', () => {
    expect(isSkipped(el('plain'))).toBe(false);
    expect(isSkipped(el('hidden'))).toBe(true);
    expect(isSkipped(el('styled'))).toBe(true);
  });

  it('reads a one-text-node element like any other', () => {
    expect(textOf(el('one'))).toBe('Attention is all you need');
    expect(textOf(el('long'))).toBeUndefined();
    expect(textOf(el('split'))).toBe('Mamba');
  });

  it('finds identifiers in prose after the pre-filter, and nothing in plain prose', () => {
    const p = el('plain');
    const texts = [
      'see arXiv:2312.00752 for details',
      'at alphaxiv.org/abs/2312.00752 today',
      'published as 10.1145/3394486.3403172 in KDD',
      'the bare id 2312.00752 in a sentence',
      'A long paragraph of ordinary prose with no identifier in it at all.',
    ];
    const found = proseCandidates(texts.map((text) => ({ element: p, text })));
    expect(found.map((c) => c.query)).toEqual([
      '2312.00752',
      '2312.00752',
      '10.1145/3394486.3403172',
      '2312.00752',
    ]);
  });
});

describe('the plain arXiv URL shortcut', () => {
  it('gives what the full parse gives, and leaves every other form to it', async () => {
    const { parseArxivId } = await import('@/lib/catalog/identifiers');
    const urls = [
      'https://arxiv.org/abs/2312.00752',
      'https://arxiv.org/abs/2312.00752v3',
      'http://export.arxiv.org/pdf/2312.00752v1.pdf',
      'https://www.arxiv.org/format/0704.0001',
      'https://arxiv.org/html/2312.00752v1/#S2',
      'https://arxiv.org/abs/2312.00752?context=cs',
      'https://arxiv.org/abs/2313.00752',
      'https://arxiv.org/abs/2312.007521',
      'https://arxiv.org/list/2312.00752',
      'https://arxiv.org/abs/hep-th/9901001v2',
    ];
    for (const url of urls) {
      const full = parseArxivId(url);
      expect(parseIdentifier(url), url).toEqual(full && { query: full, kind: 'arxiv' });
    }
  });
});

describe('whitespace collapsing', () => {
  it('turns every whitespace run into one space, exactly like the one-regex version', async () => {
    const { collapse } = await import('@/lib/detect/dom');
    const reference = (text: string) =>
      text.replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g, ' ').trim();
    const pieces = ['Mamba', 'é', ' ', '  ', '\n', '\t', '\u00a0', '\u200b', '\u2009', '\u3000'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 5000; i++) {
      const text = Array.from({ length: Math.floor(next() * 10) }, () => {
        return pieces[Math.floor(next() * pieces.length)]!;
      }).join('');
      expect(collapse(text), JSON.stringify(text)).toBe(reference(text));
    }
    expect(collapse(' Linear-Time\u00a0 Sequence\n\tModeling ')).toBe(
      'Linear-Time Sequence Modeling',
    );
  });
});
