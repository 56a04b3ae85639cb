/**
 * What the search index stores, one Dexie table per catalog slot (`search0`/`search1`), keyed by
 * a string. Records are grouped so the whole index is tens of thousands of records at a million
 * papers, each well under Chromium's 64 KB inline-value line except the postings of common words.
 *
 * - `s`            stats: paper count, segment size, segment count
 * - `h`            the head dictionary: every term in 2+ papers of a segment, with its total df
 * - `h:SSS`        one segment's head terms (merged into `h` when the load finishes)
 * - `b:SSS:PRE`    one segment's bucket: every term starting with PRE (3 letters), its df and
 *                  postings inline, or the number of pieces they are spilled to
 * - `p:SSS:TERM:K` (`a:` for abstract-only papers) piece K of the spilled postings of a term with many papers; pieces stay under
 *                  Chromium's 64 KB line, above which a value becomes a separate blob file
 * - `d:BBBBBB`     display rows of DOC_BLOCK papers (title, short authors, year, venue, code)
 * - `y:SSS:Q`      per paper of a segment's Qth YEAR_SLICE: year * 2 + hasCode (filters, recency)
 * - `m:SSS`        one segment's champions: its best papers per spilled term (champions.ts)
 * - `c:TERM`       a spilled term's champion list over the whole catalog, merged from `m:`
 * - `q:PP`         the answer to a lone two-character prefix typed alone (short-answers.ts)
 * - `h:base`       the base catalog's `h`, kept once papers are appended after it (tail-writer.ts)
 * - `x`            positions that hold no current paper: superseded, withdrawn, and the gap
 *                  between the base papers and the tail (tail-writer.ts)
 */

/** Papers per segment: postings are built in memory per segment and written when it is full. */
export const SEGMENT = 65_536;
/** 64 papers (~12 KB): a result list touches a block per result, so small blocks read less. */
export const DOC_BLOCK = 64;
/**
 * Papers per years record: 8 KB, far under Chromium's 64 KB line (above it, a slow blob file);
 * ranking reads the slices of its top contenders, often one each.
 */
export const YEAR_SLICE = 4096;
/** Terms with more posting bytes than this get their own record. */
export const SPILL_BYTES = 1024;
/** Spilled postings are cut into pieces of about this many bytes, each decodable on its own. */
export const PIECE_BYTES = 48 * 1024;
/** Ids and DOIs are looked up exactly, never by prefix: their buckets are a hash of the term. */
export const ID_BUCKETS = 256;

/**
 * Bumped when the index layout changes; the background then rebuilds an older index from
 * scratch (rebuild.ts). 2: champion lists (`m:`, `c:`), 64-paper display blocks, years in
 * 16k-paper slices. 3: precomputed answers of two-character prefixes (`q:`, listed in `s`).
 */
export const INDEX_FORMAT = 3;

/**
 * Papers appended to the active slot after its base catalog (tail-writer.ts). Positions
 * [count, base) are a gap, so that the tail starts a segment of its own.
 */
export type TailStats = {
  /** Papers of the base catalog: positions 0..count-1. */
  count: number;
  /** First tail position, a multiple of the segment size. */
  base: number;
  /** Positions that hold a current paper (neither dead nor in the gap), base and tail. */
  live: number;
  /** Names the batch that wrote this record: a writer kept in memory is valid while it matches. */
  stamp: string;
};

/**
 * `format` is absent in indexes built before INDEX_FORMAT existed (format 1). `count`: positions
 * indexed, the tail's end once papers are appended after the base catalog (then `tail` is set).
 */
export type StatsRecord = {
  k: 's';
  count: number;
  segment: number;
  segments: number;
  format?: number;
  /** Two-character prefixes with a `q:` answer, newline-separated (format 3). */
  short?: string;
  tail?: TailStats;
};
/**
 * The `x` record: positions below the stats' count that hold no current paper, ascending, with
 * the catalog id each held (newline-separated, in the same order), and the gap [from, to) left
 * between the base papers and the tail.
 */
export type DeadRecord = { k: 'x'; dead: Uint32Array; ids: string; from: number; to: number };
export type DictRecord = { k: string; terms: string; df: Uint32Array };
/**
 * Two posting lists per term: papers with the term in the title, authors, keywords, code or id
 * (off/data/pieces), and papers with it in the abstract only (aoff/adata/apieces). Prefix and
 * typo expansions read only the first, which keeps a short prefix from reading every abstract.
 * `pieces[i]` > 0: that list of term i is spilled to that many `p:` (`a:`) records.
 */
export type BucketRecord = DictRecord & {
  off: Uint32Array;
  data: Uint8Array;
  pieces: Uint16Array;
  aoff: Uint32Array;
  adata: Uint8Array;
  apieces: Uint16Array;
};
export type SpillRecord = { k: string; data: Uint8Array };
/** A `c:` record: postings over catalog positions, and each one's year * 2 + hasCode. */
export type ChampionRecord = SpillRecord & { years: Uint16Array };
export type DocBlockRecord = { k: string; rows: string };
/** A `q:` record: the hits (JSON) and total that the engine gives the prefix with no filters. */
export type ShortAnswerRecord = { k: string; hits: string; total: number };
export type YearRecord = { k: string; years: Uint16Array };
/** Per term, entries of 6 bytes: u16 local position, field mask, impact, u16 year * 2 + code. */
export type SegmentChampionsRecord = {
  k: string;
  terms: string;
  off: Uint32Array;
  data: Uint8Array;
};
export type SearchRecord =
  | StatsRecord
  | DictRecord
  | BucketRecord
  | SpillRecord
  | ChampionRecord
  | DocBlockRecord
  | YearRecord
  | SegmentChampionsRecord
  | ShortAnswerRecord
  | DeadRecord;

/** One display row: [id, title, authors, year (0 = unknown), venue, hasCode (0/1)]. */
export type DocRow = [string, string, string[], number, string, number];

const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const segKey = (seg: number) => pad(seg, 3);
export const headKey = (seg: number) => `h:${segKey(seg)}`;
/** The base catalog's head dictionary, kept while a tail grows after it. */
export const BASE_HEAD_KEY = 'h:base';
export const DEAD_KEY = 'x';
export const yearKey = (seg: number, slice: number) => `y:${segKey(seg)}:${slice}`;
export const segmentChampionsKey = (seg: number) => `m:${segKey(seg)}`;
export const championKey = (term: string) => `c:${term}`;
export const shortAnswerKey = (prefix: string) => `q:${prefix}`;
export const docKey = (block: number) => `d:${pad(block, 6)}`;
export const spillKey = (seg: number, term: string, piece: number, abstractOnly = false) =>
  `${abstractOnly ? 'a' : 'p'}:${segKey(seg)}:${term}:${piece}`;

function idBucket(term: string): string {
  let h = 0;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 16777619) >>> 0;
  return `#${pad(h % ID_BUCKETS, 3)}`;
}

/** The bucket a term lives in: its first three letters, or a hash for ids. */
export function bucketOf(term: string): string {
  return term.startsWith('#') ? idBucket(term) : term.slice(0, 3);
}
export const bucketKey = (seg: number, bucket: string) => `b:${segKey(seg)}:${bucket}`;
