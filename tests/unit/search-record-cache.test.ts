import { describe, expect, it } from 'vitest';
import { RecordCache, recordBytes } from '@/lib/search/record-cache';
import type { SpillRecord } from '@/lib/search/records';

const spill = (k: string, bytes: number): SpillRecord => ({ k, data: new Uint8Array(bytes) });

describe('record cache', () => {
  it('reads only what it has not seen, absent keys included, and answers in the order asked', async () => {
    const cache = new RecordCache(1_000_000);
    const asked: string[][] = [];
    const read = (keys: string[]) => {
      asked.push(keys);
      return Promise.resolve(keys.map((k) => (k === 'gone' ? undefined : spill(k, 10))));
    };
    const first = await cache.getMany(['a', 'gone', 'b', 'a'], read);
    expect(first.map((r) => r?.k)).toEqual(['a', undefined, 'b', 'a']);
    const second = await cache.getMany(['b', 'c', 'gone'], read);
    expect(second.map((r) => r?.k)).toEqual(['b', 'c', undefined]);
    expect(asked).toEqual([['a', 'gone', 'b'], ['c']]);
  });

  it('drops the least recently used records once over its byte budget', async () => {
    const size = recordBytes(spill('a', 1000));
    const cache = new RecordCache(3 * size);
    const read = (keys: string[]) => Promise.resolve(keys.map((k) => spill(k, 1000)));
    await cache.getMany(['a', 'b', 'c'], read);
    await cache.getMany(['a'], read); // a is now the most recent
    await cache.getMany(['d'], read);
    expect(['a', 'b', 'c', 'd'].map((k) => cache.has(k))).toEqual([true, false, true, true]);
    expect(cache.bytes).toBeLessThanOrEqual(3 * size);
  });

  it('still answers a call whose records alone exceed the budget', async () => {
    const cache = new RecordCache(100);
    const read = (keys: string[]) => Promise.resolve(keys.map((k) => spill(k, 80)));
    const out = await cache.getMany(['a', 'b'], read);
    expect(out.map((r) => r?.k)).toEqual(['a', 'b']);
    expect(cache.bytes).toBeLessThanOrEqual(100);
  });
});
