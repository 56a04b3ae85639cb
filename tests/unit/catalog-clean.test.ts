import { describe, expect, it } from 'vitest';
import {
  classifyUrl,
  cleanAbstract,
  cleanTitle,
  cleanUrl,
  findUrls,
  mergeCodeLinks,
  toCodeLinks,
} from '../../lib/catalog/clean';
import { normalizeTitle } from '../../lib/catalog/identifiers';

describe('cleanTitle', () => {
  it('drops LaTeX braces and math delimiters but keeps the caret', () => {
    expect(
      cleanTitle('X^2-DFD: A framework for e{X}plainable and e{X}tendable Deepfake Detection'),
    ).toBe('X^2-DFD: A framework for eXplainable and eXtendable Deepfake Detection');
    expect(cleanTitle('$X^2$-DFD: \\textbf{Bold}   \\& Co')).toBe('X^2-DFD: Bold & Co');
  });

  it('keeps the title key of the arXiv rendering', () => {
    expect(normalizeTitle(cleanTitle('$X^2$-DFD'))).toBe(normalizeTitle('X^2-DFD'));
  });
});

describe('cleanAbstract', () => {
  it('collapses whitespace and repairs the LaTeX remnants found in the dump', () => {
    expect(cleanAbstract('  at a 50\\% rate,\n  about 2.86times faster on 2048times2048 ')).toBe(
      'at a 50% rate, about 2.86× faster on 2048×2048',
    );
    expect(cleanAbstract('fingerprint~(RFF) and (~2%) and 10~30%')).toBe(
      'fingerprint (RFF) and (~2%) and 10~30%',
    );
    expect(cleanAbstract('an FID score of {3.56} with T_{2}')).toBe(
      'an FID score of 3.56 with T_2',
    );
  });

  it('undoes the doubled \\href link', () => {
    expect(
      cleanAbstract(
        'found at text{https://github.com/xtudbxk/FreCaS}{https://github.com/xtudbxk/FreCaS}.',
      ),
    ).toBe('found at https://github.com/xtudbxk/FreCaS.');
    expect(
      cleanAbstract('in https://github.com/hutaiHang/Faster-Diffusion{FasterDiffusion}.'),
    ).toBe('in https://github.com/hutaiHang/Faster-Diffusion.');
  });
});

describe('cleanUrl and findUrls', () => {
  it.each([
    [
      'https://github.com/xtudbxk/FreCaS}{https://github.com/xtudbxk/FreCaS}.',
      'https://github.com/xtudbxk/FreCaS',
    ],
    ['https://github.com/Infini-AI-Lab/Sirius.git.', 'https://github.com/Infini-AI-Lab/Sirius'],
    ['https://github.com/alibabasglab/FRCRN).', 'https://github.com/alibabasglab/FRCRN'],
    ['https://uhh.de/inf-sp-storm).', 'https://uhh.de/inf-sp-storm'],
    ['https://flowchef.github.io.', 'https://flowchef.github.io'],
    ['https://audio-agi.github.io/FlowSep_demo/.', 'https://audio-agi.github.io/FlowSep_demo'],
    ['https://en.wikipedia.org/wiki/Foo_(bar).', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
    ['github.com/a/b,', 'https://github.com/a/b'],
  ])('%s -> %s', (raw, clean) => {
    expect(cleanUrl(raw)).toBe(clean);
  });

  it('finds every link in prose', () => {
    expect(findUrls('Code: https://github.com/a/b.git. Demo (https://a.github.io/x/).')).toEqual([
      'https://github.com/a/b',
      'https://a.github.io/x',
    ]);
  });
});

describe('classifyUrl', () => {
  it.each([
    [
      'https://github.com/MahdiTabassian/Deep-Clutter-Filtering/tree/main',
      'repository',
      'github.com/mahditabassian/deep-clutter-filtering',
    ],
    ['https://gitlab.com/group/proj', 'repository', 'gitlab.com/group/proj'],
    ['https://huggingface.co/spaces/org/demo', 'repository', 'huggingface.co/spaces/org/demo'],
    ['https://huggingface.co/org/model', 'repository', 'huggingface.co/models/org/model'],
    ['https://indu1ge.github.io/DepthMaster_page', 'project', 'indu1ge.github.io/depthmaster_page'],
    ['https://github.com/someorg', 'project', 'github.com/someorg'],
  ])('%s is a %s', (url, kind, key) => {
    expect(classifyUrl(url)).toEqual({ kind, key });
  });

  it('does not count paper links as code', () => {
    for (const url of [
      'https://arxiv.org/abs/2401.00001',
      'https://doi.org/10.1/x',
      'https://huggingface.co/papers/2401.00001',
    ]) {
      expect(classifyUrl(url)).toBeUndefined();
    }
  });
});

describe('mergeCodeLinks', () => {
  it('deduplicates one repository written several ways and puts the official one first', () => {
    const links = [
      ...toCodeLinks(['https://github.com/someone/reimpl'], false),
      ...toCodeLinks(['https://a.github.io/page', 'https://arxiv.org/abs/2401.00001'], true),
      ...toCodeLinks(
        ['https://github.com/Owner/Repo/tree/main', 'https://github.com/owner/repo.git'],
        true,
      ),
    ];
    expect(mergeCodeLinks(links)).toEqual([
      { url: 'https://github.com/Owner/Repo/tree/main', kind: 'repository', official: true },
      { url: 'https://a.github.io/page', kind: 'project', official: true },
      { url: 'https://github.com/someone/reimpl', kind: 'repository', official: false },
    ]);
  });

  it('marks a repository official when any source says so', () => {
    const merged = mergeCodeLinks([
      { url: 'https://github.com/a/b', kind: 'repository', official: false },
      { url: 'https://github.com/A/B.git', kind: 'repository', official: true },
    ]);
    expect(merged).toEqual([{ url: 'https://github.com/a/b', kind: 'repository', official: true }]);
  });
});
