import { hash32, hash53, normalizeTitle, parseArxivId, parseDoi } from '../catalog/identifiers';
import { paperSchema, type Paper } from '../catalog/schema';
import { findTitles, type TitleIndexView } from '../detect/prose-match';
import { scanText, type TextScan } from '../detect/text-scan';
import { headKey } from '../detect/title-words';
import type { MessageOutput } from '../messaging/protocol';
import type { ActiveCatalog, CatalogDb } from './catalog-db';
import { readLines } from './catalog-chunks';
import { headPositions, idAt, positionsOf, type CatalogIndex } from './catalog-index';
import { activeIndex } from './index-cache';

export type LookupMatch = NonNullable<MessageOutput<'lookupPaper'>>;
export type CandidateMatch = NonNullable<MessageOutput<'lookupCandidates'>[number]>;
export type TitlesInText = MessageOutput<'findTitlesInText'>;
export type TextMatch = TitlesInText['titles'][number][number];

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

/** A title the page cut short ("Mamba: Linear-Time Sequence Mod…", Scholar, X). */
const ELLIPSIS = /\s*(?:…|\.\.\.)$/;
/** A cut title names one paper only when this much of it shows (normalized words and chars). */
export const MIN_PREFIX_WORDS = 4;
export const MIN_PREFIX_CHARS = 24;
/** More catalog titles than this under one head: too common a start to verify record by record. */
const MAX_PREFIX_READS = 16;

/** The normalized start of a truncated title, when it is long enough to be worth a lookup. */
export function truncatedPrefix(candidate: string): string | undefined {
  if (!ELLIPSIS.test(candidate)) return undefined;
  const prefix = normalizeTitle(candidate.replace(ELLIPSIS, ''));
  if (prefix.length < MIN_PREFIX_CHARS) return undefined;
  return prefix.split(' ').length >= MIN_PREFIX_WORDS ? prefix : undefined;
}

/** Positions whose title may start with `prefix`: the head's titles long enough to. */
function prefixCandidates(index: CatalogIndex, prefix: string): number[] {
  const words = prefix.split(' ');
  const head = headKey(words);
  if (!head) return [];
  const positions = headPositions(index.head, hash32(head)).filter(
    (p) => index.wordCount[p]! >= words.length,
  );
  return positions.length > MAX_PREFIX_READS ? [] : positions;
}

/** Records read per request to verify cut titles: a page of 2000 of them stays one bounded read. */
const MAX_PREFIX_RECORDS = 1000;

/**
 * One answer per candidate: the catalog id it names, or null. Reads no paper records, except to
 * verify truncated titles (ending in `…` or `...`): the one catalog title that starts with what the
 * page shows (its last word may itself be cut: "Mod…") is a match; none or several are not. The
 * head column proposes, and the records of those few titles decide, all in one bulk read.
 */
export async function lookupCandidates(
  db: CatalogDb,
  candidates: readonly string[],
): Promise<(CandidateMatch | null)[]> {
  const keys = candidates.map(classifyCandidate);
  const answers = await withActive(db, async (index, active) => {
    // A cut title is longer than what shows, so it never matches a catalog title exactly equal
    // to the shown part ("Improving the Training of Rectified Flows …" may go on "in Practice").
    const prefixes = keys.map((key, i) =>
      key?.by === 'title' ? truncatedPrefix(candidates[i]!) : undefined,
    );
    const proposed = prefixes.map((prefix) => (prefix ? prefixCandidates(index, prefix) : []));
    const wanted = [...new Set(proposed.flat())].slice(0, MAX_PREFIX_RECORDS);
    const lines = wanted.length ? await readLines(db, active.slot, wanted) : new Map();
    const titleAt = (p: number) => {
      const line = lines.get(p);
      return line === undefined ? undefined : normalizeTitle((JSON.parse(line) as Paper).title);
    };
    return keys.map((key, i): CandidateMatch | null => {
      const prefix = prefixes[i];
      let position: number | undefined;
      if (key?.by === 'title' && ELLIPSIS.test(candidates[i]!)) {
        // Too little shows ("Sliced Recursive Transformer …"): the title is longer than any match.
        if (!prefix) return null;
        const matching = proposed[i]!.filter((p) => {
          const title = titleAt(p);
          return !!title && title.length > prefix.length && title.startsWith(prefix);
        });
        position = matching.length === 1 ? matching[0] : undefined;
      } else if (key) {
        position = positionOf(index, key);
      }
      const id = position === undefined ? undefined : idAt(index, position);
      return id && key ? { id, matchedBy: key.by } : null;
    });
  });
  return answers ?? keys.map(() => null);
}

/** The index as the prose matcher sees it. */
function titleView(index: CatalogIndex): TitleIndexView {
  return {
    headPositions: (hash) => headPositions(index.head, hash),
    wordCount: (position) => index.wordCount[position] ?? 0,
    titleAt: (hash) => positionsOf(index.title, hash)[0],
  };
}

/**
 * Catalog titles inside page text: per text, each title found with its character span. Reads no
 * records; see lib/detect/prose-match.ts for what counts as a title in prose.
 */
export async function findTitlesInText(
  db: CatalogDb,
  texts: readonly string[],
): Promise<TitlesInText> {
  const answers = await withActive(db, (index) => {
    const view = titleView(index);
    const titles = texts.map((text) =>
      findTitles(view, text).flatMap(({ position, start, end }) => {
        const id = idAt(index, position);
        return id ? [{ id, start, end }] : [];
      }),
    );
    return { titles };
  });
  return answers ?? { titles: texts.map(() => []) };
}

/**
 * The first look at a page's whole text (lib/detect/text-scan.ts): where a catalog title may
 * start and where a catalog paper's identifier is written. Reads no records.
 */
export async function scanPageText(db: CatalogDb, text: string): Promise<TextScan> {
  const answer = await withActive(db, (index) =>
    scanText(titleView(index), text, (id) => {
      const key = id.kind === 'doi' ? { by: 'doi' as const, doi: id.query } : null;
      return positionOf(index, key ?? { by: 'arxiv', id: id.query }) !== undefined;
    }),
  );
  return answer ?? { heads: [], ids: [] };
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
