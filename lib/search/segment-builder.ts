import type { Paper } from '../catalog/schema';
import { segmentChampions } from './champions';
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
    });
    this.rows.push(docRow(paper));
    this.years.push(yearOf(paper) * 2 + (paper.code.length > 0 ? 1 : 0));
  }

  /** Every record of the segment (buckets, spilled postings, head terms, rows, years). */
  records(): SearchRecord[] {
    const out: SearchRecord[] = [];
    const spilled: { term: string; postings: Uint8Array }[] = [];
    const buckets = new Map<string, string[]>();
    const terms = this.table.names;
    const idOf = (term: string) => this.table.ids.get(term)!;
    const dfOf = (term: string) =>
      (this.postings[idOf(term)]?.count ?? 0) + (this.abstractOnly[idOf(term)]?.count ?? 0);
    for (const term of terms) {
      const bucket = bucketOf(term);
      const list = buckets.get(bucket);
      if (list) list.push(term);
      else buckets.set(bucket, [term]);
    }
    for (const [bucket, list] of buckets) {
      list.sort();
      const ids = list.map(idOf);
      const meta = packList(
        list,
        ids.map((id) => this.postings[id]),
        (term, k) => spillKey(this.seg, term, k),
      );
      const abstract = packList(
        list,
        ids.map((id) => this.abstractOnly[id]),
        (term, k) => spillKey(this.seg, term, k, true),
      );
      spilled.push(...meta.spilled);
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
    out.push(segmentChampions(this.seg, spilled, this.years));
    const head = terms.filter((t) => dfOf(t) >= 2 && !t.startsWith('#')).sort();
    out.push({ k: headKey(this.seg), terms: head.join('\n'), df: Uint32Array.from(head, dfOf) });
    const firstBlock = this.start / DOC_BLOCK;
    for (let b = 0; b * DOC_BLOCK < this.rows.length; b++) {
      const rows = this.rows.slice(b * DOC_BLOCK, (b + 1) * DOC_BLOCK);
      out.push({ k: docKey(firstBlock + b), rows: JSON.stringify(rows) });
    }
    for (let q = 0; q * YEAR_SLICE < this.years.length; q++) {
      const years = this.years.slice(q * YEAR_SLICE, (q + 1) * YEAR_SLICE);
      out.push({ k: yearKey(this.seg, q), years: Uint16Array.from(years) });
    }
    return out;
  }
}

/** Postings cut into pieces of about PIECE_BYTES, each starting from an absolute position. */
function splitPostings(data: Uint8Array): Uint8Array[] {
  if (data.length <= PIECE_BYTES) return [data];
  const pieces: Uint8Array[] = [];
  let writer = new PostingWriter();
  forEachPosting(data, (ordinal, mask, impact) => {
    if (writer.bytes >= PIECE_BYTES) {
      pieces.push(writer.finish());
      writer = new PostingWriter();
    }
    writer.add(ordinal, mask, impact);
  });
  pieces.push(writer.finish());
  return pieces;
}

/** One posting list per term of a bucket: small ones inline, large ones spilled in pieces. */
function packList(
  terms: readonly string[],
  writers: readonly (PostingWriter | undefined)[],
  keyOf: (term: string, piece: number) => string,
) {
  const off = new Uint32Array(terms.length + 1);
  const pieces = new Uint16Array(terms.length);
  const spills: SearchRecord[] = [];
  const spilled: { term: string; postings: Uint8Array }[] = [];
  const inline: Uint8Array[] = [];
  let bytes = 0;
  terms.forEach((term, i) => {
    const data = writers[i]?.finish() ?? new Uint8Array(0);
    if (data.length > SPILL_BYTES) {
      const split = splitPostings(data);
      pieces[i] = split.length;
      spilled.push({ term, postings: data });
      split.forEach((piece, k) => spills.push({ k: keyOf(term, k), data: piece }));
    } else {
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
  return { off, data, pieces, spills, spilled };
}
