import type { Paper } from '../catalog/schema';
import { CHUNK, type CatalogDb, type Slot } from '../db/catalog-db';
import {
  headKey,
  segmentChampionsKey,
  type DictRecord,
  type SearchRecord,
  type SegmentChampionsRecord,
} from './records';
import { SegmentBuilder } from './segment-builder';

/**
 * The tail's segments (tail-writer.ts) as papers are appended: a SegmentBuilder for the open
 * one, whose records, when asked, are only those that changed since they were last asked for.
 */

/** Records of one segment that changed, with its head terms and champions. */
export type SegmentChange = {
  seg: number;
  records: SearchRecord[];
  head: DictRecord;
  champions: SegmentChampionsRecord;
  /** Spilled terms of the segment that got new postings. */
  terms: string[];
};

/** Papers stored at positions [from, to) of a slot, in slices, from its chunks. */
export async function* storedPapers(db: CatalogDb, slot: Slot, from: number, to: number) {
  const slice = 256 * CHUNK;
  for (let at = from; at < to; at += slice) {
    const stop = Math.min(to, at + slice);
    const first = Math.floor(at / CHUNK);
    const chunks = await db
      .chunks(slot)
      .where('n')
      .between(first, Math.ceil(stop / CHUNK), true, false)
      .toArray();
    const lines = chunks
      .flatMap((c) => c.lines.split('\n'))
      .slice(at - first * CHUNK, stop - first * CHUNK);
    if (lines.length !== stop - at) {
      throw new Error(`Search index: catalog papers ${at}-${stop - 1} are not all stored.`);
    }
    yield lines.map((line) => JSON.parse(line) as Paper);
  }
}

/**
 * Builds tail segments as papers are appended and hands over what changed since the last
 * take(). Kept in memory between batches (see tailSearchRecords), so a batch costs its own papers,
 * not a rebuild of the open segment.
 */
export class TailIndexWriter {
  private builder: SegmentBuilder;
  private changed: SegmentChange[] = [];
  /** The first position added since the last take(). */
  private mark: number;
  /** The `stamp` of the stats written with this writer's last records. */
  stamp = '';

  private constructor(
    readonly slot: Slot,
    readonly segment: number,
    private next: number,
  ) {
    this.builder = new SegmentBuilder(Math.floor(next / segment), segment);
    this.mark = next;
  }

  /** The position the next paper goes to. */
  get end(): number {
    return this.next;
  }

  /**
   * A writer whose next paper goes to `end`, a position at or after the tail base; the papers of
   * the segment `end` is in are read back from the slot's chunks.
   */
  static async open(
    db: CatalogDb,
    slot: Slot,
    segment: number,
    end: number,
  ): Promise<TailIndexWriter> {
    const start = Math.floor(end / segment) * segment;
    const writer = new TailIndexWriter(slot, segment, start);
    for await (const papers of storedPapers(db, slot, start, end)) writer.add(papers);
    // Those papers' records are stored already.
    writer.changed = [];
    writer.mark = end;
    return writer;
  }

  add(papers: readonly Paper[]): void {
    for (const paper of papers) {
      this.builder.add(this.next++, paper);
      if (this.builder.added === this.segment) {
        this.changed.push(this.change());
        this.builder = new SegmentBuilder(this.builder.seg + 1, this.segment);
      }
    }
  }

  /** The records of every segment changed since the last call, in segment order. */
  take(): SegmentChange[] {
    if (this.builder.added > 0 && this.builder.start + this.builder.added > this.mark) {
      this.changed.push(this.change());
    }
    const out = this.changed;
    this.changed = [];
    this.mark = this.next;
    return out;
  }

  private change(): SegmentChange {
    const { builder } = this;
    const since = Math.max(0, this.mark - builder.start);
    const records = builder.records(since);
    const head = records.find((r) => r.k === headKey(builder.seg)) as DictRecord;
    const champions = records.find(
      (r) => r.k === segmentChampionsKey(builder.seg),
    ) as SegmentChampionsRecord;
    const touched = builder.touchedSince(since);
    const terms = champions.terms ? champions.terms.split('\n').filter((t) => touched.has(t)) : [];
    return { seg: builder.seg, records, head, champions, terms };
  }
}
