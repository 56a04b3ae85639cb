import { describe, expect, it } from 'vitest';
import { FeedManifestError, parseManifest, resolveFeedUrl } from '@/lib/catalog/feed-manifest';

const MANIFEST_URL = 'https://catalog.example/feed/manifest.json';
const SHA = 'a'.repeat(64);

function manifest(overrides: Record<string, unknown> = {}) {
  return {
    format: 'paperpeek-catalog-feed',
    version: 1,
    base: { url: 'base-v1.ndjson.gz', sha256: SHA, count: 10, version: 'v1' },
    deltas: [
      { seq: 1, url: 'delta-v1-1.ndjson.gz', sha256: SHA, count: 2 },
      { seq: 2, url: '/feed/delta-v1-2.ndjson.gz', sha256: SHA, count: 1 },
      { seq: 3, url: 'https://catalog.example/feed/delta-v1-3.ndjson.gz', sha256: SHA, count: 4 },
    ],
    ...overrides,
  };
}

const parse = (value: unknown) => parseManifest(JSON.stringify(value), MANIFEST_URL);

function refusal(text: string): string {
  try {
    parseManifest(text, MANIFEST_URL);
  } catch (error) {
    expect(error).toBeInstanceOf(FeedManifestError);
    return (error as Error).message;
  }
  throw new Error('expected the manifest to be refused');
}

describe('parseManifest', () => {
  it('resolves relative, root-relative and absolute file URLs against the manifest', () => {
    const feed = parse(manifest());
    expect(feed.base).toEqual({
      url: 'https://catalog.example/feed/base-v1.ndjson.gz',
      sha256: SHA,
      count: 10,
      version: 'v1',
    });
    expect(feed.deltas.map((d) => d.url)).toEqual([
      'https://catalog.example/feed/delta-v1-1.ndjson.gz',
      'https://catalog.example/feed/delta-v1-2.ndjson.gz',
      'https://catalog.example/feed/delta-v1-3.ndjson.gz',
    ]);
    expect(feed.deltas.map((d) => d.count)).toEqual([2, 1, 4]);
  });

  it.each([
    ['another host', 'https://mirror.example/feed/base.ndjson.gz', /on https:\/\/mirror\.example/],
    ['a protocol-relative host', '//evil.example/base.ndjson.gz', /on https:\/\/evil\.example/],
    ['plain http on the https origin', 'http://catalog.example/base.gz', /must be on https/],
    ['another port', 'https://catalog.example:8443/base.gz', /catalog\.example:8443/],
    ['a javascript: URL', 'javascript:alert(1)', /only http\(s\) files are read/],
    ['a data: URL', 'data:text/plain,x', /only http\(s\) files are read/],
  ])('refuses a file on %s', (_, url, message) => {
    const text = JSON.stringify(manifest({ base: { ...manifest().base, url } }));
    expect(refusal(text)).toMatch(message);
  });

  it('refuses a delta URL off the origin as well as a base one', () => {
    const deltas = [{ seq: 1, url: 'https://cdn.example/d1.gz', sha256: SHA, count: 1 }];
    expect(refusal(JSON.stringify(manifest({ deltas })))).toMatch(/files must be on/);
  });

  it.each([
    ['a gap', [1, 3]],
    ['a wrong start', [2, 3]],
    ['a reversed order', [2, 1]],
    ['a repeated seq', [1, 1]],
  ])('refuses delta seqs with %s', (_, seqs) => {
    const deltas = seqs.map((seq) => ({ seq, url: `d${seq}.gz`, sha256: SHA, count: 1 }));
    expect(refusal(JSON.stringify(manifest({ deltas })))).toMatch(
      /deltas: seq must run 1, 2, 3\.\.\. in order, without gaps/,
    );
  });

  it.each([
    ['bad JSON', '{"format": "paperpeek-catalog-feed",', 'The manifest is not valid JSON.'],
    ['another format', '{"format":"rss"}', 'Not a PaperPeek catalog feed'],
    ['a JSON string', '"paperpeek-catalog-feed"', 'Not a PaperPeek catalog feed'],
    [
      'a later version',
      JSON.stringify(manifest({ version: 2 })),
      'Catalog feed version 2 is not supported; this PaperPeek reads version 1.',
    ],
    [
      'an uppercase sha256',
      JSON.stringify(manifest({ base: { ...manifest().base, sha256: SHA.toUpperCase() } })),
      'base.sha256: must be a SHA-256 in 64 lowercase hex digits',
    ],
    [
      'a negative count',
      JSON.stringify(manifest({ base: { ...manifest().base, count: -1 } })),
      'base.count',
    ],
    ['no base', JSON.stringify(manifest({ base: undefined })), 'base'],
  ])('refuses %s, saying so', (_, text, message) => {
    expect(refusal(text)).toContain(message);
  });
});

describe('resolveFeedUrl', () => {
  it('keeps to the origin of the manifest', () => {
    expect(resolveFeedUrl('../other/x.gz', MANIFEST_URL)).toBe(
      'https://catalog.example/other/x.gz',
    );
    expect(() => resolveFeedUrl('https://catalog.example.evil/x', MANIFEST_URL)).toThrow(
      FeedManifestError,
    );
  });
});
