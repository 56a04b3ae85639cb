import { hash32, normalizeTitle, parseArxivId, parseDoi } from '../catalog/identifiers';
import { paperSchema, type Paper } from '../catalog/schema';
import type { MessageOutput } from '../messaging/protocol';
import type { ActiveCatalog, CatalogDb } from './catalog-db';
import { readLines } from './catalog-chunks';
import { doiKey, positionsOf, type CatalogIndex } from './catalog-index';
import { activeIndex } from './index-cache';

export type LookupMatch = NonNullable<MessageOutput<'lookupPaper'>>;

/** What a candidate string names, in the order identifiers are trusted. */
export type CandidateKey =
  | { by: 'arxiv'; id: string }
  | { by: 'doi'; doi: string }
  | { by: 'title'; normalized: string }
  | null;

export function classifyCandidate(candidate: string): CandidateKey {
  // parseArxivId also maps arXiv DOIs (10.48550/arXiv.ID) to the id.
  const arxivId = parseArxivId(candidate);
  if (arxivId) return { by: 'arxiv', id: arxivId };
  const doi = parseDoi(candidate);
  if (doi) return { by: 'doi', doi };
  const normalized = normalizeTitle(candidate);
  if (!normalized) return null;
  return { by: 'title', normalized };
}

function positionsFor(index: CatalogIndex, key: NonNullable<CandidateKey>): number[] {
  if (key.by === 'arxiv') return positionsOf(index.id, hash32(key.id));
  if (key.by === 'doi') return positionsOf(index.doi, hash32(key.doi));
  return positionsOf(index.title, hash32(key.normalized));
}

/** Hashes collide: a stored record matches only if its own key equals the candidate's. */
function matches(paper: Paper, key: NonNullable<CandidateKey>): boolean {
  if (key.by === 'arxiv') return paper.id === key.id;
  if (key.by === 'doi') return paper.doi !== undefined && doiKey(paper.doi) === key.doi;
  return normalizeTitle(paper.title) === key.normalized;
}

/**
 * One answer per candidate (null when nothing matches). The active catalog, its index and the
 * records are read in ONE transaction, so a load switching catalogs mid-request can never mix old
 * and new. Misses are settled in memory; hits read only their chunks, once each.
 */
export async function lookupCandidates(
  db: CatalogDb,
  candidates: readonly string[],
): Promise<(LookupMatch | null)[]> {
  const keys = candidates.map(classifyCandidate);
  const tables = [db.meta, db.indexes, db.chunks0, db.chunks1];
  const found = await db.transaction('r', tables, async () => {
    const record = await db.meta.get('active');
    if (record?.key !== 'active') return null;
    const active: ActiveCatalog = record.value;
    const index = await activeIndex(db, active);
    if (!index) return null;
    const positions = keys.map((key) => (key ? positionsFor(index, key) : []));
    const lines = await readLines(db, active.slot, positions.flat());
    return { positions, lines };
  });
  if (!found) return keys.map(() => null);

  const parsed = new Map<number, Paper | null>();
  const paperAt = (position: number): Paper | null => {
    if (!parsed.has(position)) {
      const line = found.lines.get(position);
      // The loader validated every line; parsing again strips any field the schema does not know.
      const paper = line === undefined ? null : paperSchema.safeParse(JSON.parse(line));
      parsed.set(position, paper?.success ? paper.data : null);
    }
    return parsed.get(position)!;
  };
  return keys.map((key, i) => {
    if (!key) return null;
    for (const position of found.positions[i]!) {
      const paper = paperAt(position);
      if (paper && matches(paper, key)) return { paper, matchedBy: key.by };
    }
    return null;
  });
}

export async function lookupPaper(db: CatalogDb, query: string): Promise<LookupMatch | null> {
  const [match] = await lookupCandidates(db, [query]);
  return match ?? null;
}
