import {
  championKey,
  segmentChampionsKey,
  type ChampionRecord,
  type SearchRecord,
  type SegmentChampionsRecord,
} from './records';
import { forEachPosting, PostingWriter } from './varint';

/**
 * Champion lists: for every term whose postings spill (hundreds of papers in a segment), its
 * papers with the highest impact. A prefix or typo expansion of such a term (`s` -> scenes,
 * `sa` -> sato) reads this one small record instead of tens of thousands of postings: an
 * expansion is a guess at what the user means, so its best papers are what it can contribute.
 * Exact query words always read full postings.
 *
 * Built in two steps, like the head dictionary: each segment keeps its own best
 * SEGMENT_CHAMPIONS per spilled term (`m:SSS`), and the end of the load merges them into one
 * `c:TERM` record of at most CHAMPIONS papers, as postings over catalog positions.
 */

export const CHAMPIONS = 1024;
export const SEGMENT_CHAMPIONS = 256;
/** An expansion with more papers than this reads its champion list, when it has one. */
export const CHAMPION_MIN_DF = 8 * CHAMPIONS;

/** `packed`: year * 2 + hasCode, as in the `y:` records. */
type Entry = { position: number; mask: number; impact: number; packed: number };
/** Bytes an entry takes in a segment's record: u16 position, mask, impact, u16 packed year. */
const ENTRY = 6;

/** Highest impact first; among equals the newer paper (the ranking's tie-break), then the
 * earlier (more trending) one. */
const byImpact = (a: Entry, b: Entry) =>
  b.impact - a.impact || (b.packed >> 1) - (a.packed >> 1) || a.position - b.position;

function best(entries: Entry[], n: number): Entry[] {
  return entries.sort(byImpact).slice(0, n);
}

/** Entries as the bytes of a segment's record. */
function packEntries(list: readonly Entry[]): Uint8Array {
  const data = new Uint8Array(ENTRY * list.length);
  list.forEach((e, j) => {
    const at = ENTRY * j;
    data[at] = e.position & 0xff;
    data[at + 1] = e.position >>> 8;
    data[at + 2] = e.mask;
    data[at + 3] = e.impact;
    data[at + 4] = e.packed & 0xff;
    data[at + 5] = e.packed >>> 8;
  });
  return data;
}

/**
 * A term's best SEGMENT_CHAMPIONS papers in one segment, from its postings (local positions), as
 * the bytes of its entries in the segment's record.
 */
export function segmentBest(postings: Uint8Array, years: readonly number[]): Uint8Array {
  return segmentBestAfter(new Uint8Array(0), postings, 0, -1, years);
}

/**
 * The same, when the best of the postings before byte `from` (the last of them `ordinal`) are
 * known: the best of those and of the later postings are the best of all.
 */
export function segmentBestAfter(
  earlier: Uint8Array,
  postings: Uint8Array,
  from: number,
  ordinal: number,
  years: readonly number[],
): Uint8Array {
  const entries: Entry[] = [];
  for (let at = 0; at < earlier.length; at += ENTRY) {
    const position = earlier[at]! | (earlier[at + 1]! << 8);
    const packed = earlier[at + 4]! | (earlier[at + 5]! << 8);
    entries.push({ position, mask: earlier[at + 2]!, impact: earlier[at + 3]!, packed });
  }
  forEachPosting(
    postings,
    (position, mask, impact) => {
      if (position > 0xffff) throw new Error('Search index: segments hold at most 65,536 papers.');
      entries.push({ position, mask, impact, packed: years[position] ?? 0 });
    },
    from,
    ordinal,
  );
  return packEntries(best(entries, SEGMENT_CHAMPIONS));
}

/** The segment's record from its spilled terms and their postings (local positions). */
export function segmentChampions(
  seg: number,
  spilled: readonly { term: string; postings: Uint8Array }[],
  years: readonly number[],
): SegmentChampionsRecord {
  return packSegmentChampions(
    seg,
    spilled.map((s) => s.term),
    spilled.map(({ postings }) => segmentBest(postings, years)),
  );
}

