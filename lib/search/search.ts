import { catalogDb, type CatalogDb } from '../db/catalog-db';
import { readLines } from '../db/catalog-chunks';
import { readBuckets, readPostings } from './buckets';
import { bestOf, score } from './engine';
import {
  cachedIndex,
  ensureYears,
  isActive,
  isLive,
  openIndex,
  readRows,
  type OpenIndex,
} from './index-reader';
import { prefault } from './prefault';
import { matchedWords } from './rank';
import { parseQuery, type ParsedQuery, type QueryWord } from './query';
import { bucketOf, shortAnswerKey, type ShortAnswerRecord } from './records';
import { idTerm, words } from './tokenize';
import { phase } from './trace';
import type { MatchedField, SearchFilters, SearchHit, SearchOptions, SearchResult } from './types';
import { FIELD, forEachPosting } from './varint';

export type { MatchedField, SearchFilters, SearchHit, SearchOptions, SearchResult } from './types';
export { SearchUnavailableError } from './index-reader';

/**
 * Popup search over the active catalog, read straight from the catalog database in the calling
 * extension page (lib/search/README.md describes the index). Queries run one at a time: they
 * share the page's scratch arrays.
 */

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 200;
/** Phrase queries check this many of the best candidates against the full text. */
const PHRASE_CHECKS = 100;
/** Hits a precomputed answer holds: the popup asks for 50. */
export const SHORT_LIMIT = 50;

let queue: Promise<unknown> = Promise.resolve();
function serialized<T>(run: () => Promise<T>): Promise<T> {
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}

/**
 * The catalog position of each id (arXiv id, DOI, title id) found, remembered for the page's
 * life. Of an id at several positions (a paper superseded by a newer version in the tail), the
 * last one that still holds a current paper.
 */
async function livePositions(db: CatalogDb, index: OpenIndex, ids: Iterable<string>) {
  const terms = new Map([...new Set(ids)].map((id) => [id, idTerm(id)]));
  const missing = [...new Set(terms.values())].filter((t) => !index.ids.has(t));
  if (missing.length) {
    const buckets = await readBuckets(db, index, missing.map(bucketOf));
    const postings = await readPostings(
      db,
      index,
      buckets,
      missing.map((term) => ({ term, abstract: false })),
    );
    for (const term of missing) {
      let found: number | null = null;
      for (const { base, data } of postings.get(term) ?? []) {
        forEachPosting(data, (local) => {
          const p = base + local;
          if (isLive(index, p) && (found === null || p > found)) found = p;
        });
      }
      index.ids.set(term, found);
    }
  }
  const out = new Map<string, number>();
  for (const [id, term] of terms) {
    const p = index.ids.get(term);
    if (p !== null && p !== undefined) out.set(id, p);
  }
  return out;
}

/**
 * The papers whose code is at a repository: both its owner and its name among their code terms
 * (owner and name are indexed whole, doc-terms.ts). Current papers only, in catalog order.
 */
async function repoPositions(db: CatalogDb, index: OpenIndex, terms: readonly string[]) {
  const buckets = await readBuckets(db, index, terms.map(bucketOf));
  const postings = await readPostings(
    db,
    index,
    buckets,
    terms.map((term) => ({ term, abstract: false })),
  );
  let found: Set<number> | null = null;
  for (const term of terms) {
    const here = new Set<number>();
    for (const { base, data } of postings.get(term) ?? []) {
      forEachPosting(data, (local, mask) => {
        const p = base + local;
        if (mask & FIELD.code && isLive(index, p) && (!found || found.has(p))) here.add(p);
      });
    }
    found = here;
  }
  return [...(found ?? [])].sort((a, b) => a - b);
}

/** Catalog positions of ids (see livePositions). */
async function positionsOf(db: CatalogDb, index: OpenIndex, ids: Iterable<string>) {
  return [...new Set((await livePositions(db, index, ids)).values())];
}

async function filterOf(db: CatalogDb, index: OpenIndex, filters: SearchFilters = {}) {
  const only = filters.ids ? new Set(await positionsOf(db, index, filters.ids)) : null;
  const skip = filters.excludeIds
    ? new Set(await positionsOf(db, index, filters.excludeIds))
    : null;
  const { hasCode, yearFrom, yearTo } = filters;
  const accept = (p: number) => {
    if (!isLive(index, p)) return false;
    const packed = index.years[p]!;
    if (hasCode !== undefined && (packed & 1) !== (hasCode ? 1 : 0)) return false;
    const year = packed >> 1;
    if (yearFrom !== undefined && (!year || year < yearFrom)) return false;
    if (yearTo !== undefined && (!year || year > yearTo)) return false;
    if (only && !only.has(p)) return false;
    return !skip?.has(p);
  };
  const needsYears = hasCode !== undefined || yearFrom !== undefined || yearTo !== undefined;
  return { accept, only, needsYears, none: !needsYears && !only && !skip };
}

