/**
 * Measures related-paper ranking against hand labels (data/related-labels.json) and compares it
 * with plain TF-IDF cosine in the same run. Exits non-zero when the method does not beat the
 * baseline on precision@5. Run: npm run eval:related
 */
import { readFileSync } from 'node:fs';
import { computeRelated } from '../lib/catalog/related';
import { tfidfRelated } from '../lib/catalog/tfidf';
import type { TextDoc } from '../lib/catalog/text';
import { loadTrendingDocs } from './eval-related-docs';

type Labels = { queries: Record<string, { topic: string; related: string[] }> };
type Ranker = (docs: TextDoc[], k: number) => Map<string, string[]>;
type Scores = { p5: number; p3: number; map: number; ndcg5: number };

const DEPTH = 10;

function precision(ranked: string[], relevant: Set<string>, k: number): number {
  return ranked.slice(0, k).filter((id) => relevant.has(id)).length / k;
}

/** Average precision over the top DEPTH, normalized by the relevant papers that fit there. */
function averagePrecision(ranked: string[], relevant: Set<string>): number {
  let hits = 0;
  let sum = 0;
  ranked.slice(0, DEPTH).forEach((id, i) => {
    if (relevant.has(id)) sum += ++hits / (i + 1);
  });
  return sum / Math.min(relevant.size, DEPTH);
}

function ndcg(ranked: string[], relevant: Set<string>, k: number): number {
  const dcg = ranked
    .slice(0, k)
    .reduce((s, id, i) => s + (relevant.has(id) ? 1 / Math.log2(i + 2) : 0), 0);
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return dcg / ideal;
}

function score(rankings: Map<string, string[]>, labels: Labels, queries: string[]): Scores {
  const total: Scores = { p5: 0, p3: 0, map: 0, ndcg5: 0 };
  for (const id of queries) {
    const relevant = new Set(labels.queries[id]!.related);
    const ranked = rankings.get(id) ?? [];
    total.p5 += precision(ranked, relevant, 5);
    total.p3 += precision(ranked, relevant, 3);
    total.map += averagePrecision(ranked, relevant);
    total.ndcg5 += ndcg(ranked, relevant, 5);
  }
  const n = queries.length || 1;
  return { p5: total.p5 / n, p3: total.p3 / n, map: total.map / n, ndcg5: total.ndcg5 / n };
}

function timed(ranker: Ranker, docs: TextDoc[]): { rankings: Map<string, string[]>; ms: number } {
  const start = performance.now();
  const rankings = ranker(docs, DEPTH);
  return { rankings, ms: performance.now() - start };
}

async function main(): Promise<number> {
  const docs = await loadTrendingDocs();
  const labels = JSON.parse(readFileSync('data/related-labels.json', 'utf8')) as Labels;
  const ids = new Set(docs.map((d) => d.id));
  const queries = Object.keys(labels.queries).sort();
  const unknown = queries
    .flatMap((q) => [q, ...labels.queries[q]!.related])
    .filter((id) => !ids.has(id));
  if (unknown.length) {
    console.error(
      `Labels name papers that are not in the catalog: ${[...new Set(unknown)].join(', ')}`,
    );
    return 2;
  }
  // Two fixed halves of the queries (alternating by id): a method tuned on one half should hold
  // up on the other.
  const halves = [queries.filter((_, i) => i % 2 === 0), queries.filter((_, i) => i % 2 === 1)];
  const methods: [string, Ranker][] = [
    ['tf-idf cosine (baseline)', tfidfRelated],
    ['related (bm25 phrases)', computeRelated],
  ];
  const rows = methods.map(([name, ranker]) => {
    const { rankings, ms } = timed(ranker, docs);
    return {
      name,
      ms,
      all: score(rankings, labels, queries),
      halves: halves.map((h) => score(rankings, labels, h)),
    };
  });
  const f = (x: number) => x.toFixed(3);
  console.log(
    `${docs.length} papers, ${queries.length} labelled queries (halves: ${halves[0]!.length} / ${halves[1]!.length})\n`,
  );
  console.log('method                     P@5    P@3    MAP@10 nDCG@5 | P@5 A  P@5 B  | ms');
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(26)} ${f(r.all.p5)}  ${f(r.all.p3)}  ${f(r.all.map)}  ${f(r.all.ndcg5)}  | ` +
        `${f(r.halves[0]!.p5)}  ${f(r.halves[1]!.p5)}  | ${r.ms.toFixed(0)}`,
    );
  }
  const [baseline, method] = [rows[0]!, rows[1]!];
  const margin = method.all.p5 - baseline.all.p5;
  console.log(`\nP@5 gain over baseline: ${margin >= 0 ? '+' : ''}${f(margin)}`);
  if (margin <= 0) {
    console.error('FAIL: the related-paper method does not beat plain TF-IDF on P@5.');
    return 1;
  }
  return 0;
}

process.exitCode = await main();
