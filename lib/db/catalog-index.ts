import { hash32, normalizeTitle, parseDoi } from '../catalog/identifiers';
import type { Paper } from '../catalog/schema';
import type { Slot } from './catalog-db';

/**
 * The lookup index: for ids, normalized titles and DOIs, sorted 32-bit hashes with the catalog
 * position of each paper. A miss is answered from these arrays alone; a hit names the positions to
 * read and verify (32-bit hashes collide, so the stored record always has the last word).
 */

/** Positions take 21 bits next to a 32-bit hash in one exactly representable double (2^53). */
const POSITION_BITS = 21;
const POSITIONS = 2 ** POSITION_BITS;
/** The largest catalog this layout holds: 2,097,152 papers. */
export const MAX_PAPERS = POSITIONS;

/** One load batch's keys, written with its chunks; positions of id/title are start + i. */
export type KeyPart = {
  start: number;
  idHash: Uint32Array;
  titleHash: Uint32Array;
  doiHash: Uint32Array;
  doiPos: Uint32Array;
};

/** Hashes ascending, with the position of each; equal hashes are adjacent. */
export type HashColumn = { hash: Uint32Array; pos: Uint32Array };

export type CatalogIndex = { count: number; id: HashColumn; title: HashColumn; doi: HashColumn };
export type CatalogIndexRecord = CatalogIndex & { slot: Slot };

/** The DOI as a lookup key: canonical lower case (DOIs are case-insensitive). */
export function doiKey(doi: string): string {
  return parseDoi(doi) ?? doi.toLowerCase();
}

export function keyPart(start: number, papers: readonly Paper[]): KeyPart {
  const idHash = new Uint32Array(papers.length);
  const titleHash = new Uint32Array(papers.length);
  const doiHash: number[] = [];
  const doiPos: number[] = [];
  papers.forEach((paper, i) => {
    idHash[i] = hash32(paper.id);
    titleHash[i] = hash32(normalizeTitle(paper.title));
    if (paper.doi) {
      doiHash.push(hash32(doiKey(paper.doi)));
      doiPos.push(start + i);
    }
  });
  return {
    start,
    idHash,
    titleHash,
    doiHash: Uint32Array.from(doiHash),
    doiPos: Uint32Array.from(doiPos),
  };
}

/** Sorts (hash, position) pairs by packing each into one double: a native numeric sort. */
function column(hashes: Uint32Array, positions: Uint32Array | null): HashColumn {
  const packed = new Float64Array(hashes.length);
  for (let i = 0; i < hashes.length; i++) {
    packed[i] = hashes[i]! * POSITIONS + (positions ? positions[i]! : i);
  }
  packed.sort();
  const hash = new Uint32Array(packed.length);
  const pos = new Uint32Array(packed.length);
  for (let i = 0; i < packed.length; i++) {
    const h = Math.floor(packed[i]! / POSITIONS);
    hash[i] = h;
    pos[i] = packed[i]! - h * POSITIONS;
  }
  return { hash, pos };
}

function concat(arrays: Uint32Array[]): Uint32Array {
  const out = new Uint32Array(arrays.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return out;
}

/** The index of a slot from its key parts (in any order); throws if they do not tile 0..count. */
export function buildIndex(parts: readonly KeyPart[], count: number): CatalogIndex {
  const ids = new Uint32Array(count);
  const titles = new Uint32Array(count);
  let covered = 0;
  for (const part of parts) {
    if (part.start + part.idHash.length > count) {
      throw new Error(`Stored keys reach past the ${count} papers of the catalog.`);
    }
    ids.set(part.idHash, part.start);
    titles.set(part.titleHash, part.start);
    covered += part.idHash.length;
  }
  if (covered !== count) {
    throw new Error(`The catalog lists ${count} papers but ${covered} were stored.`);
  }
  return {
    count,
    id: column(ids, null),
    title: column(titles, null),
    doi: column(concat(parts.map((p) => p.doiHash)), concat(parts.map((p) => p.doiPos))),
  };
}

/** Positions whose key hashes to `hash` (binary search; usually none or one). */
export function positionsOf(col: HashColumn, hash: number): number[] {
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

/** Groups of positions whose ids share a hash: the only places a duplicate id can hide. */
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

/** Bytes the index takes in memory. */
export function indexBytes(index: CatalogIndex): number {
  return [index.id, index.title, index.doi].reduce(
    (n, c) => n + c.hash.byteLength + c.pos.byteLength,
    0,
  );
}