const FIELD_NAMES = Object.entries(FIELD) as [MatchedField, number][];

async function hitsAt(
  db: CatalogDb,
  index: OpenIndex,
  positions: number[],
  detail: (p: number) => { score: number; fields: number; partial?: boolean },
): Promise<SearchHit[]> {
  phase('rank');
  const rows = await readRows(db, index, positions);
  phase('rows');
  return positions.map((p, i) => {
    const [id, title, authors, year, venue, hasCode] = rows[i]!;
    const { score, fields, partial } = detail(p);
    return {
      id,
      title,
      authors,
      ...(year ? { year } : {}),
      ...(venue ? { venue } : {}),
      hasCode: hasCode === 1,
      score: Math.round(score * 1000) / 1000,
      matched: FIELD_NAMES.filter(([, bit]) => fields & bit).map(([name]) => name),
      ...(partial ? { partial: true as const } : {}),
    };
  });
}

const padded = (list: string[]) => ` ${list.join(' ')} `;

/** Which candidates contain every quoted phrase in their title or abstract, in order. */
async function withPhrases(
  db: CatalogDb,
  index: OpenIndex,
  candidates: number[],
  phrases: string[],
) {
  const lines = await readLines(db, index.slot, candidates);
  return candidates.filter((p) => {
    const line = lines.get(p);
    if (!line) return false;
    const paper = JSON.parse(line) as { title: string; abstract: string };
    const title = padded(words(paper.title));
    const abstract = padded(words(paper.abstract));
    return phrases.every((ph) => title.includes(` ${ph} `) || abstract.includes(` ${ph} `));
  });
}

async function run(
  db: CatalogDb,
  query: ParsedQuery,
  options: SearchOptions,
): Promise<SearchResult> {
  // Typing: the index this page opened answers while the active record is checked, instead of
  // after (a database round trip per keystroke). A catalog switched meanwhile is rare; then the
  // answer (or its failure, its slot maybe cleared) is dropped and the query runs again.
  const cached = cachedIndex(db);
  if (cached) {
    const current = isActive(db, cached);
    current.catch(() => undefined);
    const outcome = await answer(db, cached, query, options).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    if (await current) {
      phase('meta');
      if ('error' in outcome) throw outcome.error;
      return outcome.result;
    }
  }
  const index = await openIndex(db);
  if (!index) return { hits: [], total: 0 };
  try {
    return await answer(db, index, query, options);
  } finally {
    // After the cold answer, not before: mapping the arrays' memory would delay it.
    prefault(index);
  }
}

/**
 * The answer from an open index. `precomputed: false` ranks a two-character prefix rather than
 * reading its stored answer (which is how that answer is made, short-answers.ts).
 */
