import type { CatalogDb } from '../db/catalog-db';
import type { OpenIndex } from './index-reader';
import {
  bucketKey,
  bucketOf,
  championKey,
  spillKey,
  type BucketRecord,
  type ChampionRecord,
  type SpillRecord,
} from './records';
import { forEachPosting } from './varint';

/**
 * Reading the dictionary buckets and postings of a query's terms across all segments: one
 * bulkGet for the buckets, one for spilled postings.
 */

export type Buckets = Map<string, (BucketRecord | undefined)[]>;
const termLists = new WeakMap<BucketRecord, string[]>();

function termsOf(record: BucketRecord): string[] {
  let list = termLists.get(record);
  if (!list) termLists.set(record, (list = record.terms.split('\n')));
  return list;
}

function lowerBound(list: readonly string[], value: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Buckets of every segment, or only of `segments` (the others left undefined). */
export async function readBuckets(
  db: CatalogDb,
  index: OpenIndex,
  names: Iterable<string>,
  segments: ReadonlySet<number> | null = null,
): Promise<Buckets> {
  const wanted = [...new Set(names)];
  const all = Array.from({ length: index.segments }, (_, s) => s);
  const read = segments ? all.filter((s) => segments.has(s)) : all;
  const keys = wanted.flatMap((name) => read.map((s) => bucketKey(s, name)));
  const table = db.search(index.slot);
  const records = (await index.records.getMany(keys, (missing) => table.bulkGet(missing))) as (
    BucketRecord | undefined
  )[];
  const out: Buckets = new Map();
  wanted.forEach((name, i) => {
    const list: (BucketRecord | undefined)[] = new Array<undefined>(index.segments);
    read.forEach((s, j) => (list[s] = records[i * read.length + j]));
    out.set(name, list);
  });
  return out;
}

/** Papers containing `term`, summed over segments; 0 when the term is absent. */
export function dfOf(buckets: Buckets, term: string): number {
  let df = 0;
  for (const record of buckets.get(bucketOf(term)) ?? []) {
    if (!record) continue;
    const list = termsOf(record);
    const i = lowerBound(list, term);
    if (list[i] === term) df += record.df[i]!;
  }
  return df;
}

/** Terms of the loaded buckets that start with `prefix` (not the prefix itself), with df. */
export function termsWithPrefix(buckets: Buckets, prefix: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const record of buckets.get(bucketOf(prefix)) ?? []) {
    if (!record) continue;
    const list = termsOf(record);
    for (let i = lowerBound(list, prefix); i < list.length && list[i]!.startsWith(prefix); i++) {
      if (list[i] !== prefix) out.set(list[i]!, (out.get(list[i]!) ?? 0) + record.df[i]!);
    }
  }
  return out;
}

/** Every term of the loaded buckets for `bucket`, with df (for typo scans). */
export function bucketTerms(buckets: Buckets, bucket: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const record of buckets.get(bucket) ?? []) {
    if (!record) continue;
    termsOf(record).forEach((t, i) => out.set(t, (out.get(t) ?? 0) + record.df[i]!));
  }
  return out;
}

/**
 * `abstract`: also papers with the term in the abstract only. `champions`: in segments where the
 * term spilled, only its champion list (champions.ts), when the index has one.
 */
export type TermRequest = { term: string; abstract: boolean; champions?: boolean };
/** Per term, postings as bytes with the catalog position their local positions start from. */
export type Postings = Map<string, { base: number; data: Uint8Array }[]>;

/**
 * A champion list carries its papers' years: ranking its many near-ties by recency then needs
 * no year slices (a one-letter prefix would otherwise read a slice per champion).
 */
function knowYears(index: OpenIndex, record: ChampionRecord) {
  let k = 0;
  forEachPosting(record.data, (p) => {
    index.years[p] = record.years[k++]!;
    index.yearKnown[p] = 1;
  });
}

/** Postings of each term, spilled pieces and champion lists read in one go. */
export async function readPostings(
  db: CatalogDb,
  index: OpenIndex,
  buckets: Buckets,
  requests: readonly TermRequest[],
  /** Only these segments (champion lists, which span all, are read regardless). */
  segments: ReadonlySet<number> | null = null,
): Promise<Postings> {
  const out: Postings = new Map();
  const table = db.search(index.slot);
  const read = (keys: string[]) =>
    index.records.getMany(keys, (missing) => table.bulkGet(missing)) as Promise<
      (SpillRecord | undefined)[]
    >;
  const pending: { term: string; base: number; key: string }[] = [];
  for (const { term, abstract, champions } of requests) {
    const parts: { base: number; data: Uint8Array }[] = [];
    const records = buckets.get(bucketOf(term));
    // A common expansion of a short prefix whose buckets were not read: its champion list alone.
    let spilled = !records && !!champions;
    (records ?? []).forEach((record, seg) => {
      if (!record || (segments && !segments.has(seg))) return;
      const list = termsOf(record);
      const i = lowerBound(list, term);
      if (list[i] !== term) return;
      const base = seg * index.segment;
      const lists: [Uint32Array, Uint8Array, Uint16Array, boolean][] = [
        [record.off, record.data, record.pieces, false],
      ];
      if (abstract) lists.push([record.aoff, record.adata, record.apieces, true]);
      for (const [off, data, count, abstractOnly] of lists) {
        // Where the term spilled, its champion list (one record for all segments) stands in.
        if (champions && !abstractOnly && count[i]) spilled = true;
        else {
          for (let k = 0; k < count[i]!; k++) {
            pending.push({ term, base, key: spillKey(seg, term, k, abstractOnly) });
          }
        }
        if (!count[i] && off[i + 1]! > off[i]!) {
          parts.push({ base, data: data.subarray(off[i]!, off[i + 1]!) });
        }
      }
    });
    if (spilled) pending.push({ term, base: 0, key: championKey(term) });
    out.set(term, parts);
  }
  if (pending.length) {
    const records = await read(pending.map((s) => s.key));
    records.forEach((record, i) => {
      const { term, base } = pending[i]!;
      if (!record) return;
      out.get(term)!.push({ base, data: record.data });
      if ('years' in record) knowYears(index, record as ChampionRecord);
    });
  }
  return out;
}
