import { hash53, normalizeTitle, parseArxivId, parseDoi } from '../catalog/identifiers';
import { paperSchema, type Paper } from '../catalog/schema';
import type { MessageOutput } from '../messaging/protocol';
import type { ActiveCatalog, CatalogDb } from './catalog-db';
import { readLines } from './catalog-chunks';
import { idAt, positionsOf, type CatalogIndex } from './catalog-index';
import { activeIndex } from './index-cache';

export type LookupMatch = NonNullable<MessageOutput<'lookupPaper'>>;
export type CandidateMatch = NonNullable<MessageOutput<'lookupCandidates'>[number]>;

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

/** The catalog position of the paper `key` names, from the index alone. */
function positionOf(index: CatalogIndex, key: NonNullable<CandidateKey>): number | undefined {
  if (key.by === 'arxiv') {
    // Ids are held exactly, so an id hit is certain, not probable.
    return positionsOf(index.id, hash53(key.id)).find((p) => idAt(index, p) === key.id);
  }
  const column = key.by === 'doi' ? index.doi : index.title;
  return positionsOf(column, hash53(key.by === 'doi' ? key.doi : key.normalized))[0];
}

/**
 * Runs `read` over the active catalog and its index in ONE read transaction, so a load switching
 * catalogs mid-request can never mix old and new. Null when no catalog is active yet.
 */
async function withActive<T>(
  db: CatalogDb,
  read: (index: CatalogIndex, active: ActiveCatalog) => Promise<T> | T,
): Promise<T | null> {
  const tables = [db.meta, db.indexes, db.chunks0, db.chunks1];
  return db.transaction('r', tables, async () => {
    const record = await db.meta.get('active');
    if (record?.key !== 'active') return null;
    const index = await activeIndex(db, record.value);
    return index ? read(index, record.value) : null;
  });
}

/** One answer per candidate: the catalog id it names, or null. Reads no paper records. */
export async function lookupCandidates(
  db: CatalogDb,
  candidates: readonly string[],
): Promise<(CandidateMatch | null)[]> {
  const keys = candidates.map(classifyCandidate);
  const answers = await withActive(db, (index) =>
    keys.map((key): CandidateMatch | null => {
      const position = key ? positionOf(index, key) : undefined;
      const id = position === undefined ? undefined : idAt(index, position);
      return id && key ? { id, matchedBy: key.by } : null;
    }),
  );
  return answers ?? keys.map(() => null);
}

async function readPapers(
  db: CatalogDb,
  index: CatalogIndex,
  active: ActiveCatalog,
  ids: readonly (string | undefined)[],
): Promise<(Paper | null)[]> {
  const positions = ids.map((id) => (id ? positionOf(index, { by: 'arxiv', id }) : undefined));
  const lines = await readLines(
    db,
    active.slot,
    positions.filter((p) => p !== undefined),
  );
  return positions.map((position, i) => {
    const line = position === undefined ? undefined : lines.get(position);
    if (line === undefined) return null;
    // The loader validated every line; parsing again strips any field the schema does not know.
    const parsed = paperSchema.safeParse(JSON.parse(line));
    return parsed.success && parsed.data.id === ids[i] ? parsed.data : null;
  });
}

/** Full records by catalog id, in order; null for an id the catalog does not hold. */
export async function getPapers(db: CatalogDb, ids: readonly string[]): Promise<(Paper | null)[]> {
  const papers = await withActive(db, (index, active) => readPapers(db, index, active, ids));
  return papers ?? ids.map(() => null);
}

/** One paper by arXiv id, any arXiv-style URL, DOI or exact title, with its full record. */
export async function lookupPaper(db: CatalogDb, query: string): Promise<LookupMatch | null> {
  const key = classifyCandidate(query);
  if (!key) return null;
  const found = await withActive(db, async (index, active) => {
    const position = positionOf(index, key);
    const id = position === undefined ? undefined : idAt(index, position);
    const [paper] = await readPapers(db, index, active, [id]);
    return paper ? { paper, matchedBy: key.by } : null;
  });
  return found ?? null;
}
