import type { Paper } from '@/lib/catalog/schema';
import { send } from '@/lib/messaging/messenger';
import type { Snapshot } from '../entry';

/**
 * Finds imported papers in the catalog: by arXiv id, then DOI, then exact (normalized) title, the
 * order in which the identifiers are trusted. Batched through `lookupCandidates`, which answers
 * from the in-memory index, then one `getPapers` for the matched records.
 */

export type CatalogMatcher = (snapshots: readonly Snapshot[]) => Promise<(Paper | null)[]>;

const CANDIDATE_BATCH = 2000;
const PAPER_BATCH = 500;

function candidatesOf(snapshot: Snapshot): string[] {
  return [snapshot.arxivId, snapshot.doi, snapshot.title]
    .filter((text): text is string => Boolean(text?.trim()))
    .map((text) => text.trim().slice(0, 2000));
}

/** The two catalog questions matching asks; the background answers them (lib/db/lookup.ts). */
export interface CatalogLookups {
  lookupCandidates(candidates: string[]): Promise<({ id: string } | null)[]>;
  getPapers(ids: string[]): Promise<(Paper | null)[]>;
}

const viaBackground: CatalogLookups = {
  lookupCandidates: (candidates) => send('lookupCandidates', { candidates }),
  getPapers: (ids) => send('getPapers', { ids }),
};

export function catalogMatcher(lookups: CatalogLookups): CatalogMatcher {
  return async (snapshots) => {
    try {
      return await lookUp(lookups, snapshots);
    } catch (error) {
      throw new Error(
        `The catalog could not be searched (${(error as Error).message}). Try again in a moment.`,
      );
    }
  };
}

/** From an extension page: asks the background. */
export const matchInCatalog: CatalogMatcher = catalogMatcher(viaBackground);

async function lookUp(
  lookups: CatalogLookups,
  snapshots: readonly Snapshot[],
): Promise<(Paper | null)[]> {
  const candidates = snapshots.map(candidatesOf);
  const flat = candidates.flat();
  const answers: ({ id: string } | null)[] = [];
  for (let i = 0; i < flat.length; i += CANDIDATE_BATCH) {
    answers.push(...(await lookups.lookupCandidates(flat.slice(i, i + CANDIDATE_BATCH))));
  }
  let at = 0;
  const ids = candidates.map((list) => {
    const found = answers.slice(at, at + list.length).find((answer) => answer !== null);
    at += list.length;
    return found?.id;
  });
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const papers = new Map<string, Paper>();
  for (let i = 0; i < wanted.length; i += PAPER_BATCH) {
    const batch = wanted.slice(i, i + PAPER_BATCH);
    (await lookups.getPapers(batch)).forEach((paper, j) => {
      if (paper) papers.set(batch[j]!, paper);
    });
  }
  return ids.map((id, i) => {
    const paper = id ? papers.get(id) : undefined;
    return paper && consistent(snapshots[i]!, paper) ? paper : null;
  });
}

/** A title match is refused when the file names a different arXiv id or DOI for the paper. */
function consistent(snapshot: Snapshot, paper: Paper): boolean {
  if (snapshot.arxivId && paper.arxivId && snapshot.arxivId !== paper.arxivId) return false;
  if (snapshot.doi && paper.doi && snapshot.doi.toLowerCase() !== paper.doi.toLowerCase())
    return snapshot.arxivId !== undefined && snapshot.arxivId === paper.arxivId;
  return true;
}
