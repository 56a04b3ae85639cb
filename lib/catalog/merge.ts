import { classifyUrl, cleanUrl, mergeCodeLinks } from './clean';
import { normalizeTitle } from './identifiers';
import type { SourceRecord } from './importers/source';
import type { CodeLink, Paper, SourceId } from './schema';

/**
 * Merges what several sources know about the same paper. Records meet by arXiv id, or by
 * normalized title when either side has no id (a title match never joins two different ids).
 * Where sources disagree the richer value wins: the longer abstract, the longer author list, the
 * more precise date; otherwise the first source read keeps its value. Code links are unioned.
 */
export class CatalogMerger {
  private readonly records: SourceRecord[] = [];
  private readonly byArxiv = new Map<string, SourceRecord>();
  private readonly byTitle = new Map<string, SourceRecord>();

  add(record: SourceRecord): void {
    const titleKey = normalizeTitle(record.title);
    const byTitle = this.byTitle.get(titleKey);
    const titleMatch =
      byTitle && (!byTitle.arxivId || !record.arxivId || byTitle.arxivId === record.arxivId)
        ? byTitle
        : undefined;
    const existing = (record.arxivId && this.byArxiv.get(record.arxivId)) || titleMatch;
    const merged = existing ? mergeInto(existing, record) : { ...record, code: [...record.code] };
    if (!existing) this.records.push(merged);
    if (merged.arxivId) this.byArxiv.set(merged.arxivId, merged);
    if (titleKey && !this.byTitle.has(titleKey)) this.byTitle.set(titleKey, merged);
  }

  /** Merged records in first-seen order; papers known only from a code-links file are left out. */
  merged(): SourceRecord[] {
    return this.records
      .filter((r) => !r.augmentOnly)
      .map((r) => ({ ...r, code: mergeCodeLinks(r.code) }));
  }
}

function mergeInto(target: SourceRecord, extra: SourceRecord): SourceRecord {
  target.arxivId ??= extra.arxivId;
  target.doi ??= extra.doi;
  if (!target.title) target.title = extra.title;
  if (extra.authors.length > target.authors.length) target.authors = extra.authors;
  if (extra.abstract.length > target.abstract.length) target.abstract = extra.abstract;
  target.published = pickDate(target.published, extra.published);
  target.venue ||= extra.venue;
  target.code.push(...extra.code);
  target.augmentOnly = Boolean(target.augmentOnly && extra.augmentOnly);
  return target;
}

/**
 * The more precise of two dates that agree (`2024-09` and `2024-09-12`); when they disagree,
 * the earlier, since the catalog records the first version.
 */
export function pickDate(a: string | undefined, b: string | undefined): string | undefined {
  if (!a || !b) return a || b;
  if (b.startsWith(a)) return b;
  if (a.startsWith(b)) return a;
  return a < b ? a : b;
}

/** How a merge changed a stored paper: not at all, in fields no index reads, or in indexed ones. */
export type PaperChange = 'none' | 'in-place' | 'reindex';

/**
 * Everything the lookup index (catalog-index.ts keyPart: id, title, DOI) and the search index
 * (search/doc-terms.ts: terms of title, authors, abstract, keywords, repository links and ids;
 * display rows and filters: year, venue, whether there is code) read from a paper. A change here
 * moves the paper to a new catalog position; any other change rewrites its record in place.
 */
function indexedFields(paper: Paper): string {
  return JSON.stringify([
    paper.id,
    paper.arxivId ?? '',
    paper.doi ?? '',
    paper.title,
    paper.authors,
    paper.abstract,
    paper.keywords,
    paper.code.filter((c) => c.kind === 'repository').map((c) => c.url),
    paper.code.length > 0,
    paper.published?.slice(0, 4) ?? '',
    paper.venue ?? '',
  ]);
}

/** JSON with object keys sorted, so two records compare equal whatever order built them. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** What replacing stored paper `old` with `next` takes. */
export function paperChange(old: Paper, next: Paper): PaperChange {
  if (indexedFields(old) !== indexedFields(next)) return 'reindex';
  return canonical(old) === canonical(next) ? 'none' : 'in-place';
}

