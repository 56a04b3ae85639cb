import type { Paper } from '../catalog/schema';
import { CHUNK, type CatalogDb, type Slot } from '../db/catalog-db';
import { mergeChampions } from './champions';
import {
  DOC_BLOCK,
  headKey,
  INDEX_FORMAT,
  SEGMENT,
  segmentChampionsKey,
  type DictRecord,
  type SearchRecord,
  type SegmentChampionsRecord,
  type StatsRecord,
} from './records';
import { SegmentBuilder } from './segment-builder';
import { buildShortAnswers } from './short-answers';

/**
 * Builds the search index alongside a catalog load. The loader hands over every batch of parsed
 * papers; a segment's records come back when its last paper arrives, and the loader writes them
 * in the same transaction as the batch and its checkpoint, so a checkpoint always means "every
 * segment below `done` is written". On resume, the unfinished segment is rebuilt from the chunks
 * the slot already holds. finish() writes the last segment, the merged head dictionary, the stored
 * answers of short prefixes and the stats record, before the loader makes the slot active.
 */
export class SearchIndexWriter {
  private builder: SegmentBuilder;

  private constructor(
    private readonly slot: Slot,
    private readonly segment: number,
    done: number,
  ) {
    this.builder = new SegmentBuilder(Math.floor(done / segment), segment);
  }

  /** A writer for a load that has committed `done` papers to `slot`. */
  static async open(
    db: CatalogDb,
    slot: Slot,
    done: number,
    segment = SEGMENT,
  ): Promise<SearchIndexWriter> {
    if (!Number.isInteger(segment / DOC_BLOCK) || segment <= 0) {
      throw new Error(
        `Search segments hold a positive multiple of ${DOC_BLOCK} papers, not ${segment}.`,
      );
    }
    const writer = new SearchIndexWriter(slot, segment, done);
    const start = writer.builder.start;
    // Papers of the unfinished segment were committed as chunks; read them back in slices.
    for (let from = start; from < done; from += 256 * CHUNK) {
      const to = Math.min(done, from + 256 * CHUNK);
      const chunks = await db
        .chunks(slot)
        .where('n')
        .between(from / CHUNK, Math.ceil(to / CHUNK), true, false)
        .toArray();
      const lines = chunks.flatMap((c) => c.lines.split('\n'));
      writer.add(
        from,
        lines.slice(0, to - from).map((line) => JSON.parse(line) as Paper),
      );
    }
    return writer;
  }

  /** Adds papers at positions start, start + 1, ...; returns the records of finished segments. */
  add(start: number, papers: readonly Paper[]): SearchRecord[] {
    const out: SearchRecord[] = [];
    papers.forEach((paper, i) => {
      this.builder.add(start + i, paper);
      if (this.builder.added === this.segment) {
        out.push(...this.builder.records());
        this.builder = new SegmentBuilder(this.builder.seg + 1, this.segment);
      }
    });
    return out;
  }

  /** Writes the last segment, the head dictionary and the stats; `count` papers in all. */
  async finish(db: CatalogDb, count: number): Promise<void> {
    const table = db.search(this.slot);
    const last = this.builder.added > 0 ? this.builder.records() : [];
    const segments = Math.ceil(count / this.segment);
    const heads = (await table.bulkGet(Array.from({ length: segments }, (_, s) => headKey(s)))) as (
      DictRecord | undefined
    )[];
    const lastHead = last.find((r) => r.k === headKey(this.builder.seg)) as DictRecord | undefined;
    const df = new Map<string, number>();
    heads.forEach((record, s) => {
      const head = s === this.builder.seg && lastHead ? lastHead : record;
      if (!head) throw new Error(`Search index: segment ${s} is missing.`);
      const terms = head.terms ? head.terms.split('\n') : [];
      terms.forEach((term, i) => df.set(term, (df.get(term) ?? 0) + head.df[i]!));
    });
    const terms = [...df.keys()].sort();
    const champions = (await table.bulkGet(
      Array.from({ length: segments }, (_, s) => segmentChampionsKey(s)),
    )) as (SegmentChampionsRecord | undefined)[];
    const lastChampions = last.find((r) => r.k === segmentChampionsKey(this.builder.seg));
    if (lastChampions) champions[this.builder.seg] = lastChampions as SegmentChampionsRecord;
    const merged = mergeChampions(champions, this.segment);
    const head: DictRecord = {
      k: 'h',
      terms: terms.join('\n'),
      df: Uint32Array.from(terms, (t) => df.get(t)!),
    };
    await db.transaction('rw', table, async () => {
      await table.bulkPut(last);
      await table.bulkPut(merged);
      await table.put(head);
    });
    // The engine answers the short prefixes from the records just written; the stats record,
    // which makes the index usable, comes last.
    const stats: StatsRecord = {
      k: 's',
      count,
      segment: this.segment,
      segments,
      format: INDEX_FORMAT,
    };
    const short = await buildShortAnswers(db, this.slot, stats, head);
    await db.transaction('rw', table, async () => {
      await table.bulkPut(short.records);
      await table.put({ ...stats, short: short.prefixes.join('\n') });
    });
  }
}
