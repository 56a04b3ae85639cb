import { paperChange } from '../catalog/merge';
import { paperSchema, type Paper } from '../catalog/schema';
import { searchTailBase, tailSearchRecords } from '../search/tail-writer';
import type { SearchRecord } from '../search/records';
import {
  CHUNK,
  type ChunkRecord,
  type CatalogDb,
  type Slot,
  type TailRecord,
  type TailState,
} from './catalog-db';
import { chunkOf, lineAt } from './catalog-chunks';
import { keyPart, MAX_PAPERS } from './catalog-index';
import { basePositionOf, deadPositions, viewPosition, type CatalogView } from './catalog-view';

/**
 * How a set of papers' wanted records become writes to a slot's tail, shared by feed batches
 * (catalog-upsert.ts), the replay after a catalog load (feed-replay.ts) and removing a source's
 * papers (feed-remove.ts). Base chunks are never written: a base paper that changes gets a copy in
 * the tail and its base position goes dead, so its record as the catalog file gave it stays
 * readable. In the tail, a change no index reads rewrites the paper's line; any other change
 * appends the paper at a new position and the old one goes dead.
 */

/** The slot a plan writes to, as lookups see it now. */
export type SlotState = { slot: Slot; count: number; tail: TailState | null; view: CatalogView };

/** What a slot holds for one id: its live position and record, and the base catalog's record. */
export type Current = { position?: number; paper?: Paper; base?: Paper };

export type Outcome = 'added' | 'changed' | 'unchanged' | 'gone';

export type Plan = {
  appended: Paper[];
  /** Tail lines rewritten in place. */
  rewrites: Map<number, Paper>;
  /** Positions that go dead with this plan. */
  dead: number[];
  outcome: Map<string, Outcome>;
};

function parseLine(line: string, position: number): Paper {
  const parsed = paperSchema.safeParse(JSON.parse(line));
  if (!parsed.success) throw new Error(`The stored paper at position ${position} is damaged.`);
  return parsed.data;
}

/**
 * The current state of `ids` and the chunk records a plan over them may rewrite (their tail
 * chunks and the tail's last, partly filled one). Call inside a transaction over the slot's chunks.
 */
export async function readCurrent(
  db: CatalogDb,
  state: SlotState,
  ids: Iterable<string>,
): Promise<{ current: Map<string, Current>; chunks: Map<number, ChunkRecord> }> {
  const wanted = [...ids].map((id) => ({
    id,
    position: viewPosition(state.view, { by: 'arxiv', id }),
    base: basePositionOf(state.view, id),
  }));
  const numbers = new Set<number>();
  for (const w of wanted) {
    if (w.position !== undefined) numbers.add(chunkOf(w.position));
    if (w.base !== undefined) numbers.add(chunkOf(w.base));
  }
  if (state.tail && state.tail.end % CHUNK) numbers.add(chunkOf(state.tail.end));
  const records = await db.chunks(state.slot).bulkGet([...numbers]);
  const chunks = new Map(records.flatMap((c) => (c ? [[c.n, c] as const] : [])));
  const read = (position: number | undefined) => {
    if (position === undefined) return undefined;
    const chunk = chunks.get(chunkOf(position));
    if (!chunk) throw new Error(`The catalog has no record at position ${position}.`);
    return parseLine(lineAt(chunk, position), position);
  };
  const current = new Map<string, Current>();
  for (const w of wanted) {
    current.set(w.id, { position: w.position, paper: read(w.position), base: read(w.base) });
  }
  return { current, chunks };
}

/** What it takes to make each id show its wanted record (null: no record at all). */
export function plan(
  state: SlotState,
  current: ReadonlyMap<string, Current>,
  wanted: ReadonlyMap<string, Paper | null>,
): Plan {
  const out: Plan = { appended: [], rewrites: new Map(), dead: [], outcome: new Map() };
  const tailBase = state.tail?.base ?? Infinity;
  for (const [id, next] of wanted) {
    const { position, paper } = current.get(id) ?? {};
    if (position === undefined || !paper) {
      if (next) out.appended.push(next);
      out.outcome.set(id, next ? 'added' : 'unchanged');
      continue;
    }
    if (!next) {
      out.dead.push(position);
      out.outcome.set(id, 'gone');
      continue;
    }
    const change = paperChange(paper, next);
    out.outcome.set(id, change === 'none' ? 'unchanged' : 'changed');
    if (change === 'in-place' && position >= tailBase) out.rewrites.set(position, next);
    else if (change !== 'none') {
      out.appended.push(next);
      out.dead.push(position);
    }
  }
  return out;
}