/** `a` unless it is empty, then `b` if it says anything. */
function fill<T extends string>(a: T | undefined, b: T | undefined): T | undefined {
  return a ? a : (b ?? a);
}

/** Both lists, `a` first, without repeats (case-insensitive), at most `cap` (a's items first). */
function unite(a: readonly string[], b: readonly string[], cap: number): string[] {
  const seen = new Set(a.map((s) => s.toLowerCase()));
  const out = [...a];
  for (const s of b) {
    if (out.length >= cap) break;
    if (!seen.has(s.toLowerCase())) out.push(s);
    seen.add(s.toLowerCase());
  }
  return out;
}

const MAX_CODE = 50;

function linkKey(link: CodeLink): string {
  const url = cleanUrl(link.url);
  return (url && classifyUrl(url)?.key) ?? `url:${link.url}`;
}

/**
 * Code links of both, deduplicated and ordered by mergeCodeLinks, without losing any of `old`'s:
 * a link mergeCodeLinks would drop (say, an unclassifiable one from a hand-made catalog) stays.
 */
function mergeCode(old: CodeLink[], add: CodeLink[]): CodeLink[] {
  if (add.length === 0) return old;
  const merged = mergeCodeLinks([...old, ...add]);
  const keys = new Set(merged.map(linkKey));
  const oldKeys = new Set(old.map(linkKey));
  const out = [...merged, ...old.filter((link) => !keys.has(linkKey(link)))];
  for (let i = out.length - 1; out.length > MAX_CODE && i >= 0; i--) {
    if (!oldKeys.has(linkKey(out[i]!))) out.splice(i, 1);
  }
  return out;
}

/** The object without keys whose value is undefined (records then compare and store alike). */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Merges what a feed says about a paper into the stored record, field by field, never emptying a
 * field: id, arXiv id and title stay; DOI, venue and links are filled when missing; the longer
 * author list and abstract win (the summary goes with its abstract); dates by pickDate; code links,
 * keywords (at most 20) and categories are united; upvotes take the feed's value and the AI
 * summary its non-empty one; related papers stay unless there were none. When anything changed,
 * or the source is new to the paper, `origin` records the source at `now` and `updatedAt` is set.
 */
export function mergePaper(
  old: Paper,
  add: Paper,
  source: SourceId,
  now: Date,
): { paper: Paper; change: PaperChange } {
  const abstractFromAdd = add.abstract.length > old.abstract.length;
  const categories =
    old.categories || add.categories
      ? unite(old.categories ?? [], add.categories ?? [], 20)
      : undefined;
  const merged = compact({
    ...old,
    arxivId: old.arxivId ?? add.arxivId,
    doi: fill(old.doi, add.doi),
    authors: add.authors.length > old.authors.length ? add.authors : old.authors,
    published: pickDate(old.published, add.published),
    venue: fill(old.venue, add.venue),
    abstract: abstractFromAdd ? add.abstract : old.abstract,
    summary: abstractFromAdd ? add.summary || old.summary : old.summary || add.summary,
    links: compact({
      abs: old.links.abs ?? add.links.abs,
      pdf: old.links.pdf ?? add.links.pdf,
      hf: old.links.hf ?? add.links.hf,
    }),
    code: mergeCode(old.code, add.code),
    keywords: unite(old.keywords, add.keywords, 20),
    categories,
    related: old.related.length > 0 ? old.related : add.related,
    upvotes: add.upvotes ?? old.upvotes,
    aiSummary: add.aiSummary || old.aiSummary,
  });
  const change = paperChange(old, merged);
  const listed = old.origin?.some((o) => o.source === source) ?? false;
  if (change === 'none' && listed) return { paper: old, change };
  const at = now.toISOString();
  const origin = [...(old.origin ?? []).filter((o) => o.source !== source), { source, at }];
  return {
    paper: { ...merged, origin: origin.slice(-3), updatedAt: at },
    change: change === 'none' ? 'in-place' : change,
  };
}
