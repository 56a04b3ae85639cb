import { normalizeTitle, parseArxivId, parseDoi, titleKey } from '../catalog/identifiers';
import type { Paper } from '../catalog/schema';
import type { MessageOutput } from '../messaging/protocol';
import type { CatalogDb, StoredPaper } from './catalog-db';

export type LookupMatch = NonNullable<MessageOutput<'lookupPaper'>>;

/** What a candidate string names, in the order identifiers are trusted. */
export type CandidateKey =
  | { by: 'arxiv'; id: string }
  | { by: 'doi'; doi: string }
  | { by: 'title'; key: string; normalized: string }
  | null;

export function classifyCandidate(candidate: string): CandidateKey {
  // parseArxivId also maps arXiv DOIs (10.48550/arXiv.ID) to the id.
  const arxivId = parseArxivId(candidate);
  if (arxivId) return { by: 'arxiv', id: arxivId };
  const doi = parseDoi(candidate);
  if (doi) return { by: 'doi', doi };
  const normalized = normalizeTitle(candidate);
  if (!normalized) return null;
  return { by: 'title', key: titleKey(candidate), normalized };
}

function toPaper({ titleKey: _key, doiKey: _doi, ...paper }: StoredPaper): Paper {
  return paper;
}

/**
 * One answer per candidate (null when nothing matches), all read in ONE transaction together
 * with the active slot, so a load switching catalogs mid-request can never mix old and new.
 * Keys are deduplicated and fetched with one bulkGet and two anyOf queries.
 */
export async function lookupCandidates(
  db: CatalogDb,
  candidates: readonly string[],
): Promise<(LookupMatch | null)[]> {
  const keys = candidates.map(classifyCandidate);
  const ids = new Set<string>();
  const dois = new Set<string>();
  const titleKeys = new Set<string>();
  for (const key of keys) {
    if (key?.by === 'arxiv') ids.add(key.id);
    else if (key?.by === 'doi') dois.add(key.doi);
    else if (key?.by === 'title') titleKeys.add(key.key);
  }
  const tables = [db.meta, db.papers0, db.papers1];
  const found = await db.transaction('r', tables, async () => {
    const active = await db.meta.get('active');
    if (active?.key !== 'active') return null;
    const table = db.papers(active.value.slot);
    const [byId, byDoi, byTitle] = await Promise.all([
      ids.size ? table.bulkGet([...ids]) : [],
      dois.size
        ? table
            .where('doiKey')
            .anyOf([...dois])
            .toArray()
        : [],
      titleKeys.size
        ? table
            .where('titleKey')
            .anyOf([...titleKeys])
            .toArray()
        : [],
    ]);
    return { byId, byDoi, byTitle };
  });
  if (!found) return keys.map(() => null);

  const idMap = new Map(found.byId.flatMap((p) => (p ? [[p.id, p] as const] : [])));
  const doiMap = new Map(found.byDoi.map((p) => [p.doiKey!, p] as const));
  // Several papers may share a hash; the normalized title decides (a collision never matches).
  const titleMap = new Map<string, StoredPaper>();
  for (const paper of found.byTitle) {
    const normalized = normalizeTitle(paper.title);
    if (!titleMap.has(normalized)) titleMap.set(normalized, paper);
  }
  return keys.map((key) => {
    let paper: StoredPaper | undefined;
    if (key?.by === 'arxiv') paper = idMap.get(key.id);
    else if (key?.by === 'doi') paper = doiMap.get(key.doi);
    else if (key?.by === 'title') paper = titleMap.get(key.normalized);
    return paper && key ? { paper: toPaper(paper), matchedBy: key.by } : null;
  });
}

export async function lookupPaper(db: CatalogDb, query: string): Promise<LookupMatch | null> {
  const [match] = await lookupCandidates(db, [query]);
  return match ?? null;
}
