import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { hash32, hash53, normalizeTitle } from '@/lib/catalog/identifiers';
import { SCAN_CHUNK, SCAN_OVERLAP, scanAll } from '@/lib/content/lookup-client';
import { blockOf, MAX_PAGE_TEXT, readPageText, SEP, textPointsAt } from '@/lib/detect/page-text';
import { arxiv } from '@/lib/detect/sites/arxiv';
import { finish } from '@/lib/detect/steps';
import { scanText } from '@/lib/detect/text-scan';

const window = new Window();
function page(html: string): Document {
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

/** The text nodes at `offsets` of the text read from `roots`, as the scanner maps them. */
function pointsAt(roots: Node[], text: string, offsets: number[]) {
  return finish(textPointsAt(roots, [], text, offsets));
}

describe('the page text read natively', () => {
  it('joins text nodes with SEP, leaves script and style out, and maps offsets back', () => {
    const doc = page(
      `<main><p>Read <b>Ma</b>mba now.</p><style>p{}</style><script>var x = 1;</script><p>End</p></main>`,
    );
    const text = finish(readPageText([doc]));
    expect(text).toBe(['Read ', 'Ma', 'mba now.', 'End'].join(SEP));
    const at = text.indexOf('mba');
    const [point, later, end] = pointsAt([doc], text, [at, at + 4, text.indexOf('End')]);
    expect(point!.node.data).toBe('mba now.');
    expect(point!.offset).toBe(0);
    expect(later!.offset).toBe(4);
    expect(end!.node.data).toBe('End');
    expect(blockOf(point!.node, doc)!.localName).toBe('p');
  });

  it('keeps each root apart, and says which root an offset belongs to', () => {
    const doc = page(`<div id="a">First root</div><div id="b"><span>Second root</span></div>`);
    const roots = [doc.getElementById('a')!, doc.getElementById('b')!];
    const text = finish(readPageText(roots));
    const [first, second] = pointsAt(roots, text, [0, text.indexOf('Second')]);
    expect([first!.root, second!.root]).toEqual([0, 1]);
    // Text directly in an inline root belongs to the root itself.
    expect(blockOf(second!.node, roots[1]!)).toBe(roots[1]);
  });

  it('maps nothing once the page changed its text after the read', () => {
    const doc = page(`<main><p>Alpha words</p><p>Beta words</p></main>`);
    const text = finish(readPageText([doc]));
    doc.querySelector('p')!.textContent = 'Changed';
    expect(pointsAt([doc], text, [text.indexOf('Beta')])).toEqual([undefined]);
  });

  it('gives no block for text under a hidden ancestor or inside our markers', () => {
    const doc = page(
      `<main><div style="display: none"><p>Hidden words</p></div><span data-paperpeek><i>ours</i></span></main>`,
    );
    const text = finish(readPageText([doc]));
    const points = pointsAt([doc], text, [text.indexOf('Hidden'), text.indexOf('ours')]);
    expect(points.map((p) => blockOf(p!.node, doc))).toEqual([undefined, undefined]);
  });

  it('stops reading at MAX_PAGE_TEXT, at a node edge', () => {
    // Three paragraphs of 30% each fit; the fourth would not.
    const chunk = 'word '.repeat(Math.floor((MAX_PAGE_TEXT * 0.3) / 5));
    const doc = page(`<main>${Array.from({ length: 4 }, () => `<p>${chunk}</p>`).join('')}</main>`);
    const text = finish(readPageText([doc]));
    expect(text.length).toBeLessThanOrEqual(MAX_PAGE_TEXT);
    expect(text.split(SEP)).toHaveLength(3);
  });
});

describe('the background scan of a page text', () => {
  const none = { headPositions: () => [], wordCount: () => 0, titleAt: () => undefined };

  it('gives offsets of catalog identifiers in the page text, whatever the reading', () => {
    const text = [
      'See arXiv:2312.00752 and ',
      'https://',
      'arxiv.org/abs/2401.0000',
      '1',
      '…',
    ].join(SEP);
    const scan = scanText(none, text, (id) => ['2312.00752', '2401.00001'].includes(id.query));
    // The second only in the reading that joins every node: X's hidden spans.
    expect(scan.ids.map((at) => text.slice(at, at + 9))).toEqual(['arXiv:231', 'arxiv.org']);
    expect(scanText(none, text, () => false).ids).toEqual([]);
  });
});

describe('the page text scanned in chunks', () => {
  const MAMBA = 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces';
  const words = normalizeTitle(MAMBA).split(' ');
  const view = {
    headPositions: (hash: number) =>
      hash === hash32(words.slice(0, 3).join(' ')) ? [0] : ([] as number[]),
    wordCount: () => words.length,
    titleAt: (hash: number) => (hash === hash53(words.join(' ')) ? 0 : undefined),
  };

  it('finds a title across a chunk edge once, at its page offset', async () => {
    for (const at of [SCAN_CHUNK - 20, SCAN_CHUNK, 2 * SCAN_CHUNK + 5]) {
      const filler = 'lorem ipsum '.repeat(Math.ceil(at / 12)).slice(0, at - 1);
      const text = `${filler} ${MAMBA} and arXiv:2312.00752 ${'dolor '.repeat(40_000)}`;
      const sent: number[] = [];
      const scan = await scanAll(
        text,
        async (chunk) => {
          sent.push(chunk.length);
          return scanText(view, chunk, (id) => id.query === '2312.00752');
        },
        async () => undefined,
      );
      expect(scan.heads).toEqual([at]);
      expect(scan.ids).toEqual([text.indexOf('arXiv:2312')]);
      expect(Math.max(...sent)).toBeLessThanOrEqual(SCAN_CHUNK + 2 * SCAN_OVERLAP);
      expect(sent.length).toBe(Math.ceil(text.length / SCAN_CHUNK));
    }
  });
});

describe('containers a site detector reads completely', () => {
  it("leave arXiv's listing rows out of the text, but not a listing with abstracts", () => {
    const html = readFileSync('tests/fixtures/pages/arxiv-list.html', 'utf8');
    const doc = page(html);
    const claimed = arxiv.claims!(doc);
    expect(claimed.map((el) => el.id)).toEqual(['articles']);
    const text = finish(readPageText([doc], claimed));
    expect(text).not.toContain('Linear-Time Sequence Modeling');
    expect(text).not.toContain('arXiv:2312.00752');
    expect(finish(readPageText([doc]))).toContain('Linear-Time Sequence Modeling');
    // What lies around the list is still read.
    expect(text).toContain('New submissions (showing 3 of 3 entries)');
    const withAbstracts = page(
      html.replace(
        "<div class='list-subjects'>",
        "<p class='mathjax'>We build on prior work.</p><div class='list-subjects'>",
      ),
    );
    expect(arxiv.claims!(withAbstracts)).toEqual([]);
  });

  it('jumps over several containers and reads what lies between them', () => {
    const doc = page(
      `<main><p>one</p><ul id="a"><li>skip <b>me</b></li><li>too</li></ul><p>two</p><ul id="b"><li>gone</li></ul><p>three</p></main>`,
    );
    const skip = [doc.getElementById('a')!, doc.getElementById('b')!];
    expect(finish(readPageText([doc], skip))).toBe(['one', 'two', 'three'].join(SEP));
  });
});
