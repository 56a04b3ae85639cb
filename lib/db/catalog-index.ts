import { hash32, hash53, normalizeTitle, parseDoi } from '../catalog/identifiers';
import type { Paper } from '../catalog/schema';
import { headKey } from '../detect/title-words';
import type { Slot } from './catalog-db';

/**
 * The lookup index, held in memory by the background: for ids, normalized titles and DOIs, sorted
 * 32-bit hashes with each paper's catalog position, plus what it takes to answer a batch lookup
 * without reading a single record:
 * - ids are stored exactly (a compact code for new-style arXiv ids, a map for the rest), so an
 *   id hit is certain and a title or DOI hit names its paper's id;
 * - title and DOI entries carry the other 21 bits of a 53-bit hash, so a hit agrees on 53 bits:
 *   a stray match for a string outside the catalog has odds of about count / 2^53 (1e-10 at 1M);
 * - title heads (the first three normalized words, 32-bit hash and position: 8 bytes a title) and
 *   each title's word count (1 byte), for titles inside prose and `…`-truncated titles. A head hit
 *   is only a lead: prose verifies the full 53-bit title hash, a truncated title the record.
 */

/**
 * The shape of the stored index. An index of another format (written by an older version) is
 * rebuilt from the slot's records before use (index-cache.ts).
 */
export const INDEX_FORMAT = 2;

const TWO32 = 4294967296;
/** Positions take 21 bits next to a 32-bit hash in one exactly representable double (2^53). */
const POSITION_BITS = 21;
const POSITIONS = 2 ** POSITION_BITS;
/** The largest catalog this layout holds: 2,097,152 papers. */
export const MAX_PAPERS = POSITIONS;

/** One load batch's keys, written with its chunks; positions of id/title are start + i. */
export type KeyPart = {
  start: number;
  ids: string[];
  titleHash: Float64Array;
  doiHash: Float64Array;
  doiPos: Uint32Array;
  /** hash32 of each title's head, or -1 for a title of fewer than three words. Absent in parts
   * stored before index format 2. */
  headHash?: Float64Array;
  /** Normalized words per title, capped at 255. */
  wordCount?: Uint8Array;
};

/** Hashes ascending (low 32 bits), with the position and the high 21 bits of each entry. */
export type HashColumn = { hash: Uint32Array; pos: Uint32Array; check: Uint32Array };

/** Heads ascending, with the position of each: several titles may share a head. */
export type HeadColumn = { hash: Uint32Array; pos: Uint32Array };

export type CatalogIndex = {
  format: number;
  count: number;
  id: HashColumn;
  /** Per position: new-style arXiv ids as yymm * 100000 + number; 0 for ids kept in `otherIds`. */
  idCode: Uint32Array;
  otherIds: Map<number, string>;
  title: HashColumn;
  doi: HashColumn;
  head: HeadColumn;
  wordCount: Uint8Array;
};
export type CatalogIndexRecord = CatalogIndex & { slot: Slot };

/** The DOI as a lookup key: canonical lower case (DOIs are case-insensitive). */
export function doiKey(doi: string): string {
  return parseDoi(doi) ?? doi.toLowerCase();
}

export function keyPart(start: number, papers: readonly Paper[]): KeyPart {
  const titleHash = new Float64Array(papers.length);
  const headHash = new Float64Array(papers.length);
  const wordCount = new Uint8Array(papers.length);
  const doiHash: number[] = [];
  const doiPos: number[] = [];
  papers.forEach((paper, i) => {
    const normalized = normalizeTitle(paper.title);
    titleHash[i] = hash53(normalized);
    const words = normalized ? normalized.split(' ') : [];
    const head = headKey(words);
    headHash[i] = head === undefined ? -1 : hash32(head);
    wordCount[i] = Math.min(words.length, 255);
    if (paper.doi) {
      doiHash.push(hash53(doiKey(paper.doi)));
      doiPos.push(start + i);
    }
  });
  return {
    start,
    ids: papers.map((paper) => paper.id),
    titleHash,
    doiHash: Float64Array.from(doiHash),
    doiPos: Uint32Array.from(doiPos),
    headHash,
    wordCount,
  };
}

const NEW_STYLE_ID = /^(\d{4})\.(\d{4,5})$/;

/** yymm.nnnnn as one integer; the digit count follows from yymm (4 digits before 2015). */
function encodeId(id: string): number {
  const match = NEW_STYLE_ID.exec(id);
  if (!match) return 0;
  const yymm = Number(match[1]);
  if (match[2]!.length !== (yymm < 1501 ? 4 : 5)) return 0;
  return yymm * 100000 + Number(match[2]);
}

function decodeId(code: number): string {
  const yymm = Math.floor(code / 100000);
  const number = String(code - yymm * 100000).padStart(yymm < 1501 ? 4 : 5, '0');
  return `${String(yymm).padStart(4, '0')}.${number}`;
}

/** The id of the paper at `position`. */
export function idAt(index: CatalogIndex, position: number): string | undefined {
  const code = index.idCode[position];
  if (code) return decodeId(code);
  return index.otherIds.get(position);
}

