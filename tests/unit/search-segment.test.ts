import { describe, expect, it } from 'vitest';
import {
  bucketKey,
  bucketOf,
  PIECE_BYTES,
  type BucketRecord,
  type SpillRecord,
} from '@/lib/search/records';
import { SegmentBuilder } from '@/lib/search/segment-builder';
import { termKey } from '@/lib/search/tokenize';
import { forEachPosting, PostingWriter } from '@/lib/search/varint';
import { makePaper } from './catalog-fixture';

describe('postings', () => {
  it('round-trip positions, field masks and impacts, with multi-byte gaps', () => {
    const writer = new PostingWriter();
    const input: [number, number, number][] = [
      [0, 1, 30],
      [5, 4, 2],
      [300, 3, 255],
      [70_000, 32, 1],
    ];
    for (const [p, m, i] of input) writer.add(p, m, i);
    const out: [number, number, number][] = [];
    forEachPosting(writer.finish(), (p, m, i) => out.push([p, m, i]));
    expect(out).toEqual(input);
  });

  it('refuses positions out of order', () => {
    const writer = new PostingWriter();
    writer.add(3, 1, 1);
    expect(() => writer.add(3, 1, 1)).toThrow(/ascend/);
  });
});

describe('segment builder', () => {
  it('spills a common term into pieces under the 64 KB line that decode to every paper', () => {
    const count = 20_000;
    const builder = new SegmentBuilder(0, 20_480);
    for (let i = 0; i < count; i++) builder.add(i, makePaper(i));
    const records = builder.records();
    const term = termKey('synthetic');
    const bucket = records.find((r) => r.k === bucketKey(0, bucketOf(term))) as BucketRecord;
    const at = bucket.terms.split('\n').indexOf(term);
    expect(bucket.df[at]).toBe(count);
    expect(bucket.pieces[at]).toBeGreaterThan(1);
    const pieces = records.filter((r) => r.k.startsWith(`p:000:${term}:`)) as SpillRecord[];
    expect(pieces).toHaveLength(bucket.pieces[at]!);
    const positions: number[] = [];
    for (const piece of pieces.sort((a, b) => a.k.localeCompare(b.k, 'en', { numeric: true }))) {
      expect(piece.data.length).toBeLessThanOrEqual(PIECE_BYTES + 8);
      forEachPosting(piece.data, (p) => positions.push(p));
    }
    expect(positions).toEqual(Array.from({ length: count }, (_, i) => i));
  });

  it('refuses a paper out of order', () => {
    const builder = new SegmentBuilder(1, 256);
    expect(() => builder.add(0, makePaper(0))).toThrow(/out of order/);
  });
});
