import { describe, expect, it } from 'vitest';
import { withinOneEdit } from '@/lib/search/edit-distance';
import { MAX_WORDS, parseQuery } from '@/lib/search/query';
import { indexTerms, termKey } from '@/lib/search/tokenize';

describe('parseQuery', () => {
  it.each([
    ['2312.00752', '2312.00752'],
    ['arXiv:2312.00752v2', '2312.00752'],
    ['https://arxiv.org/abs/2312.00752v3', '2312.00752'],
    ['https://arxiv.org/pdf/2312.00752.pdf', '2312.00752'],
    ['https://www.alphaxiv.org/overview/2312.00752', '2312.00752'],
    ['https://huggingface.co/papers/2312.00752', '2312.00752'],
    ['10.48550/arXiv.2312.00752', '2312.00752'],
    ['https://doi.org/10.1109/TPAMI.2023.1234', '10.1109/tpami.2023.1234'],
    ['t-2etpm5hoeu8', 't-2etpm5hoeu8'],
  ])('reads %s as the identifier %s', (input, term) => {
    expect(parseQuery(input)).toEqual({ kind: 'id', term });
  });

  it('takes quoted phrases apart and marks the word being typed as a prefix', () => {
    const parsed = parseQuery('"state space" mod');
    expect(parsed).toMatchObject({ kind: 'words', phrases: ['state space'] });
    if (parsed.kind !== 'words') throw new Error('words expected');
    expect(parsed.words.map((w) => [w.raw, w.prefix])).toEqual([
      ['state', true],
      ['space', true],
      ['mod', true],
    ]);
  });

  it('a short finished word is not a prefix, the one being typed is', () => {
    const typing = parseQuery('rl ab');
    const done = parseQuery('rl ab ');
    if (typing.kind !== 'words' || done.kind !== 'words') throw new Error('words expected');
    expect(typing.words.map((w) => w.prefix)).toEqual([false, true]);
    expect(done.words.map((w) => w.prefix)).toEqual([false, false]);
  });

  it('drops stop words unless nothing else is left', () => {
    const parsed = parseQuery('the diffusion of models');
    if (parsed.kind !== 'words') throw new Error('words expected');
    expect(parsed.words.map((w) => w.raw)).toEqual(['diffusion', 'models']);
  });

  it.each(['', '   ', '!!! ??? ...', '"', '()[]{}*+?^$|\\'])('treats %j as empty', (input) => {
    expect(parseQuery(input)).toEqual({ kind: 'empty' });
  });

  it('bounds a pasted wall of text', () => {
    const parsed = parseQuery(Array.from({ length: 5000 }, (_, i) => `word${i}x`).join(' '));
    if (parsed.kind !== 'words') throw new Error('words expected');
    expect(parsed.words.filter((w) => !w.optional).length).toBe(MAX_WORDS);
  });

  it('adds the joined form of a repository-style name as an optional word', () => {
    const parsed = parseQuery('only_train_once');
    if (parsed.kind !== 'words') throw new Error('words expected');
    expect(parsed.words.find((w) => w.optional)?.key).toBe('onlytrainonce');
  });
});

describe('text analysis', () => {
  it('gives word forms one key', () => {
    expect(termKey('echocardiography')).toBe(termKey('echocardiographic'));
    expect(termKey('diffusion')).toBe(termKey('diffusions'));
    expect(termKey('pruning')).toBe(termKey('pruned'));
  });

  it('indexes the parts of camel-case coined names next to the whole', () => {
    expect(indexTerms('StreamDiffusion and MossFormer2')).toEqual(
      expect.arrayContaining([termKey('streamdiffusion'), 'stream', termKey('diffusion'), 'moss']),
    );
  });

  it.each([
    ['rectified', 'rectifed', true],
    ['transformer', 'transfromer', true],
    ['model', 'models', true],
    ['model', 'modal', true],
    ['model', 'mdoels', false],
    ['abc', 'xyz', false],
  ])('%s and %s are within one edit: %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
    expect(withinOneEdit(b, a)).toBe(expected);
  });
});
