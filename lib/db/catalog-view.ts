import { hash53 } from '../catalog/identifiers';
import {
  headPositions,
  idAt,
  positionsOf,
  type CatalogIndex,
  type HashColumn,
  type KeyPart,
} from './catalog-index';

/**
 * What lookups see of a slot: the base catalog's index, the index of the feed papers appended
 * after it (the tail, positions tailBase..end-1), and the positions that are dead (superseded by a
 * newer copy in the tail, withdrawn or removed). The tail is searched first, so a paper a feed
 * changed is found in its newest form; a dead position never answers.
 */
export type CatalogView = {
  base: CatalogIndex;
  tail: CatalogIndex | null;
  tailBase: number;
  end: number;
  dead: ReadonlySet<number>;
};

/** What a lookup key names, in the order identifiers are trusted. */
export type ViewKey =
  { by: 'arxiv'; id: string } | { by: 'doi'; doi: string } | { by: 'title'; normalized: string };

export function baseOnly(base: CatalogIndex): CatalogView {
  return { base, tail: null, tailBase: base.count, end: base.count, dead: new Set() };
}

/** A tail record's keys at positions counted from the tail's first. */
export function rebasePart(part: KeyPart, tailBase: number): KeyPart {
  return {
    ...part,
    start: part.start - tailBase,
    doiPos: part.doiPos.map((p) => p - tailBase),
  };
}

export function viewIdAt(view: CatalogView, position: number): string | undefined {
  if (view.tail && position >= view.tailBase) return idAt(view.tail, position - view.tailBase);
  return position < view.base.count ? idAt(view.base, position) : undefined;
}

type Pick = (index: CatalogIndex) => HashColumn;
type Exact = (index: CatalogIndex, position: number) => boolean;

/** The live position with this hash: the newest in the tail, else the first in the base. */
function live(view: CatalogView, pick: Pick, hash: number, exact?: Exact): number | undefined {
  const found = (index: CatalogIndex, offset: number) =>
    positionsOf(pick(index), hash)
      .filter((p) => !exact || exact(index, p))
      .map((p) => p + offset)
      .filter((p) => !view.dead.has(p));
  const inTail = view.tail ? found(view.tail, view.tailBase) : [];
  return inTail.length ? Math.max(...inTail) : found(view.base, 0)[0];
}

const exactId =
  (id: string): Exact =>
  (index, p) =>
    idAt(index, p) === id;

/** The live position of the paper `key` names. */
export function viewPosition(view: CatalogView, key: ViewKey): number | undefined {
  if (key.by === 'arxiv') return live(view, (i) => i.id, hash53(key.id), exactId(key.id));
  if (key.by === 'doi') return live(view, (i) => i.doi, hash53(key.doi));
  return live(view, (i) => i.title, hash53(key.normalized));
}

/** Where the base catalog holds `id`, dead or not: its record as the catalog file gave it. */
export function basePositionOf(view: CatalogView, id: string): number | undefined {
  const check = exactId(id);
  return positionsOf(view.base.id, hash53(id)).find((p) => check(view.base, p));
}

/** Live positions whose title head has the 32-bit hash `hash`. */
export function viewHeadPositions(view: CatalogView, hash: number): number[] {
  const found = headPositions(view.base.head, hash).filter((p) => !view.dead.has(p));
  if (view.tail) {
    for (const p of headPositions(view.tail.head, hash)) {
      if (!view.dead.has(p + view.tailBase)) found.push(p + view.tailBase);
    }
  }
  return found;
}

export function viewWordCount(view: CatalogView, position: number): number {
  if (view.tail && position >= view.tailBase) {
    return view.tail.wordCount[position - view.tailBase] ?? 0;
  }
  return view.base.wordCount[position] ?? 0;
}

/** The live position whose full normalized title has the 53-bit hash `hash`. */
export function viewTitleAt(view: CatalogView, hash: number): number | undefined {
  return live(view, (i) => i.title, hash);
}

/** Live tail positions holding papers the base catalog does not have: what the feeds added. */
export function feedOnlyCount(view: CatalogView): number {
  if (!view.tail) return 0;
  let n = 0;
  for (let p = view.tailBase; p < view.end; p++) {
    if (view.dead.has(p)) continue;
    const id = viewIdAt(view, p);
    if (id !== undefined && basePositionOf(view, id) === undefined) n++;
  }
  return n;
}

/** Every dead position, ascending. */
export function deadPositions(dead: ReadonlySet<number>): Uint32Array {
  return Uint32Array.from(dead).sort();
}
