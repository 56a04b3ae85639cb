import { hash32, normalizeTitle, parseArxivId, parseDoi } from '../catalog/identifiers';
import { paperSchema, type Paper } from '../catalog/schema';
import { findTitles, type TitleIndexView } from '../detect/prose-match';
import { scanText, type TextScan } from '../detect/text-scan';
import { headKey } from '../detect/title-words';
import type { MessageOutput } from '../messaging/protocol';
import type { ActiveCatalog, CatalogDb } from './catalog-db';
import { readLines } from './catalog-chunks';
import {
  viewHeadPositions,
  viewIdAt,
  viewPosition,
  viewTitleAt,
  viewWordCount,
  type CatalogView,
  type ViewKey,
} from './catalog-view';
import { activeView } from './index-cache';

export type LookupMatch = NonNullable<MessageOutput<'lookupPaper'>>;
export type CandidateMatch = NonNullable<MessageOutput<'lookupCandidates'>[number]>;
export type TitlesInText = MessageOutput<'findTitlesInText'>;
export type TextMatch = TitlesInText['titles'][number][number];

/** What a candidate string names, in the order identifiers are trusted. */
export type CandidateKey = ViewKey | null;

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

/**
 * Runs `read` over the active catalog and its view (base and feed tail, catalog-view.ts) in ONE
 * read transaction, so a load switching catalogs or a feed batch committing mid-request can never
 * mix old and new. Null when no catalog is active yet.
 */
async function withActive<T>(
  db: CatalogDb,
  read: (view: CatalogView, active: ActiveCatalog) => Promise<T> | T,
): Promise<T | null> {
  const tables = [db.meta, db.indexes, db.chunks0, db.chunks1, db.tails0, db.tails1];
  return db.transaction('r', tables, async () => {
    const record = await db.meta.get('active');
    if (record?.key !== 'active') return null;
    const view = await activeView(db, record.value);
    return view ? read(view, record.value) : null;
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
function prefixCandidates(view: CatalogView, prefix: string): number[] {
  const words = prefix.split(' ');
  const head = headKey(words);
  if (!head) return [];
  const positions = viewHeadPositions(view, hash32(head)).filter(
    (p) => viewWordCount(view, p) >= words.length,
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
  const answers = await withActive(db, async (view, active) => {
    // A cut title is longer than what shows, so it never matches a catalog title exactly equal
    // to the shown part ("Improving the Training of Rectified Flows …" may go on "in Practice").
    const prefixes = keys.map((key, i) =>
      key?.by === 'title' ? truncatedPrefix(candidates[i]!) : undefined,
    );
    const proposed = prefixes.map((prefix) => (prefix ? prefixCandidates(view, prefix) : []));
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
        position = viewPosition(view, key);
      }
      const id = position === undefined ? undefined : viewIdAt(view, position);
      return id && key ? { id, matchedBy: key.by } : null;
    });
  });
  return answers ?? keys.map(() => null);
}

/** The catalog as the prose matcher sees it. */
function titleView(view: CatalogView): TitleIndexView {
  return {
    headPositions: (hash) => viewHeadPositions(view, hash),
    wordCount: (position) => viewWordCount(view, position),
    titleAt: (hash) => viewTitleAt(view, hash),
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
  const answers = await withActive(db, (view) => {
    const titles = texts.map((text) =>
      findTitles(titleView(view), text).flatMap(({ position, start, end }) => {
        const id = viewIdAt(view, position);
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
  const answer = await withActive(db, (view) =>
    scanText(titleView(view), text, (id) => {
      const key = id.kind === 'doi' ? { by: 'doi' as const, doi: id.query } : null;
      return viewPosition(view, key ?? { by: 'arxiv', id: id.query }) !== undefined;
    }),
  );
  return answer ?? { heads: [], ids: [] };
}

async function readPapers(
  db: CatalogDb,
  view: CatalogView,
  active: ActiveCatalog,
  ids: readonly (string | undefined)[],
): Promise<(Paper | null)[]> {
  const positions = ids.map((id) => (id ? viewPosition(view, { by: 'arxiv', id }) : undefined));
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
  const papers = await withActive(db, (view, active) => readPapers(db, view, active, ids));
  return papers ?? ids.map(() => null);
}

/** One paper by arXiv id, any arXiv-style URL, DOI or exact title, with its full record. */
export async function lookupPaper(db: CatalogDb, query: string): Promise<LookupMatch | null> {
  const key = classifyCandidate(query);
  if (!key) return null;
  const found = await withActive(db, async (view, active) => {
    const position = viewPosition(view, key);
    const id = position === undefined ? undefined : viewIdAt(view, position);
    const [paper] = await readPapers(db, view, active, [id]);
    return paper ? { paper, matchedBy: key.by } : null;
  });
  return found ?? null;
}
