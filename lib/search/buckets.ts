import type { CatalogDb } from '../db/catalog-db';
import type { OpenIndex } from './index-reader';
import { bucketKey, bucketOf, spillKey, type BucketRecord, type SpillRecord } from './records';

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

export async function readBuckets(
  db: CatalogDb,
  index: OpenIndex,
  names: Iterable<string>,
): Promise<Buckets> {
  const wanted = [...new Set(names)];
  const keys = wanted.flatMap((name) =>
    Array.from({ length: index.segments }, (_, s) => bucketKey(s, name)),
  );
  const records = (await db.search(index.slot).bulkGet(keys)) as (BucketRecord | undefined)[];
  const out: Buckets = new Map();
  wanted.forEach((name, i) => {
    out.set(name, records.slice(i * index.segments, (i + 1) * index.segments));
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

export type TermRequest = { term: string; abstract: boolean };
export type Postings = Map<string, { seg: number; data: Uint8Array }[]>;

/**
 * Postings of each term per segment (segment number, bytes), spilled ones read in one go. With
 * `abstract: false`, only papers that have the term outside their abstract.
 */
export async function readPostings(
  db: CatalogDb,
  index: OpenIndex,
  buckets: Buckets,
  requests: readonly TermRequest[],
): Promise<Postings> {
  const out: Postings = new Map();
  const spilled: { term: string; seg: number; key: string }[] = [];
  for (const { term, abstract } of requests) {
    const parts: { seg: number; data: Uint8Array }[] = [];
    (buckets.get(bucketOf(term)) ?? []).forEach((record, seg) => {
      if (!record) return;
      const list = termsOf(record);
      const i = lowerBound(list, term);
      if (list[i] !== term) return;
      const lists: [Uint32Array, Uint8Array, Uint16Array, boolean][] = [
        [record.off, record.data, record.pieces, false],
      ];
      if (abstract) lists.push([record.aoff, record.adata, record.apieces, true]);
      for (const [off, data, pieces, abstractOnly] of lists) {
        for (let k = 0; k < pieces[i]!; k++) {
          spilled.push({ term, seg, key: spillKey(seg, term, k, abstractOnly) });
        }
        if (!pieces[i] && off[i + 1]! > off[i]!) {
          parts.push({ seg, data: data.subarray(off[i]!, off[i + 1]!) });
        }
      }
    });
    out.set(term, parts);
  }
  if (spilled.length) {
    const records = (await db.search(index.slot).bulkGet(spilled.map((s) => s.key))) as (
      SpillRecord | undefined
    )[];
    records.forEach((record, i) => {
      if (record) out.get(spilled[i]!.term)!.push({ seg: spilled[i]!.seg, data: record.data });
    });
  }
  return out;
}
