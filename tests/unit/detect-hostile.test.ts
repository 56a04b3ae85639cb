import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { detectPage, MAX_CANDIDATES } from '@/lib/detect/detect-page';
import { siteDetectors } from '@/lib/detect/sites';
import { textBlocks } from '@/lib/detect/text';

/** Pages built to hurt: detection must neither throw nor take work beyond linear. */

const window = new Window();
function page(html: string): Document {
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}
const url = new URL('https://blog.example.org/post');

function timed<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
}

// happy-dom parses big pages slowly; the bounds that matter are the ones asserted on detection time.
describe('detection on hostile pages', { timeout: 60_000 }, () => {
  it('handles 5 MB of text in one paragraph', () => {
    const doc = page(
      `<body><h1>Notes</h1><p>${'Mamba: state spaces everywhere. '.repeat(160_000)}</p></body>`,
    );
    const [found, ms] = timed(() => detectPage(doc, url));
    expect(found.length).toBeLessThanOrEqual(MAX_CANDIDATES);
    expect(ms).toBeLessThan(5_000);
  });

  it('handles nesting 20,000 deep without recursion', () => {
    const doc = page('<body></body>');
    let parent: Element = doc.body;
    for (let i = 0; i < 20_000; i++) {
      const child = doc.createElement(i % 2 ? 'b' : 'li');
      parent.appendChild(child);
      parent = child;
    }
    parent.appendChild(
      doc.createTextNode('Mamba: Linear-Time Sequence Modeling with Selective State Spaces'),
    );
    const [found, ms] = timed(() => detectPage(doc, url));
    // Only the innermost elements are title-sized; the walk itself must not blow the stack.
    expect(found.map((c) => c.query)).toContain(
      'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
    );
    expect(ms).toBeLessThan(5_000);
    expect(textBlocks(doc).length).toBeGreaterThan(0);
  });

  it('survives malformed JSON-LD, broken URLs and junk attributes in every detector', () => {
    const doc = page(`<head>
      <script type="application/ld+json">{"@type": "ScholarlyArticle", "name": [[[[</script>
      <script type="application/ld+json">{"@type":"ScholarlyArticle","identifier":{"value":{"value":null}},"sameAs":[1,{},"http://["]}</script>
      <meta name="citation_pdf_url" content="http://[::1"><meta name="citation_doi">
      </head><body>
      <a href="http://[">arxiv.org/abs/%E0%A4%A</a><a href="%">10.1000/%zz</a>
      <span class="Z3988" title="%%%&rft_id=info:arxiv/%E0"></span>
      <shreddit-post post-title="" content-href="http://["></shreddit-post>
      <div class="thing" data-url="::::"><a class="title"></a></div>
      <li class="arxiv-result"><p class="list-title"><a href="http://[/abs/1">x</a></p></li>
      <div class="gs_r" data-cid="1"><h3 class="gs_rt"><a href="//[">[PDF]</a></h3></div>
      <article data-testid="tweet"><div data-testid="tweetText"><a href="https://t.co/x">…</a></div></article>
      </body>`);
    for (const site of siteDetectors) {
      expect(() => site.detect(doc, new URL('https://arxiv.org/abs/2312.00752'))).not.toThrow();
    }
    expect(detectPage(doc, new URL('https://www.reddit.com/r/x/'))).toEqual([]);
  });

  it('stops at the candidate limit on a page with tens of thousands of paper links', () => {
    const rows = Array.from({ length: MAX_CANDIDATES + 500 }, (_, i) => {
      const id = `2401.${String(10000 + i).padStart(5, '0')}`;
      return `<li><a href="https://arxiv.org/abs/${id}">arXiv:${id}</a></li>`;
    });
    const found = detectPage(page(`<body><ul>${rows.join('')}</ul></body>`), url);
    expect(found).toHaveLength(MAX_CANDIDATES);
    expect(found[0]).toMatchObject({ kind: 'arxiv', query: '2401.10000' });
  });

  // happy-dom is far slower than a browser (see the report for Chromium numbers); 20k elements
  // keep this test quick while still catching a quadratic pass.
  it('scans a 20,000-element page in one linear pass', () => {
    const rows = Array.from(
      { length: 2_000 },
      (_, i) =>
        `<div class="row"><h3><a href="/p/${i}">Paper number ${i} about <b>state</b> spaces</a></h3><p>Some <em>text</em> with a <span>span</span>, <code>x</code>, <i>y</i> and more text.</p></div>`,
    );
    const doc = page(`<body>${rows.join('')}</body>`);
    const nodes = doc.querySelectorAll('*').length;
    const [found, ms] = timed(() => detectPage(doc, url, Infinity));
    console.log(
      `detectPage: ${nodes} elements, ${found.length} candidates, ${ms.toFixed(0)} ms (happy-dom)`,
    );
    expect(nodes).toBeGreaterThan(18_000);
    expect(found.length).toBe(2_000);
    expect(ms).toBeLessThan(10_000);
  });
});
