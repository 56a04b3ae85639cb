import { mergeCodeLinks } from './clean';
import { normalizeTitle } from './identifiers';
import type { SourceRecord } from './importers/source';

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
