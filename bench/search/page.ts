import { catalogDb } from '@/lib/db/catalog-db';
import { searchCatalog } from '@/lib/search/search';
import { phaseDurations, searchTrace } from '@/lib/search/trace';

/**
 * The bench-search page (bench build only). Opened with `#engine=E&q=QUERY[&data=URL]`, it runs
 * one query as soon as the page loads and records when the results were ready, measured from
 * navigation start: what a freshly opened popup pays. The harness then drives warm typing.
 * Two floors split the cold figure: `floor` answers as soon as the script runs (page load only),
 * `meta` after opening the catalog database and reading the active catalog record.
 */

export type Phases = Record<string, number>;
export type ColdResult = { ms: number; ids: string[]; phases?: Phases; error?: string };
export type Keystroke = { query: string; ms: number; phases: Phases };
type Engine = 'ours' | 'minisearch' | 'flexsearch' | 'floor' | 'meta';
type Searcher = (query: string) => Promise<string[]> | string[];

const LIMIT = 10;

async function anchor(engine: Engine, data: string): Promise<Searcher> {
  const response = await fetch(data);
  if (engine === 'minisearch') {
    const [{ default: MiniSearch }, { MINISEARCH_OPTIONS, MINISEARCH_QUERY }] = await Promise.all([
      import('minisearch'),
      import('./anchor-docs'),
    ]);
    const index = MiniSearch.loadJSON(await response.text(), MINISEARCH_OPTIONS);
    return (q) =>
      index
        .search(q, MINISEARCH_QUERY)
        .slice(0, LIMIT)
        .map((r) => String(r.id));
  }
  const { Index } = await import('flexsearch');
  const { ids, index: parts } = (await response.json()) as {
    ids: string[];
    index: Record<string, string>;
  };
  const index = new Index({ tokenize: 'forward' });
  for (const [key, value] of Object.entries(parts)) index.import(key, value);
  return (q) => (index.search(q, { limit: LIMIT }) as number[]).map((i) => ids[i]!);
}

async function searcherFor(engine: Engine, data: string | null): Promise<Searcher> {
  if (engine === 'floor') return () => [];
  if (engine === 'meta') {
    const db = catalogDb();
    return async () => {
      const active = await db.meta.get('active');
      return active?.key === 'active' ? [active.value.version] : [];
    };
  }
  if (engine === 'ours') {
    searchTrace.enabled = true;
    // Everything before this line is the page itself: navigation, parsing, the module's imports.
    searchTrace.phases.push(['page', performance.now()]);
    const db = catalogDb();
    return async (q) => (await searchCatalog(q, { limit: LIMIT }, db)).hits.map((h) => h.id);
  }
  if (!data) throw new Error(`Engine ${engine} needs #data=URL`);
  return anchor(engine, data);
}

async function start(): Promise<void> {
  const params = new URLSearchParams(location.hash.slice(1));
  const engine = (params.get('engine') ?? 'ours') as Engine;
  let searcher: Searcher | null = null;
  try {
    searcher = await searcherFor(engine, params.get('data'));
    const ids = await searcher(params.get('q') ?? '');
    const phases = phaseDurations(0, searchTrace.phases);
    searchTrace.phases.length = 0;
    window.searchBench = {
      cold: { ms: performance.now(), ids, phases },
      typing: typing(searcher),
      indexBytes,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    window.searchBench = {
      cold: { ms: performance.now(), ids: [], error: message },
      typing: typing(searcher),
      indexBytes,
    };
  }
}

/** Summed sizes of the active slot's search records (strings as UTF-16 length, arrays' bytes). */
async function indexBytes(): Promise<{
  bytes: number;
  records: number;
  byKind: Record<string, number>;
}> {
  const db = catalogDb();
  const active = await db.meta.get('active');
  if (active?.key !== 'active') throw new Error('No active catalog.');
  let bytes = 0;
  let records = 0;
  const byKind: Record<string, number> = {};
  await db.search(active.value.slot).each((record) => {
    let size = record.k.length;
    for (const value of Object.values(record) as unknown[]) {
      if (typeof value === 'string') size += value.length;
      else if (ArrayBuffer.isView(value)) size += value.byteLength;
      else if (typeof value === 'number') size += 8;
    }
    bytes += size;
    records++;
    byKind[record.k[0]!] = (byKind[record.k[0]!] ?? 0) + size;
  });
  return { bytes, records, byKind };
}

/** Types each query letter by letter, timing every prefix (with our phases, when traced). */
function typing(searcher: Searcher | null) {
  return async (queries: string[]) => {
    if (!searcher) throw new Error('No searcher: the cold query failed.');
    const keys: Keystroke[] = [];
    for (const query of queries) {
      for (let n = 1; n <= query.length; n++) {
        searchTrace.phases.length = 0;
        const t = performance.now();
        await searcher(query.slice(0, n));
        const ms = performance.now() - t;
        keys.push({ query: query.slice(0, n), ms, phases: phaseDurations(t, searchTrace.phases) });
      }
    }
    searchTrace.phases.length = 0;
    return { ms: keys.map((k) => k.ms), keys };
  };
}

declare global {
  interface Window {
    searchBench?: {
      cold: ColdResult;
      typing: (queries: string[]) => Promise<{ ms: number[]; keys: Keystroke[] }>;
      indexBytes: typeof indexBytes;
    };
  }
}

export function startSearchBench(): void {
  void start();
}
