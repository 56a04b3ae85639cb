import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { hash32, hash53, normalizeTitle } from '@/lib/catalog/identifiers';
import { candidateKey, detectPage, pageSteps } from '@/lib/detect/detect-page';
import { chooseBlocks, gateRoots, gateSteps } from '@/lib/detect/gate';
import { readPageText, SEP } from '@/lib/detect/page-text';
import { finish } from '@/lib/detect/steps';
import { scanText } from '@/lib/detect/text-scan';
import type { Candidate } from '@/lib/detect/types';

/**
 * The gate decides where the costly pass runs, so it must never hide a candidate the full pass
 * would find: checked on every fixture page, with a background that knows every title there.
 */

const window = new Window({ settings: { handleDisabledFileLoadingAsSuccess: true } });

function page(html: string): Document {
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

function headOf(title: string): number {
  return hash32(normalizeTitle(title).split(' ').slice(0, 3).join(' '));
}

/**
 * The gate's first pass (identifier links); the page's text and the background's scan of it (the
 * real scan, over an index holding `titles`' heads and knowing the identifiers `ids`); then the
 * passes on the blocks it chose.
 */
function gated(doc: Document, url: URL, titles: string[], ids: string[] = []) {
  const normalized = titles.map(normalizeTitle);
  const view = {
    headPositions: (hash: number) => titles.flatMap((t, i) => (headOf(t) === hash ? [i] : [])),
    wordCount: (i: number) => normalized[i]!.split(' ').length,
    titleAt: (hash: number) => {
      const i = normalized.findIndex((t) => hash53(t) === hash);
      return i < 0 ? undefined : i;
    },
  };
  const first = finish(pageSteps(doc, url, { gate: true }));
  const gate = first.gate!;
  const text = finish(readPageText([doc]));
  const scan = scanText(view, text, (id) => ids.includes(id.query));
  const [blocks] = finish(chooseBlocks([doc], [], text, scan, gate.covered));
  const roots = gateRoots(blocks!, new Map(blocks!.map((b, i) => [b, i])), doc);
  const later = roots.map((root) =>
    finish(pageSteps(root, url, { whole: false, sites: false, self: true })),
  );
  return {
    gate,
    text,
    roots,
    candidates: [...first.candidates, ...later.flatMap((p) => p.candidates)],
  };
}

const URL_ = new URL('https://notes.example.com/post');
const MAMBA = 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces';

describe('the gate pass', () => {
  it('sends no block on a page without a title head or identifier, and reads id links', () => {
    const doc = page(
      `<main><h1>A long walk through the garden</h1><p>Snakes such as the black mamba are fast.</p>
       <ul><li><a href="https://arxiv.org/abs/2312.00752v2">the paper</a></li>
       <li><a href="/about">About this blog</a></li></ul></main>`,
    );
    const { gate, roots, candidates } = gated(doc, URL_, [MAMBA]);
    expect(roots).toEqual([]);
    expect(gate.links.map((c) => c.query)).toEqual(['2312.00752']);
    expect(candidates.map((c) => c.query)).toEqual(['2312.00752']);
  });

  it('chooses the block where a title starts, widened to its list item or link', () => {
    const doc = page(
      `<main><p>Intro text that says nothing.</p>
       <ul><li><div><a href="/x"><b>Mamba</b>: Linear-Time Sequence Modeling with Selective State Spaces</a></div></li></ul>
       <p>As shown in Mamba: Linear-Time Sequence Modeling with Selective State Spaces, it works.</p>
       <div hidden><p>Mamba: Linear-Time Sequence Modeling with Selective State Spaces</p></div></main>`,
    );
    const { roots, candidates } = gated(doc, URL_, [MAMBA]);
    expect(roots.map((r) => r.localName)).toEqual(['li', 'p']);
    expect(roots[1]!.textContent).toContain('As shown in');
    // The list item holds nothing but the title: the full pass, too, anchors it there first.
    const title = candidates.filter((c) => c.kind === 'title');
    expect(title.map((c) => c.anchor.localName)).toEqual(['li']);
    expect(title[0]!.anchor).toBe(detectPage(doc, URL_).find((c) => c.kind === 'title')!.anchor);
  });

  it('reads a card whose link holds the title block and more, from the link', () => {
    const doc = page(
      `<main><a href="/p"><div>${MAMBA}</div><div>Albert Gu, Tri Dao</div></a></main>`,
    );
    const { roots, candidates } = gated(doc, URL_, [MAMBA]);
    expect(roots.map((r) => r.localName)).toEqual(['a']);
    // What the full pass reads there: the link's whole text (the title itself is found in prose).
    expect(candidates.map(candidateKey)).toEqual(detectPage(doc, URL_).map(candidateKey));
  });

  it('separates links set side by side without a space', () => {
    const doc = page(`<nav><a href="/">Home</a><a href="/p">${MAMBA}</a></nav>`);
    const { text, roots } = gated(doc, URL_, [MAMBA]);
    expect(text).toBe(`Home${SEP}${MAMBA}`);
    expect(roots.map((r) => r.localName)).toEqual(['nav']);
  });

  it('chooses blocks whose text names an identifier', () => {
    const doc = page(
      `<main><p>Plain words only.</p><p>See arXiv:2312.00752 for details.</p><p>Or 10.48550/arXiv.2312.00752.</p></main>`,
    );
    const { roots, candidates } = gated(doc, URL_, [], ['2312.00752']);
    expect(roots.map((r) => r.textContent)).toEqual([
      'See arXiv:2312.00752 for details.',
      'Or 10.48550/arXiv.2312.00752.',
    ]);
    expect(new Set(candidates.map((c) => c.query))).toEqual(new Set(['2312.00752']));
    // An identifier the catalog does not hold costs no second look.
    expect(gated(doc, URL_, [], ['2401.00001']).roots).toEqual([]);
  });

  it('finds a title split inside a word by markup, or right after a block edge', () => {
    const doc = page(
      `<main><p>Read <b>Ma</b>mba: Linear-Time Sequence Modeling with Selective State Spaces now.</p><ul><li>Other things</li><li>${MAMBA}</li></ul></main>`,
    );
    const { roots } = gated(doc, URL_, [MAMBA]);
    expect(roots.map((r) => r.localName)).toEqual(['p', 'li']);
    const late = page(
      `<main><p>${'Words before it. '.repeat(10)}Mamba: Linear-Time Sequence Mod<b>el</b>ing with Selective State Spaces.</p></main>`,
    );
    expect(gated(late, URL_, [MAMBA]).roots.map((r) => r.localName)).toEqual(['p']);
  });

  it('reads a shortened link whose URL is split over hidden spans (X)', () => {
    const doc = page(
      `<article><p>New paper: <a href="https://t.co/abc"><span aria-hidden="true">https://</span>arxiv.org/abs/2312.0075<span aria-hidden="true">2</span><span aria-hidden="true">…</span></a></p></article>`,
    );
    const { roots, candidates } = gated(doc, URL_, [], ['2312.00752']);
    expect(roots.map((r) => r.localName)).toEqual(['p']);
    expect(candidates.map((c) => c.query)).toEqual(['2312.00752']);
  });

  it('skips the links of a container a site detector read completely, not the others', () => {
    const doc = page(
      `<main><a href="https://arxiv.org/abs/2401.00001">before</a><dl id="rows"><dt><a href="/abs/2312.00752">arXiv:2312.00752</a> <a href="/pdf/2312.00752">pdf</a></dt></dl><a href="https://doi.org/10.1145/3394486.3403172">after</a></main>`,
    );
    const rows = doc.getElementById('rows')!;
    const at = new URL('https://arxiv.org/list/cs.LG/recent');
    const all = finish(gateSteps(doc, at)).links.map((c) => c.query);
    expect(all).toEqual(['2401.00001', '2312.00752', '2312.00752', '10.1145/3394486.3403172']);
    const rest = finish(gateSteps(doc, at, new Set(), [rows])).links.map((c) => c.query);
    expect(rest).toEqual(['2401.00001', '10.1145/3394486.3403172']);
  });

  it('skips an identifier inside a link already read for it, and script text', () => {
    const doc = page(
      `<main><p><a href="https://arxiv.org/abs/2312.00752">arXiv:2312.00752</a></p>
       <script>var t = "${MAMBA} arXiv:2312.00752";</script></main>`,
    );
    const { text, roots, candidates } = gated(doc, URL_, [MAMBA], ['2312.00752']);
    expect(text).not.toContain('var t');
    expect(roots).toEqual([]);
    expect(candidates.map((c) => c.query)).toEqual(['2312.00752']);
  });
});

describe('the gate on every fixture page', () => {
  const DIR = 'tests/fixtures/pages';
  const fixtures = Object.entries(
    JSON.parse(readFileSync(`${DIR}/expected.json`, 'utf8')).fixtures as Record<
      string,
      { url: string }
    >,
  );

  it.each(fixtures)('%s: the gated passes find what the full pass finds', (file, { url }) => {
    const doc = page(readFileSync(`${DIR}/${file}`, 'utf8'));
    const at = new URL(url);
    const full = detectPage(doc, at);
    // A background that knows every title the full pass would ask about.
    const titles = full.filter((c) => c.kind === 'title').map((c) => c.query);
    const ids = full.filter((c) => c.kind !== 'title').map((c) => c.query);
    const { candidates } = gated(doc, at, titles, ids);
    const mine = new Map<string, Candidate>();
    for (const c of candidates) if (!mine.has(candidateKey(c))) mine.set(candidateKey(c), c);
    const missing = full.filter((c) => mine.get(candidateKey(c))?.anchor !== c.anchor);
    expect(missing.map((c) => `${c.kind}:${c.query}`)).toEqual([]);
    expect(full.length).toBeGreaterThan(0);
  });
});
