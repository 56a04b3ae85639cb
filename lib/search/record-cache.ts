import type { SearchRecord } from './records';

/**
 * Index records a page has read, kept for the next keystrokes: typing adds letters to the last
 * word, so every keystroke asks again for the buckets and postings of the words before it. Least
 * recently used out first, bounded by bytes so a long session cannot grow the popup's heap.
 */

/**
 * Holds the postings of dozens of common words; with the 11 MB of score arrays at a million
 * papers it keeps the popup well under its 50 MB heap budget.
 */
export const CACHE_BYTES = 16 * 1024 * 1024;

/** Bytes a record holds (typed arrays by length, strings at two bytes a character). */
export function recordBytes(record: SearchRecord): number {
  let bytes = 64;
  for (const value of Object.values(record) as unknown[]) {
    if (typeof value === 'string') bytes += 2 * value.length;
    else if (ArrayBuffer.isView(value)) bytes += value.byteLength;
    else bytes += 8;
  }
  return bytes;
}

export class RecordCache {
  /** Insertion order is recency order: a hit is moved to the end. */
  private entries = new Map<string, { record: SearchRecord | undefined; bytes: number }>();
  private used = 0;

  constructor(readonly budget = CACHE_BYTES) {}

  get bytes(): number {
    return this.used;
  }

  /** Whether `key` was read before (possibly as absent). */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(key: string): SearchRecord | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.record;
  }

  /** Remembers a read record, or that `key` is absent (`undefined`). */
  set(key: string, record: SearchRecord | undefined): void {
    const old = this.entries.get(key);
    if (old) {
      this.used -= old.bytes;
      this.entries.delete(key);
    }
    const bytes = record ? recordBytes(record) : 64;
    if (bytes > this.budget) return;
    this.entries.set(key, { record, bytes });
    this.used += bytes;
    for (const [k, entry] of this.entries) {
      if (this.used <= this.budget) break;
      this.entries.delete(k);
      this.used -= entry.bytes;
    }
  }

  /** Records for `keys` in order: cached ones at once, the rest with one `read` of the missing. */
  async getMany(
    keys: readonly string[],
    read: (missing: string[]) => Promise<(SearchRecord | undefined)[]>,
  ): Promise<(SearchRecord | undefined)[]> {
    const missing = [...new Set(keys.filter((k) => !this.has(k)))];
    const fresh = new Map<string, SearchRecord | undefined>();
    if (missing.length) {
      const records = await read(missing);
      missing.forEach((k, i) => fresh.set(k, records[i]));
    }
    // Taken before storing the fresh ones, so a small budget cannot evict what this call needs.
    const out = keys.map((k) => (fresh.has(k) ? fresh.get(k) : this.get(k)));
    for (const [k, record] of fresh) this.set(k, record);
    return out;
  }
}