export function touchesCatalog(p: Plan): boolean {
  return p.appended.length > 0 || p.rewrites.size > 0 || p.dead.length > 0;
}

/** Everything a plan writes to the slot, and the tail it leaves. */
export type TailWrites = {
  chunks: ChunkRecord[];
  record: TailRecord | null;
  search: SearchRecord[];
  tail: TailState;
};

/** A paper as stored: validated, so a bad merge fails here and writes nothing. */
function lineOf(paper: Paper): string {
  const parsed = paperSchema.safeParse(paper);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Paper ${paper.id}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return JSON.stringify(parsed.data);
}

/**
 * The records a plan writes: chunk records (the tail's last chunk re-packed), the tail record,
 * the search records (computed here, before the caller's transaction) and the new tail state.
 * The tail is created on first use, at the position the search index starts its segment.
 */
export async function tailWrites(
  db: CatalogDb,
  state: SlotState,
  chunks: ReadonlyMap<number, ChunkRecord>,
  p: Plan,
  now: Date,
): Promise<TailWrites> {
  const tailBase = state.tail?.base ?? (await searchTailBase(db, state.slot, state.count));
  if (tailBase % CHUNK || tailBase < state.count) {
    throw new Error(
      `The search index puts the tail at ${tailBase}: not a chunk start after ${state.count} papers.`,
    );
  }
  const start = state.tail?.end ?? tailBase;
  const end = start + p.appended.length;
  if (end > MAX_PAPERS) {
    throw new Error(
      `The catalog has no room for ${p.appended.length} more papers from sources; loading a catalog file again makes room.`,
    );
  }
  const lines = new Map<number, string[]>();
  const linesOf = (n: number) => {
    let list = lines.get(n);
    if (!list) {
      const chunk = chunks.get(n);
      list = chunk ? chunk.lines.split('\n') : [];
      lines.set(n, list);
    }
    return list;
  };
  for (const [position, paper] of p.rewrites) {
    linesOf(chunkOf(position))[position % CHUNK] = lineOf(paper);
  }
  p.appended.forEach((paper, i) => {
    const position = start + i;
    const list = linesOf(chunkOf(position));
    if (list.length !== position % CHUNK) {
      throw new Error(`The tail's chunk at position ${position} is out of step.`);
    }
    list.push(lineOf(paper));
  });
  const dead = new Set(state.view.dead);
  for (const position of p.dead) dead.add(position);
  const rev = (state.tail?.rev ?? 0) + 1;
  const grows = p.appended.length > 0 || p.dead.length > 0;
  let liveTail = end - tailBase;
  for (const position of dead) if (position >= tailBase) liveTail--;
  return {
    chunks: [...lines].map(([n, list]) => ({ n, lines: list.join('\n') })),
    record: grows
      ? {
          seq: rev,
          start,
          part: keyPart(start, p.appended),
          dead: Uint32Array.from(p.dead).sort(),
        }
      : null,
    search: grows
      ? await tailSearchRecords(db, {
          slot: state.slot,
          count: state.count,
          tailBase,
          end: start,
          papers: p.appended,
          dead: deadPositions(dead),
        })
      : [],
    tail: { base: tailBase, end, rev, live: liveTail, updatedAt: now.toISOString() },
  };
}

/** Writes a plan's records; call inside a rw transaction over the slot's chunks, tails, search. */
export async function putTailWrites(db: CatalogDb, slot: Slot, w: TailWrites): Promise<void> {
  if (w.chunks.length) await db.chunks(slot).bulkPut(w.chunks);
  if (w.record) await db.tails(slot).put(w.record);
  if (w.search.length) await db.search(slot).bulkPut(w.search);
}
