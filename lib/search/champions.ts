import {
  championKey,
  segmentChampionsKey,
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

/** The segment's record from its spilled terms and their postings (local positions). */
export function segmentChampions(
  seg: number,
  spilled: readonly { term: string; postings: Uint8Array }[],
  years: readonly number[],
): SegmentChampionsRecord {
  const off = new Uint32Array(spilled.length + 1);
  const lists = spilled.map(({ postings }) => {
    const entries: Entry[] = [];
    forEachPosting(postings, (position, mask, impact) => {
      if (position > 0xffff) throw new Error('Search index: segments hold at most 65,536 papers.');
      entries.push({ position, mask, impact, packed: years[position] ?? 0 });
    });
    return best(entries, SEGMENT_CHAMPIONS);
  });
  lists.forEach((list, i) => (off[i + 1] = off[i]! + ENTRY * list.length));
  const data = new Uint8Array(off[spilled.length]!);
  lists.forEach((list, i) =>
    list.forEach((e, j) => {
      const at = off[i]! + ENTRY * j;
      data[at] = e.position & 0xff;
      data[at + 1] = e.position >>> 8;
      data[at + 2] = e.mask;
      data[at + 3] = e.impact;
      data[at + 4] = e.packed & 0xff;
      data[at + 5] = e.packed >>> 8;
    }),
  );
  return {
    k: segmentChampionsKey(seg),
    terms: spilled.map((s) => s.term).join('\n'),
    off,
    data,
  };
}

/**
 * One `c:TERM` record per term found in any segment's champions, the best CHAMPIONS overall.
 * Term by term, so a real catalog's thousands of spilled terms never sit in memory as entries.
 */
export function mergeChampions(
  segments: readonly (SegmentChampionsRecord | undefined)[],
  segmentSize: number,
): SearchRecord[] {
  const where = new Map<string, [seg: number, index: number][]>();
  segments.forEach((record, seg) => {
    if (!record?.terms) return;
    record.terms.split('\n').forEach((term, i) => {
      let list = where.get(term);
      if (!list) where.set(term, (list = []));
      list.push([seg, i]);
    });
  });
  const out: SearchRecord[] = [];
  for (const [term, places] of where) {
    const entries: Entry[] = [];
    for (const [seg, i] of places) {
      const { off, data } = segments[seg]!;
      for (let at = off[i]!; at < off[i + 1]!; at += ENTRY) {
        const position = seg * segmentSize + (data[at]! | (data[at + 1]! << 8));
        const packed = data[at + 4]! | (data[at + 5]! << 8);
        entries.push({ position, mask: data[at + 2]!, impact: data[at + 3]!, packed });
      }
    }
    const writer = new PostingWriter();
    const chosen = best(entries, CHAMPIONS).sort((a, b) => a.position - b.position);
    for (const e of chosen) writer.add(e.position, e.mask, e.impact);
    const years = Uint16Array.from(chosen, (e) => e.packed);
    out.push({ k: championKey(term), data: writer.finish(), years });
  }
  return out;
}
