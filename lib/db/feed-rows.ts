import { mergePaper } from '../catalog/merge';
import { sourceIdSchema, type Paper, type SourceId } from '../catalog/schema';
import type { FeedRow } from './catalog-db';

/**
 * The feed table keeps, per paper, what each source said about it (merged over that source's
 * batches). The paper the catalog shows is always recomputed from them: the base catalog's record
 * if it has one, then each source's contribution merged in, oldest first. So a paper reads the
 * same whether it was built batch by batch, re-applied after a new catalog load, or rebuilt when
 * one source's papers are removed.
 */

const SOURCES = sourceIdSchema.options;
const EPOCH = new Date(0).toISOString();

/** When a source last changed its contribution (stamped in its origin). */
function stampedAt(paper: Paper, source: SourceId): string {
  const at = paper.origin?.find((o) => o.source === source)?.at;
  return at && !Number.isNaN(Date.parse(at)) ? at : EPOCH;
}

/** A source's first word on a paper, stamped with the source and the time. */
function stamp(paper: Paper, source: SourceId, now: Date): Paper {
  const at = now.toISOString();
  return { ...paper, origin: [{ source, at }], updatedAt: at };
}

/** The row with `paper` merged into `source`'s contribution; `changed` if the row changed. */
export function contribute(
  row: FeedRow | undefined,
  source: SourceId,
  paper: Paper,
  now: Date,
): { row: FeedRow; changed: boolean } {
  const before = row?.sources[source];
  if (before) {
    const merged = mergePaper(before, paper, source, now);
    if (merged.change === 'none') return { row: row!, changed: false };
    return {
      row: { ...row!, sources: { ...row!.sources, [source]: merged.paper } },
      changed: true,
    };
  }
  const sources = { ...row?.sources, [source]: stamp(paper, source, now) };
  return { row: { id: paper.id, by: sourcesOf(sources), sources }, changed: true };
}

/** The row without `source`'s contribution; null when no source is left. */
export function withoutSource(row: FeedRow, source: SourceId): FeedRow | null {
  const sources = { ...row.sources };
  delete sources[source];
  const by = sourcesOf(sources);
  return by.length ? { id: row.id, by, sources } : null;
}

function sourcesOf(sources: FeedRow['sources']): SourceId[] {
  return SOURCES.filter((s) => sources[s]);
}

/**
 * The paper as the catalog shows it: `base` (the catalog file's record, if any) with every
 * source's contribution merged in, oldest first; undefined with neither.
 */
export function foldSources(
  base: Paper | undefined,
  sources: FeedRow['sources'],
): Paper | undefined {
  const ordered = sourcesOf(sources)
    .map((source) => ({ source, paper: sources[source]!, at: stampedAt(sources[source]!, source) }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  let paper = base;
  for (const { source, paper: add, at } of ordered) {
    paper = paper ? mergePaper(paper, add, source, new Date(at)).paper : add;
  }
  return paper;
}
