/**
 * Relevance of the popup search against MiniSearch on the hand-labelled set
 * tests/fixtures/search/relevance.json over the bundled catalog: success@1 and success@3.
 *
 *   npm run eval:search            # needs public/catalog/default.ndjson.gz (npm run catalog)
 *
 * Ours runs through the real loader and index in fake-indexeddb; MiniSearch indexes the same
 * fields with the options a reasonable user would set (prefix, fuzzy 0.2, title boosted).
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import MiniSearch from 'minisearch';
import type { Paper } from '../lib/catalog/schema';
import { searchCatalog } from '../lib/search/search';
import { loadBundled, relevanceSet } from '../tests/fixtures/search/load';
import { bundledCatalogFile } from './bundled-catalog';
import { miniSearchDocs, MINISEARCH_OPTIONS, MINISEARCH_QUERY } from '../bench/search/anchor-docs';

type Method = { name: string; search: (query: string) => Promise<string[]> };

function bundledPapers(): Paper[] {
  const lines = gunzipSync(readFileSync(bundledCatalogFile()))
    .toString('utf8')
    .split('\n')
    .filter(Boolean);
  return lines.map((l) => JSON.parse(l) as Paper).filter((p) => typeof p.id === 'string');
}

const db = await loadBundled();
const mini = new MiniSearch(MINISEARCH_OPTIONS);
mini.addAll(miniSearchDocs(bundledPapers()));

const methods: Method[] = [
  {
    name: 'PaperPeek',
    search: async (q) => (await searchCatalog(q, { limit: 3 }, db)).hits.map((h) => h.id),
  },
  {
    name: 'MiniSearch',
    search: async (q) =>
      mini
        .search(q.replace(/"/g, ' '), MINISEARCH_QUERY)
        .slice(0, 3)
        .map((r) => String(r.id)),
  },
];

const queries = relevanceSet();
const rows = [];
const misses: string[] = [];
for (const method of methods) {
  let at1 = 0;
  let at3 = 0;
  for (const q of queries) {
    const ids = await method.search(q.query);
    if (q.expected.includes(ids[0]!)) at1++;
    if (ids.slice(0, 3).some((id) => q.expected.includes(id))) at3++;
    else
      misses.push(`${method.name} missed [${q.kind}] ${q.query} -> ${ids.join(', ') || '(none)'}`);
  }
  rows.push({
    method: method.name,
    queries: queries.length,
    'success@1': `${at1} (${((100 * at1) / queries.length).toFixed(1)}%)`,
    'success@3': `${at3} (${((100 * at3) / queries.length).toFixed(1)}%)`,
  });
}
console.log('npm run eval:search  (tests/fixtures/search/relevance.json, bundled catalog)');
console.table(rows);
for (const miss of misses) console.log(miss);
