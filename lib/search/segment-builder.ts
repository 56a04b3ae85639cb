import type { Paper } from '../catalog/schema';
import { packSegmentChampions, segmentBestAfter } from './champions';
import { docRow, TermTable, yearOf } from './doc-terms';
import {
  bucketKey,
  bucketOf,
  DOC_BLOCK,
  docKey,
  headKey,
  SEGMENT,
  PIECE_BYTES,
  SPILL_BYTES,
  spillKey,
  YEAR_SLICE,
  yearKey,
  type DocRow,
  type SearchRecord,
} from './records';
import { FIELD, forEachPosting, PostingWriter } from './varint';

/**
 * Builds one segment (SEGMENT consecutive catalog positions) in memory as papers arrive in
 * order, and turns it into records once it is complete. Memory is bounded by one segment.
 */
export class SegmentBuilder {
  private table = new TermTable();
  /** Per term id: papers with the term in a field other than the abstract (maybe also there). */
  private postings: (PostingWriter | undefined)[] = [];
  /** Per term id: papers with the term in the abstract only. */
  private abstractOnly: (PostingWriter | undefined)[] = [];
  private rows: DocRow[] = [];
  private years: number[] = [];
  /** Per term id: the local position of its last paper. */
  private last: number[] = [];
  /** Per spilled term: its best papers, and how far its postings were when they were picked. */
  private champions = new Map<string, { bytes: number; ordinal: number; best: Uint8Array }>();
  /** Per spilled list (`p`/`a` + term): where its last, still open piece starts. */
  private splits = new Map<string, Split>();

  constructor(
    readonly seg: number,
    readonly size = SEGMENT,
  ) {}

  get start(): number {
    return this.seg * this.size;
  }

  /** Papers added so far; the next one must be at position start + added. */
  get added(): number {
    return this.rows.length;
  }

  add(position: number, paper: Paper): void {
    const local = position - this.start;
    if (local !== this.rows.length) {
      throw new Error(
        `Search index: paper ${position} out of order (expected ${this.start + this.rows.length})`,
      );
    }
    this.table.paper(paper, (id, mask, impact) => {
      const lists = mask === FIELD.abstract ? this.abstractOnly : this.postings;
      (lists[id] ??= new PostingWriter()).add(local, mask, impact);
      this.last[id] = local;
    });
    this.rows.push(docRow(paper));
    this.years.push(yearOf(paper) * 2 + (paper.code.length > 0 ? 1 : 0));
  }

  /** Terms of the papers from local position `since` on. */
  touchedSince(since: number): Set<string> {
    const out = new Set<string>();
    this.last.forEach((local, id) => {
      if (local >= since) out.add(this.table.names[id]!);
    });
    return out;
  }

  /**
   * Every record of the segment (buckets, spilled postings, head terms, champions, rows, years),
   * or with `since`, those that changed when the papers from local position `since` on were
   * added: the buckets and spilled postings of their terms, their display blocks and year
   * slices, the head terms and the champions. Can be called again as papers are added.
   */
  records(since = 0): SearchRecord[] {
    const out: SearchRecord[] = [];
    const buckets = new Map<string, string[]>();
    const terms = this.table.names;
    const idOf = (term: string) => this.table.ids.get(term)!;
    const touched = (term: string) => this.last[idOf(term)]! >= since;
    const dfOf = (term: string) =>
      (this.postings[idOf(term)]?.count ?? 0) + (this.abstractOnly[idOf(term)]?.count ?? 0);
    for (const term of terms) {
      const bucket = bucketOf(term);
      const list = buckets.get(bucket);
      if (list) list.push(term);
      else buckets.set(bucket, [term]);
    }
    const spilled: string[] = [];
    for (const [bucket, list] of buckets) {
      list.sort();
      for (const term of list) {
        if ((this.postings[idOf(term)]?.bytes ?? 0) > SPILL_BYTES) spilled.push(term);
      }
      if (!list.some(touched)) continue;
      const meta = this.packList(list, this.postings, 'p', since);
      const abstract = this.packList(list, this.abstractOnly, 'a', since);
      out.push(...meta.spills, ...abstract.spills, {
        k: bucketKey(this.seg, bucket),
        terms: list.join('\n'),
        df: Uint32Array.from(list, dfOf),
        off: meta.off,
        data: meta.data,
        pieces: meta.pieces,
        aoff: abstract.off,
        adata: abstract.data,
        apieces: abstract.pieces,
      });
    }
    out.push(this.segmentChampions(spilled));
    const head = terms.filter((t) => dfOf(t) >= 2 && !t.startsWith('#')).sort();
    out.push({ k: headKey(this.seg), terms: head.join('\n'), df: Uint32Array.from(head, dfOf) });
    const firstBlock = this.start / DOC_BLOCK;
    for (let b = Math.floor(since / DOC_BLOCK); b * DOC_BLOCK < this.rows.length; b++) {
      const rows = this.rows.slice(b * DOC_BLOCK, (b + 1) * DOC_BLOCK);
      out.push({ k: docKey(firstBlock + b), rows: JSON.stringify(rows) });
    }
    for (let q = Math.floor(since / YEAR_SLICE); q * YEAR_SLICE < this.years.length; q++) {
      const years = this.years.slice(q * YEAR_SLICE, (q + 1) * YEAR_SLICE);
      out.push({ k: yearKey(this.seg, q), years: Uint16Array.from(years) });
    }
    return out;
  }

