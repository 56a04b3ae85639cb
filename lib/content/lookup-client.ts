import type { Paper } from '../catalog/schema';
import type { MessageOutput } from '../messaging/protocol';

export type CandidateMatch = NonNullable<MessageOutput<'lookupCandidates'>[number]>;
/** One answer per query, in order: the background's `lookupCandidates` (catalog ids). */
export type Lookup = (queries: string[]) => Promise<(CandidateMatch | null)[]>;
/** Full records by catalog id, one answer per id: the background's `getPapers`. */
export type GetPapers = (ids: string[]) => Promise<(Paper | null)[]>;

/** Per message: the most one `getPapers` takes, and a modest structured clone either way. */
export const LOOKUP_BATCH = 500;

/** Asks any number of questions in batches of at most `batch`, one message at a time. */
export async function lookupAll<T>(
  queries: string[],
  lookup: (batch: string[]) => Promise<T[]>,
  batch = LOOKUP_BATCH,
): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < queries.length; start += batch) {
    const slice = queries.slice(start, start + batch);
    const answers = await lookup(slice);
    if (answers.length !== slice.length) throw new Error('The background answered out of step');
    out.push(...answers);
  }
  return out;
}

/** The records of the distinct papers among `matches`, by id. */
export async function papersOf(
  matches: (CandidateMatch | null)[],
  getPapers: GetPapers,
): Promise<Map<string, Paper>> {
  const ids = [...new Set(matches.flatMap((m) => (m ? [m.id] : [])))];
  const papers = await lookupAll(ids, getPapers);
  return new Map(papers.flatMap((paper) => (paper ? [[paper.id, paper] as const] : [])));
}