/** Sorts (hash, position) pairs by packing each into one double: a native numeric sort. */
function column(hashes: Float64Array, positions: Uint32Array | null): HashColumn {
  const packed = new Float64Array(hashes.length);
  const highByPosition = new Map<number, number>();
  for (let i = 0; i < hashes.length; i++) {
    const position = positions ? positions[i]! : i;
    const high = Math.floor(hashes[i]! / TWO32);
    packed[i] = (hashes[i]! - high * TWO32) * POSITIONS + position;
    highByPosition.set(position, high);
  }
  packed.sort();
  const hash = new Uint32Array(packed.length);
  const pos = new Uint32Array(packed.length);
  const check = new Uint32Array(packed.length);
  for (let i = 0; i < packed.length; i++) {
    const h = Math.floor(packed[i]! / POSITIONS);
    hash[i] = h;
    pos[i] = packed[i]! - h * POSITIONS;
    check[i] = highByPosition.get(pos[i]!)!;
  }
  return { hash, pos, check };
}

/** Heads sorted by hash with their positions (same packing trick as `column`). */
function headColumn(hashes: Float64Array): HeadColumn {
  let n = 0;
  for (const h of hashes) if (h >= 0) n++;
  const packed = new Float64Array(n);
  let k = 0;
  hashes.forEach((h, position) => {
    if (h >= 0) packed[k++] = h * POSITIONS + position;
  });
  packed.sort();
  const hash = new Uint32Array(n);
  const pos = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    hash[i] = Math.floor(packed[i]! / POSITIONS);
    pos[i] = packed[i]! - hash[i]! * POSITIONS;
  }
  return { hash, pos };
}

/** Positions whose title head has the 32-bit hash `hash`. */
export function headPositions(col: HeadColumn, hash: number): number[] {
  let lo = 0;
  let hi = col.hash.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (col.hash[mid]! < hash) lo = mid + 1;
    else hi = mid;
  }
  const found: number[] = [];
  for (let i = lo; i < col.hash.length && col.hash[i] === hash; i++) found.push(col.pos[i]!);
  return found;
}

function concat<T extends Float64Array | Uint32Array>(arrays: T[], make: (n: number) => T): T {
  const out = make(arrays.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return out;
}

/** The index of a slot from its key parts (in any order); throws if they do not tile 0..count. */
export function buildIndex(parts: readonly KeyPart[], count: number): CatalogIndex {
  const idHash = new Float64Array(count);
  const titles = new Float64Array(count);
  const idCode = new Uint32Array(count);
  const heads = new Float64Array(count).fill(-1);
  const wordCount = new Uint8Array(count);
  const otherIds = new Map<number, string>();
  let covered = 0;
  for (const part of parts) {
    if (part.start + part.ids.length > count) {
      throw new Error(`Stored keys reach past the ${count} papers of the catalog.`);
    }
    part.ids.forEach((id, i) => {
      const position = part.start + i;
      idHash[position] = hash53(id);
      const code = encodeId(id);
      if (code) idCode[position] = code;
      else otherIds.set(position, id);
    });
    titles.set(part.titleHash, part.start);
    // Parts written by a load that started before the head columns existed have none: those
    // titles are then found by exact match only, never wrongly.
    if (part.headHash) heads.set(part.headHash, part.start);
    if (part.wordCount) wordCount.set(part.wordCount, part.start);
    covered += part.ids.length;
  }
  if (covered !== count) {
    throw new Error(`The catalog lists ${count} papers but ${covered} were stored.`);
  }
  return {
    format: INDEX_FORMAT,
    count,
    id: column(idHash, null),
    idCode,
    otherIds,
    title: column(titles, null),
    doi: column(
      concat(
        parts.map((p) => p.doiHash),
        (n) => new Float64Array(n),
      ),
      concat(
        parts.map((p) => p.doiPos),
        (n) => new Uint32Array(n),
      ),
    ),
    head: headColumn(heads),
    wordCount,
  };
}

/** Positions whose key has the 53-bit hash `hash` (binary search; usually none or one). */
export function positionsOf(col: HashColumn, hash: number): number[] {
  const high = Math.floor(hash / TWO32);
  const low = hash - high * TWO32;
  let lo = 0;
  let hi = col.hash.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (col.hash[mid]! < low) lo = mid + 1;
    else hi = mid;
  }
  const found: number[] = [];
  for (let i = lo; i < col.hash.length && col.hash[i] === low; i++) {
    if (col.check[i] === high) found.push(col.pos[i]!);
  }
  return found;
}

/** Groups of positions whose ids share a 32-bit hash: the only places a duplicate id can hide. */
export function idHashCollisions(index: CatalogIndex): number[][] {
  const groups: number[][] = [];
  const { hash, pos } = index.id;
  for (let i = 1; i < hash.length; i++) {
    if (hash[i] !== hash[i - 1]) continue;
    const group = [pos[i - 1]!];
    while (i < hash.length && hash[i] === hash[i - 1]) group.push(pos[i++]!);
    groups.push(group);
  }
  return groups;
}

/** Bytes the index takes in memory (the map of non-arXiv ids counted at ~40 bytes an entry). */
export function indexBytes(index: CatalogIndex): number {
  const columns = [index.id, index.title, index.doi].reduce(
    (n, c) => n + c.hash.byteLength + c.pos.byteLength + c.check.byteLength,
    0,
  );
  const heads = index.head.hash.byteLength + index.head.pos.byteLength + index.wordCount.byteLength;
  return columns + heads + index.idCode.byteLength + index.otherIds.size * 40;
}
