/**
 * Measures related-paper ranking against hand labels (data/related-labels.json) and compares it
 * with plain TF-IDF cosine in the same run, and the related papers a paper gets when it arrives
 * from a feed (lib/search/related.ts, leave-one-out: eval-related-arrival.ts) with those the
 * catalog builder computes. Exits non-zero when the build-time method does not beat the baseline
 * on precision@5, or when arrival falls below the build-time method. Run: npm run eval:related
 * (`-- --arrival '{"terms":24}'` overrides relatedFor's options, for tuning on half A).
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { computeRelated } from '../lib/catalog/related';
import { tfidfRelated } from '../lib/catalog/tfidf';
import type { TextDoc } from '../lib/catalog/text';
import { DEFAULT_ARRIVAL_OPTIONS, type ArrivalOptions } from '../lib/search/related';
import { arrivalCatalogs, arrivalRankings } from './eval-related-arrival';
import { loadTrendingRecords } from './eval-related-docs';

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

type Ranked = { rankings: Map<string, string[]>; ms: number };

function timed(ranker: Ranker, docs: TextDoc[]): Ranked {
  const start = performance.now();
  const rankings = ranker(docs, DEPTH);
  return { rankings, ms: performance.now() - start };
}

function arrivalOptions(): Partial<ArrivalOptions> {
  const at = process.argv.indexOf('--arrival');
  return at < 0 ? {} : (JSON.parse(process.argv[at + 1] ?? '{}') as Partial<ArrivalOptions>);
}

async function main(): Promise<number> {
  const overrides = arrivalOptions();
  const { records, docs } = await loadTrendingRecords();
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
  const catalogs = await arrivalCatalogs(records, queries);
  const methods: [string, () => Ranked | Promise<Ranked>][] = [
    ['tf-idf cosine (baseline)', () => timed(tfidfRelated, docs)],
    ['related (bm25 phrases)', () => timed(computeRelated, docs)],
    ['arrival (search, l-o-o)', () => arrivalRankings(catalogs, DEPTH, overrides)],
  ];
  const rows = [];
  for (const [name, rank] of methods) {
    const { rankings, ms } = await rank();
    rows.push({
      name,
      ms,
      all: score(rankings, labels, queries),
      halves: halves.map((h) => score(rankings, labels, h)),
    });
  }
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
  console.log(
    `\narrival: ${JSON.stringify({ ...DEFAULT_ARRIVAL_OPTIONS, ...overrides })}; ms: ${queries.length} ` +
      'calls of relatedFor, each on a freshly opened catalog (loads not counted)',
  );
  const [baseline, method, arrival] = [rows[0]!, rows[1]!, rows[2]!];
  const signed = (x: number) => `${x >= 0 ? '+' : ''}${f(x)}`;
  const margin = method.all.p5 - baseline.all.p5;
  const arrivalMargin = arrival.all.p5 - method.all.p5;
  console.log(`\nP@5 gain over baseline: ${signed(margin)}`);
  console.log(`Arrival P@5 against build time: ${signed(arrivalMargin)}`);
  let failed = 0;
  if (margin <= 0) {
    console.error('FAIL: the related-paper method does not beat plain TF-IDF on P@5.');
    failed = 1;
  }
  // Rounded to the metric's resolution: 40 queries of 5 make P@5 a multiple of 1/200.
  if (Math.round(arrivalMargin * 200) < 0) {
    console.error('FAIL: related papers at arrival fall below the build-time method on P@5.');
    failed = 1;
  }
  return failed;
}

process.exitCode = await main();
