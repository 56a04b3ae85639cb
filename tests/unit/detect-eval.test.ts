import { beforeAll, describe, expect, it } from 'vitest';
import {
  evaluateFixtures,
  formatEvaluation,
  MIN_RECALL,
  type Evaluation,
} from '../../scripts/eval-detect';

/**
 * `npm run eval:detect` as a test: the extension's own detection, background matching and marker
 * placement over every fixture page and the bundled catalog (built by `npm run catalog`, or by the
 * same builder into a temporary file on a fresh checkout).
 */
let result: Evaluation;
beforeAll(async () => {
  result = await evaluateFixtures();
}, 120_000);

describe('detection over the fixture set', () => {
  it(`marks at least ${MIN_RECALL} of the expected papers, each at its place`, () => {
    expect(result.recall, formatEvaluation(result)).toBeGreaterThanOrEqual(MIN_RECALL);
  });

  it('puts no marker where none belongs', () => {
    expect(result.pages.flatMap((p) => p.falseMarkers.map((f) => `${p.file}: ${f}`))).toEqual([]);
  });

  it('includes pages that must stay unmarked, and leaves them unmarked', () => {
    const empty = result.pages.filter((p) => p.expected === 0);
    expect(empty.map((p) => p.file)).toEqual(
      expect.arrayContaining([
        'blog-snakes.html',
        'stars-and-tools.html',
        'ml-blog-generic.html',
        'prefix-truncated.html',
      ]),
    );
    expect(empty.map((p) => [p.file, p.markers])).toEqual(empty.map((p) => [p.file, 0]));
  });

  it('finds titles in prose and truncated titles on the pages made for them', () => {
    const page = (file: string) => result.pages.find((p) => p.file === file)!;
    expect(page('prose-blog.html').misses).toEqual([]);
    expect(page('digest-feed.html').misses).toEqual([]);
    expect(page('google-scholar.html').misses).toEqual([]);
  });

  it('says what to do when a catalog file it is given does not exist', async () => {
    await expect(evaluateFixtures('public/catalog/missing.ndjson.gz')).rejects.toThrow(
      /missing\.ndjson\.gz is missing: run `npm run catalog` first/,
    );
  });
});
