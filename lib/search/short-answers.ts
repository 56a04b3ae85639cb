import type { CatalogDb, Slot } from '../db/catalog-db';
import { typingExpansions } from './expand';
import { indexFrom } from './index-reader';
import { parseQuery } from './query';
import {
  shortAnswerKey,
  type DictRecord,
  type ShortAnswerRecord,
  type StatsRecord,
} from './records';
import { answer, SHORT_LIMIT } from './search';

/**
 * Precomputed answers for two characters typed alone (`sa`, `fo`): the first keystrokes of
 * almost every search, and at a million papers the dearest ones (35-100 ms: their expansions'
 * buckets in every segment, champion lists, a ranking of thousands of near-ties). The end of
 * the load asks the engine itself for each such prefix, with no filters and SHORT_LIMIT hits,
 * and stores the hits it gives as one `q:PP` record; the popup then reads that one record.
 * With filters, or a longer limit, the query takes the normal path.
 */

/**
 * Prefixes whose expansions hold fewer papers than this are cheap to rank live (a few buckets
 * and inline postings); they get no stored answer.
 */
export const SHORT_MIN_PAPERS = 2048;

/** Two-character prefixes of the head dictionary, with the papers their expansions reach. */
export function shortPrefixes(head: { terms: readonly string[]; df: ArrayLike<number> }) {
  const dfs = new Map<string, number[]>();
  head.terms.forEach((term, i) => {
    const chars = Array.from(term);
    if (chars.length < 2 || term.startsWith('#')) return;
    const prefix = chars.slice(0, 2).join('');
    let list = dfs.get(prefix);
    if (!list) dfs.set(prefix, (list = []));
    list.push(head.df[i]!);
  });
  const out: string[] = [];
  for (const [prefix, list] of dfs) {
    const top = list.sort((a, b) => b - a).slice(0, typingExpansions(prefix) + 1);
    if (top.reduce((n, df) => n + df, 0) < SHORT_MIN_PAPERS) continue;
    // Only what the popup would parse as that very prefix, being typed.
    const query = parseQuery(prefix);
    if (query.kind !== 'words' || query.words.length !== 1 || query.phrases.length) continue;
    const word = query.words[0]!;
    if (word.raw === prefix && word.prefix) out.push(prefix);
  }
  return out.sort();
}

/**
 * The `q:` records of a slot whose other records are all written, and the prefixes they answer.
 * Runs the engine on its own copy of the index (its scratch arrays are dropped afterwards).
 */
export async function buildShortAnswers(
  db: CatalogDb,
  slot: Slot,
  stats: StatsRecord,
  head: DictRecord,
): Promise<{ prefixes: string[]; records: ShortAnswerRecord[] }> {
  const index = indexFrom(`build|${slot}`, slot, stats, head);
  const prefixes = shortPrefixes(index.head);
  const records: ShortAnswerRecord[] = [];
  for (const prefix of prefixes) {
    const result = await answer(db, index, parseQuery(prefix), { limit: SHORT_LIMIT }, false);
    records.push({
      k: shortAnswerKey(prefix),
      hits: JSON.stringify(result.hits),
      total: result.total,
    });
  }
  return { prefixes, records };
}
