import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { toPapers } from '@/lib/catalog/importers/to-papers';
import { readTrendingWithFacts } from '@/lib/catalog/importers/trending-facts';
import type { Paper } from '@/lib/catalog/schema';
import { DIGEST_MIN_SCORE, pickDigest, type DigestDoc } from '@/lib/feeds/digest';
import { openIndex } from '@/lib/search/index-reader';
import { DEFAULT_ARRIVAL_OPTIONS } from '@/lib/search/related';
import { TextSimilarity, cosine, type TermVector } from '@/lib/search/related-text';
import { loadPapers } from '../fixtures/search/load';

/**
 * The daily notification's choice (lib/feeds/digest.ts) on the bundled catalog, with the build's
 * similarity over its real search index, against the project's hand relevance labels.
 */

type Labels = { queries: Record<string, { topic: string; related: string[] }> };
const labels = JSON.parse(readFileSync('data/related-labels.json', 'utf8')) as Labels;

let papers: Paper[];
let byId: Map<string, Paper>;
let vector: (paper: DigestDoc) => TermVector;

beforeAll(async () => {
  const { items } = await readTrendingWithFacts('data/trending-papers.txt', 'data/paper-facts.tsv');
  papers = toPapers(items);
  byId = new Map(papers.map((p) => [p.id, p]));
  const db = await loadPapers(papers, { segment: 64 });
  const index = (await openIndex(db))!;
  const sim = new TextSimilarity(
    index,
    DEFAULT_ARRIVAL_OPTIONS.averageLength,
    DEFAULT_ARRIVAL_OPTIONS.maxDfShare,
  );
  const vectors = new Map<string, TermVector>();
  vector = (paper) => {
    let v = vectors.get(paper.id);
    if (!v) vectors.set(paper.id, (v = sim.vector(paper)));
    return v;
  };
}, 60_000);

describe(
  'the daily notification picks papers on the reading list topics',
  { timeout: 30_000 },
  () => {
    it('DIGEST_MIN_SCORE separates labelled related pairs from unrelated ones', () => {
      const related: number[] = [];
      const unrelated: number[] = [];
      for (const [id, { related: ids }] of Object.entries(labels.queries)) {
        const a = byId.get(id)!;
        const near = new Set(ids);
        for (const b of papers) {
          if (b.id === id) continue;
          (near.has(b.id) ? related : unrelated).push(cosine(vector(a), vector(b)));
        }
      }
      const above = (xs: number[]) => xs.filter((x) => x >= DIGEST_MIN_SCORE).length / xs.length;
      // 0.42 and 0.012 when set: a notification would rather miss a paper than name an unrelated one.
      expect(above(related)).toBeGreaterThan(0.35);
      expect(above(unrelated)).toBeLessThan(0.02);
    });

    it('names at most three fresh papers, each labelled related to a saved one, best first', () => {
      const queries = Object.keys(labels.queries);
      const saved = [queries[0]!, queries[7]!, queries[14]!].map((id) => byId.get(id)!);
      const fresh = papers.filter((p) => !saved.includes(p));
      const picks = pickDigest(vector, saved, fresh);
      expect(picks).toHaveLength(3);
      const labelled = new Set(saved.flatMap((p) => labels.queries[p.id]!.related));
      // The labels are narrow ("fine-tuning combined with pruning"); a pick outside them is still
      // on the saved paper's broader topic (SVFit, a fine-tuning method, for that one).
      const hits = picks.filter((pick) => labelled.has(pick.paper.id));
      expect(hits.length, picks.map((p) => p.paper.title).join(' | ')).toBeGreaterThanOrEqual(2);
      expect(picks.map((p) => p.score)).toEqual(picks.map((p) => p.score).sort((a, b) => b - a));
      expect(saved.map((p) => p.title)).toContain(picks[0]!.near);
    });

    it('names nothing when no fresh paper is on the reading list topics, and never a saved one', () => {
      const [query] = Object.keys(labels.queries);
      const saved = [byId.get(query!)!];
      const near = new Set(labels.queries[query!]!.related);
      const far = papers.filter((p) => p.id !== query && !near.has(p.id));
      const picks = pickDigest(vector, saved, far);
      expect(picks.length).toBeLessThanOrEqual(1);
      expect(pickDigest(vector, saved, saved)).toEqual([]);
      expect(pickDigest(vector, [], papers)).toEqual([]);
    });
  },
);
