import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { metadataCandidates } from '@/lib/detect/metadata';
import { proseCandidates, textBlocks } from '@/lib/detect/text';

const window = new Window();
function page(html: string): Document {
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

describe('textBlocks', () => {
  it('joins markup-split text and skips what a reader does not see', () => {
    const doc = page(`<body>
      <p>We build on <b>Ma</b>mba:&nbsp;Linear-Time<br>Sequence Modeling.</p>
      <script>var title = "Efficiently Modeling Long Sequences";</script>
      <style>p::after { content: "x" }</style>
      <div hidden><p>hidden draft</p></div>
      <p style="display: none">display none</p>
      <span aria-hidden="true">icon text</span>
      <template><p>template text</p></template>
      <noscript>enable JS</noscript>
      <p>Marked<span data-paperpeek="marker">PaperPeek card text</span> here</p>
      <p><a href="https://t.co/x"><span aria-hidden="true">https://</span>arxiv.org/abs/2312.0075<span aria-hidden="true">2</span></a></p>
      <textarea>typed text</textarea>
    </body>`);
    expect(textBlocks(doc).map((block) => block.text)).toEqual([
      'We build on Mamba: Linear-Time Sequence Modeling.',
      'Marked here',
      'https://arxiv.org/abs/2312.00752',
    ]);
  });

  it('gives each block its own text, nested blocks excluded, in document order', () => {
    const doc = page('<body><div>Before <ul><li>One item</li></ul> after</div></body>');
    const blocks = textBlocks(doc).map((block) => [block.element.localName, block.text]);
    expect(blocks).toEqual([
      ['div', 'Before after'],
      ['li', 'One item'],
    ]);
  });
});

describe('proseCandidates', () => {
  it('finds identifiers in sentences, and leaves titles to the background', () => {
    const doc =
      page(`<body><p>This week we read “Scaling Sparse Fine-Tuning to Large Language Models” and
      Mamba: Linear-Time Sequence Modeling with Selective State Spaces. See arXiv:2111.00396 and
      doi:10.1145/3394486.3403172 too.</p></body>`);
    const found = proseCandidates(textBlocks(doc)).map((c) => [c.kind, c.query, c.anchor]);
    const p = doc.querySelector('p');
    expect(found).toEqual([
      ['arxiv', '2111.00396', p],
      ['doi', '10.1145/3394486.3403172', p],
    ]);
  });

  it('does not turn numbers that only look like ids into candidates', () => {
    const doc = page(
      '<body><p>Version 2312.007 of my notes, page 10.5, "Mamba" and "Hydra".</p></body>',
    );
    expect(proseCandidates(textBlocks(doc))).toEqual([]);
  });
});

describe('metadataCandidates', () => {
  it('reads Dublin Core, JSON-LD identifiers and COinS DOIs, anchored on the page', () => {
    const doc = page(`<html><head>
      <meta name="DC.title" content="Transform Once: Efficient Operator Learning in Frequency Domain">
      <meta name="dc.identifier" content="doi:10.1109/5.771073">
      <script type="application/ld+json">[{"@type":["ScholarlyArticle"],"identifier":{"@type":"PropertyValue","value":"arXiv:2211.14453"}}]</script>
      <script type="application/ld+json">{"@type": "ScholarlyArticle", "name": </script>
      </head><body><h1>Transform Once</h1>
      <p>Ref <span class="Z3988" title="ctx_ver=Z39.88-2004&amp;rft_id=info%3Adoi%2F10.1145%2F3394486.3403172&amp;rft.atitle=Some+Journal+Article+Title"></span></p>
      </body></html>`);
    const h1 = doc.querySelector('h1');
    const p = doc.querySelector('p');
    expect(metadataCandidates(doc).map((c) => [c.kind, c.query, c.anchor])).toEqual([
      ['title', 'Transform Once: Efficient Operator Learning in Frequency Domain', h1],
      ['doi', '10.1109/5.771073', h1],
      ['arxiv', '2211.14453', h1],
      ['doi', '10.1145/3394486.3403172', p],
      ['title', 'Some Journal Article Title', p],
    ]);
  });

  it('ignores JSON-LD that is not a scholarly article', () => {
    const doc = page(`<body><h1>Post</h1><script type="application/ld+json">
      {"@type":"BlogPosting","headline":"Mamba: Linear-Time Sequence Modeling with Selective State Spaces","sameAs":"https://arxiv.org/abs/2312.00752"}
      </script></body>`);
    expect(metadataCandidates(doc)).toEqual([]);
  });
});
