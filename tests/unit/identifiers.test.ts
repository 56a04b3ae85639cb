import { describe, expect, it } from 'vitest';
import {
  normalizeTitle,
  parseArxivId,
  parseDoi,
  titleId,
  titleKey,
} from '@/lib/catalog/identifiers';

describe('parseArxivId', () => {
  it.each([
    ['2312.00752', '2312.00752'],
    ['2312.00752v3', '2312.00752'],
    ['arXiv:2312.00752', '2312.00752'],
    ['https://arxiv.org/abs/2312.00752v2', '2312.00752'],
    ['https://arxiv.org/pdf/2312.00752v1', '2312.00752'],
    ['https://arxiv.org/pdf/2312.00752.pdf', '2312.00752'],
    ['https://arxiv.org/html/2312.00752v2/', '2312.00752'],
    ['http://export.arxiv.org/abs/2312.00752', '2312.00752'],
    ['hep-th/9901001', 'hep-th/9901001'],
    ['https://arxiv.org/abs/hep-th/9901001v2', 'hep-th/9901001'],
    ['https://arxiv.org/abs/math.GT/0309136', 'math.GT/0309136'],
    ['https://www.alphaxiv.org/abs/2312.00752', '2312.00752'],
    ['https://www.alphaxiv.org/overview/2312.00752v1', '2312.00752'],
    ['https://huggingface.co/papers/2312.00752', '2312.00752'],
    ['https://ar5iv.labs.arxiv.org/html/2312.00752', '2312.00752'],
    ['https://ar5iv.org/abs/2312.00752', '2312.00752'],
    ['10.48550/arXiv.2312.00752', '2312.00752'],
    ['https://doi.org/10.48550/arXiv.2312.00752v2', '2312.00752'],
  ])('%s -> %s', (input, expected) => {
    expect(parseArxivId(input)).toBe(expected);
  });

  it.each([
    'https://example.com/abs/2312.00752',
    'https://huggingface.co/papers/trending',
    '2312.0075',
    'Mamba',
    '',
  ])('rejects %s', (input) => {
    expect(parseArxivId(input)).toBeUndefined();
  });
});

describe('parseDoi', () => {
  it('reads bare, prefixed and URL forms, lower-cased, without trailing punctuation', () => {
    expect(parseDoi('10.1145/3580305.3599256')).toBe('10.1145/3580305.3599256');
    expect(parseDoi('doi:10.1145/3580305.3599256')).toBe('10.1145/3580305.3599256');
    expect(parseDoi('https://doi.org/10.48550/arXiv.2312.00752.')).toBe(
      '10.48550/arxiv.2312.00752',
    );
    expect(parseDoi('not a doi')).toBeUndefined();
  });
});

describe('normalizeTitle', () => {
  it('folds case, punctuation, quotes, dashes, & and LaTeX braces', () => {
    const a = normalizeTitle(
      'X^2-DFD: A framework for e{X}plainable & e{X}tendable Deepfake Detection',
    );
    const b = normalizeTitle(
      'x^2–DFD — a Framework for eXplainable and eXtendable “Deepfake” detection',
    );
    expect(a).toBe('x 2 dfd a framework for explainable and extendable deepfake detection');
    expect(b).toBe(a);
  });

  it('treats apostrophe variants alike and keeps distinct titles distinct', () => {
    expect(normalizeTitle("Don't Stop")).toBe(normalizeTitle('Don’t stop'));
    expect(titleKey('Mamba: Linear-Time Sequence Modeling')).not.toBe(titleKey('Mamba'));
    expect(titleId('Some Title')).toMatch(/^t-[0-9a-z]+$/);
  });
});