  /**
   * The segment's champions record (`m:`), its terms in bucket order. A term's best papers are
   * picked again only from the postings added since they were last picked.
   */
  private segmentChampions(spilled: readonly string[]) {
    const lists = spilled.map((term) => {
      const writer = this.postings[this.table.ids.get(term)!]!;
      const kept = this.champions.get(term);
      if (kept?.bytes === writer.bytes) return kept.best;
      const best = segmentBestAfter(
        kept?.best ?? new Uint8Array(0),
        writer.view(),
        kept?.bytes ?? 0,
        kept?.ordinal ?? -1,
        this.years,
      );
      this.champions.set(term, { bytes: writer.bytes, ordinal: writer.lastOrdinal, best });
      return best;
    });
    return packSegmentChampions(this.seg, spilled, lists);
  }

  /**
   * One posting list per term of a bucket (`kind` p: title, authors, ...; a: abstract only):
   * small ones inline, large ones spilled in pieces, of which only those holding a paper from
   * local position `since` on are returned (the others are stored already).
   */
  private packList(
    terms: readonly string[],
    writers: readonly (PostingWriter | undefined)[],
    kind: 'p' | 'a',
    since: number,
  ) {
    const off = new Uint32Array(terms.length + 1);
    const pieces = new Uint16Array(terms.length);
    const spills: SearchRecord[] = [];
    const inline: Uint8Array[] = [];
    let bytes = 0;
    terms.forEach((term, i) => {
      const id = this.table.ids.get(term)!;
      const writer = writers[id];
      if (writer && writer.bytes > SPILL_BYTES) {
        const key = kind + term;
        let split = this.splits.get(key);
        if (!split || this.last[id]! >= since) {
          // Pieces before the open one are stored already if they hold only earlier papers.
          const from = split && split.ordinal < since ? split : { piece: 0, byte: 0, ordinal: -1 };
          const cut = splitPostings(writer.view(), from);
          split = cut.open;
          this.splits.set(key, split);
          for (const piece of cut.pieces) {
            if (piece.last < since) continue;
            spills.push({ k: spillKey(this.seg, term, piece.k, kind === 'a'), data: piece.data });
          }
        }
        pieces[i] = split.piece + 1;
      } else {
        const data = writer?.finish() ?? new Uint8Array(0);
        inline.push(data);
        bytes += data.length;
      }
      off[i + 1] = bytes;
    });
    const data = new Uint8Array(bytes);
    let at = 0;
    for (const part of inline) {
      data.set(part, at);
      at += part.length;
    }
    return { off, data, pieces, spills };
  }
}

/** Where a spilled list's piece starts: its number, byte offset, and the ordinal before it. */
type Split = { piece: number; byte: number; ordinal: number };

/**
 * Postings cut into pieces of about PIECE_BYTES, each re-encoded from an absolute position so it
 * decodes on its own; from the piece `from` says on (the earlier ones are not cut again, as
 * cuts depend only on what precedes them). Returns those pieces, each with its last ordinal, and
 * where the last one starts.
 */
function splitPostings(data: Uint8Array, from: Split) {
  const pieces: { k: number; data: Uint8Array; last: number }[] = [];
  let open = from;
  let writer = new PostingWriter();
  let byte = from.byte;
  forEachPosting(
    data,
    (ordinal, mask, impact) => {
      if (writer.bytes >= PIECE_BYTES) {
        pieces.push({ k: open.piece, data: writer.finish(), last: writer.lastOrdinal });
        open = { piece: open.piece + 1, byte, ordinal: writer.lastOrdinal };
        writer = new PostingWriter();
      }
      writer.add(ordinal, mask, impact);
      byte = nextPosting(data, byte);
    },
    from.byte,
    from.ordinal,
  );
  pieces.push({ k: open.piece, data: writer.finish(), last: writer.lastOrdinal });
  return { pieces, open };
}

/** The byte offset of the posting after the one at `at`. */
function nextPosting(data: Uint8Array, at: number): number {
  while (data[at]! & 0x80) at++;
  return at + 3;
}
