import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { cleanTitle } from '@/lib/detect/clean';
import { identifiersInText, parseIdentifier } from '@/lib/detect/identifiers';
import { linkCandidate } from '@/lib/detect/links';

const window = new Window();
function element(html: string): Element {
  const doc = new window.DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  return doc.body.firstElementChild as unknown as Element;
}
const base = new URL('https://x.com/home');

describe('cleanTitle', () => {
  it.each([
    ['[PDF] Mamba: Linear-Time Sequence Modeling', 'Mamba: Linear-Time Sequence Modeling', false],
    [
      '[CITATION][C] Efficiently modeling long sequences',
      'Efficiently modeling long sequences',
      false,
    ],
    ['[R] LoRAPrune: Pruning Meets Low-Rank', 'LoRAPrune: Pruning Meets Low-Rank', false],
    ['Title:Mamba: Linear-Time Sequence Modeling', 'Mamba: Linear-Time Sequence Modeling', false],
    ['FRCRN: Boosting feature representation …', 'FRCRN: Boosting feature representation', true],
    ['Sliced\u00a0Recursive\n  Transformer', 'Sliced Recursive Transformer', false],
    [
      '“Scaling Sparse Fine-Tuning to Large Language Models”',
      'Scaling Sparse Fine-Tuning to Large Language Models',
      false,
    ],
  ])('%j -> %j', (raw, title, truncated) => {
    expect(cleanTitle(raw)).toEqual({ title, truncated });
  });

  it.each(['Mamba', 'Efficient Fine-Tuning', '[D] Hydra', '', 'word '.repeat(41), 'x'.repeat(301)])(
    'refuses %j: not title-sized',
    (raw) => {
      expect(cleanTitle(raw)).toBeUndefined();
    },
  );
});

describe('parseIdentifier', () => {
  it.each([
    ['https://arxiv.org/abs/2312.00752v2', 'arxiv', '2312.00752'],
    ['https://doi.org/10.48550/arXiv.2308.12043', 'arxiv', '2308.12043'],
    ['https://doi.org/10.1109/ICASSP43922.2022.9747578', 'doi', '10.1109/icassp43922.2022.9747578'],
    ['https://dl.acm.org/doi/abs/10.1145/3394486.3403172', 'doi', '10.1145/3394486.3403172'],
    ['arxiv.org/abs/2312.00752…', 'arxiv', '2312.00752'],
  ])('%s', (text, kind, query) => {
    expect(parseIdentifier(text)).toEqual({ kind, query });
  });

  it.each(['arxiv.org/abs/2312.0075…', 'https://hydra.cc/docs/intro', 'https://[broken', 'Mamba'])(
    'names no paper: %s',
    (text) => {
      expect(parseIdentifier(text)).toBeUndefined();
    },
  );
});

describe('identifiersInText', () => {
  it('finds arXiv ids, arXiv URLs and DOIs in prose, old and new style', () => {
    const text =
      'See arXiv:2312.00752v2, https://arxiv.org/abs/hep-th/9901001. and (doi:10.1109/5.771073), ' +
      'also 2111.00396 and 10.48550/arXiv.2409.03755.';
    expect(identifiersInText(text).map((id) => id.query)).toEqual([
      '2312.00752',
      'hep-th/9901001',
      '10.1109/5.771073',
      '2111.00396',
      '2409.03755',
    ]);
  });

  it('ignores version numbers, prices and truncated ids', () => {
    expect(identifiersInText('v2312.007 of my notes, 1234.56 USD, 12312.00752, 2312.0075')).toEqual(
      [],
    );
  });
});

describe('linkCandidate', () => {
  it('reads a modern X t.co link from its text, hidden spans included', () => {
    const link = element(
      '<a href="https://t.co/FJYkCGiUCV"><span aria-hidden="true">https://</span>arxiv.org/abs/2312.0075<span aria-hidden="true">2</span><span aria-hidden="true">…</span></a>',
    );
    expect(linkCandidate(link, base)).toMatchObject({
      kind: 'arxiv',
      query: '2312.00752',
      source: 'link',
    });
  });

  it('reads a legacy Twitter link with span.invisible and tco-ellipsis', () => {
    const link = element(
      '<a href="https://t.co/abc"><span class="invisible">https://</span><span class="js-display-url">arxiv.org/abs/2312.0075</span><span class="invisible">2</span><span class="tco-ellipsis">…</span></a>',
    );
    expect(linkCandidate(link, base)?.query).toBe('2312.00752');
  });

  it('prefers the href, resolving relative links against the page', () => {
    const link = element('<a href="/abs/2305.18403">LoRAPrune</a>');
    expect(linkCandidate(link, new URL('https://arxiv.org/list/cs.LG/new'))?.query).toBe(
      '2305.18403',
    );
  });

  it('gives nothing for ordinary links or a broken href', () => {
    expect(linkCandidate(element('<a href="https://hydra.cc/">Hydra</a>'), base)).toBeUndefined();
    expect(
      linkCandidate(element('<a href="http://[::1">2312.00752 is cool</a>'), base),
    ).toBeUndefined();
  });
});