/** The segment's record from each spilled term's entries (segmentBest). */
export function packSegmentChampions(
  seg: number,
  terms: readonly string[],
  lists: readonly Uint8Array[],
): SegmentChampionsRecord {
  const off = new Uint32Array(terms.length + 1);
  lists.forEach((list, i) => (off[i + 1] = off[i]! + list.length));
  const data = new Uint8Array(off[terms.length]!);
  lists.forEach((list, i) => data.set(list, off[i]!));
  return { k: segmentChampionsKey(seg), terms: terms.join('\n'), off, data };
}

/** Where each term's entries are in segment records: [segment, index in its record]. */
function placesOf(segments: readonly (SegmentChampionsRecord | undefined)[]) {
  const where = new Map<string, [seg: number, index: number][]>();
  segments.forEach((record, seg) => {
    if (!record?.terms) return;
    record.terms.split('\n').forEach((term, i) => {
      let list = where.get(term);
      if (!list) where.set(term, (list = []));
      list.push([seg, i]);
    });
  });
  return where;
}

/** A term's entries in a segment record, over catalog positions. */
function segmentEntries(record: SegmentChampionsRecord, i: number, start: number, out: Entry[]) {
  const { off, data } = record;
  for (let at = off[i]!; at < off[i + 1]!; at += ENTRY) {
    const position = start + (data[at]! | (data[at + 1]! << 8));
    const packed = data[at + 4]! | (data[at + 5]! << 8);
    out.push({ position, mask: data[at + 2]!, impact: data[at + 3]!, packed });
  }
}

/** The `c:` record of `term`: its best CHAMPIONS entries, as postings in catalog order. */
function championRecord(term: string, entries: Entry[]): ChampionRecord {
  const writer = new PostingWriter();
  const chosen = best(entries, CHAMPIONS).sort((a, b) => a.position - b.position);
  for (const e of chosen) writer.add(e.position, e.mask, e.impact);
  const years = Uint16Array.from(chosen, (e) => e.packed);
  return { k: championKey(term), data: writer.finish(), years };
}

/**
 * One `c:TERM` record per term found in any segment's champions, the best CHAMPIONS overall.
 * Term by term, so a real catalog's thousands of spilled terms never sit in memory as entries.
 */
export function mergeChampions(
  segments: readonly (SegmentChampionsRecord | undefined)[],
  segmentSize: number,
): SearchRecord[] {
  const out: SearchRecord[] = [];
  for (const [term, places] of placesOf(segments)) {
    const entries: Entry[] = [];
    for (const [seg, i] of places) segmentEntries(segments[seg]!, i, seg * segmentSize, entries);
    out.push(championRecord(term, entries));
  }
  return out;
}

/**
 * Champion lists after segments from `changed[0].seg` on were (re)written, for `terms`: a list's
 * entries below those segments are kept from its current `c:` record (`current`, by term), the
 * rest taken from the changed segments' records. The best CHAMPIONS of all a term's segments are
 * among the best of the kept ones and the changed segments' own.
 */
export function remergeChampions(
  terms: readonly string[],
  current: ReadonlyMap<string, ChampionRecord | undefined>,
  changed: readonly { seg: number; record: SegmentChampionsRecord }[],
  segmentSize: number,
): ChampionRecord[] {
  if (!changed.length) return [];
  const keepBelow = changed[0]!.seg * segmentSize;
  const bySeg: (SegmentChampionsRecord | undefined)[] = [];
  for (const { seg, record } of changed) bySeg[seg] = record;
  const where = placesOf(bySeg);
  return terms.map((term) => {
    const entries: Entry[] = [];
    const old = current.get(term);
    if (old) {
      let k = 0;
      forEachPosting(old.data, (position, mask, impact) => {
        const packed = old.years[k++]!;
        if (position < keepBelow) entries.push({ position, mask, impact, packed });
      });
    }
    for (const [seg, i] of where.get(term) ?? []) {
      segmentEntries(bySeg[seg]!, i, seg * segmentSize, entries);
    }
    return championRecord(term, entries);
  });
}