export async function answer(
  db: CatalogDb,
  index: OpenIndex,
  query: ParsedQuery,
  options: SearchOptions,
  precomputed = true,
): Promise<SearchResult> {
  if (index.count === 0) return { hits: [], total: 0 };
  const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(options.limit ?? DEFAULT_LIMIT)));
  if (query.kind === 'id') {
    // A pasted identifier names one paper: it jumps there whatever the filters say.
    const found = await positionsOf(db, index, [query.term]);
    const hits = await hitsAt(db, index, found, () => ({ score: 1, fields: FIELD.id }));
    return { hits, total: hits.length, exact: hits.length > 0 };
  }
  if (query.kind === 'link') return { hits: [], total: 0 };
  if (query.kind === 'repo') {
    const found = (await repoPositions(db, index, query.terms)).slice(0, limit);
    const hits = await hitsAt(db, index, found, () => ({ score: 1, fields: FIELD.code }));
    return { hits, total: hits.length, exact: hits.length > 0 };
  }
  const { accept, only, needsYears, none } = await filterOf(db, index, options.filters);
  if (query.kind === 'empty') {
    if (none) {
      // No filters: the catalog's first papers, not a pass over a million to count them.
      const picked: number[] = [];
      for (let p = 0; p < index.count && picked.length < limit; p++) {
        if (isLive(index, p)) picked.push(p);
      }
      const hits = await hitsAt(db, index, picked, () => ({ score: 0, fields: 0 }));
      return { hits, total: index.live };
    }
    const order = only ? [...only].sort((a, b) => a - b) : null;
    const picked: number[] = [];
    let total = 0;
    const visit = (p: number) => {
      if (!accept(p)) return;
      total++;
      if (picked.length < limit) picked.push(p);
    };
    if (needsYears) await ensureYears(db, index, order);
    if (order) order.forEach(visit);
    else for (let p = 0; p < index.count; p++) visit(p);
    const hits = await hitsAt(db, index, picked, () => ({ score: 0, fields: 0 }));
    return { hits, total };
  }
  const lone = none && query.words.length === 1 && !query.phrases.length;
  if (lone && precomputed && limit <= SHORT_LIMIT) {
    const stored = await storedAnswer(db, index, query.words[0]!);
    // Short of hits once withdrawn papers are left out: ranked live instead.
    if (stored && stored.hits.length >= Math.min(limit, stored.total)) {
      return { hits: stored.hits.slice(0, limit), total: stored.total };
    }
  }
  const scored = await score(db, index, query, accept, { needsYears, lone });
  try {
    const wanted = query.words.filter((w) => !w.optional).length;
    const all = scored.groups[wanted] ?? [];
    let positions: number[];
    let total: number;
    if (query.phrases.length) {
      const checked = await bestOf(db, index, scored, PHRASE_CHECKS);
      positions = await withPhrases(db, index, checked, query.phrases);
      total = positions.length;
      positions = positions.slice(0, limit);
    } else {
      positions = await bestOf(db, index, scored, limit);
      total = all.length || scored.groups.reduce((n, g) => n + g.length, 0);
      total = Math.max(total, scored.atLeast);
    }
    const details = new Map(
      positions.map((p) => [
        p,
        {
          score: index.scratch.score[p]!,
          fields: scored.fieldsOf(p),
          partial: matchedWords(index.scratch.words[p]!) < wanted,
        },
      ]),
    );
    return { hits: await hitsAt(db, index, positions, (p) => details.get(p)!), total };
  } finally {
    scored.release();
  }
}

/**
 * The stored answer of a two-character prefix typed alone, when the index has one. It was made
 * with the base catalog: a paper since withdrawn is left out, and one superseded by a newer
 * version shows that version's row.
 */
async function storedAnswer(db: CatalogDb, index: OpenIndex, word: QueryWord) {
  if (!word.prefix || !index.short.has(word.raw)) return null;
  const key = shortAnswerKey(word.raw);
  const [record] = (await index.records.getMany([key], (keys) =>
    db.search(index.slot).bulkGet(keys),
  )) as (ShortAnswerRecord | undefined)[];
  phase('stored');
  if (!record) return null;
  const hits = JSON.parse(record.hits) as SearchHit[];
  const stale = hits.filter((h) => index.deadIds.has(h.id)).map((h) => h.id);
  if (!stale.length) return { hits, total: record.total };
  const current = await livePositions(db, index, stale);
  const positions = [...current.values()];
  const rows = new Map(
    (await readRows(db, index, positions)).map((row, i) => [positions[i]!, row] as const),
  );
  const kept = hits.flatMap((hit): SearchHit[] => {
    if (!index.deadIds.has(hit.id)) return [hit];
    const p = current.get(hit.id);
    if (p === undefined) return [];
    const [id, title, authors, year, venue, hasCode] = rows.get(p)!;
    return [
      {
        id,
        title,
        authors,
        ...(year ? { year } : {}),
        ...(venue ? { venue } : {}),
        hasCode: hasCode === 1,
        score: hit.score,
        matched: hit.matched,
      },
    ];
  });
  return { hits: kept, total: record.total - (hits.length - kept.length) };
}

/** Ranked papers for what the user typed; see SearchOptions for limit and filters. */
export function searchCatalog(
  query: string,
  options: SearchOptions = {},
  db: CatalogDb = catalogDb(),
): Promise<SearchResult> {
  return serialized(() => run(db, parseQuery(query), options));
}

/** The catalog's own (trending) order, for the empty query. */
export async function trendingPapers(
  limit = DEFAULT_LIMIT,
  db: CatalogDb = catalogDb(),
): Promise<SearchHit[]> {
  return (await searchCatalog('', { limit }, db)).hits;
}
