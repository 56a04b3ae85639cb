/**
 * Postings: per term, the documents of one segment in ascending order, each as
 * varint(ordinal delta), field mask byte, impact byte. Three bytes a posting for most terms.
 */

export const FIELD = { title: 1, authors: 2, abstract: 4, keywords: 8, code: 16, id: 32 } as const;

export class PostingWriter {
  private buffer = new Uint8Array(16);
  private length = 0;
  private last = -1;
  count = 0;

  private ensure(extra: number) {
    if (this.length + extra <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  add(ordinal: number, mask: number, impact: number) {
    if (ordinal <= this.last)
      throw new Error(`Postings must ascend: ${ordinal} after ${this.last}`);
    this.ensure(7);
    let delta = ordinal - this.last;
    this.last = ordinal;
    while (delta >= 0x80) {
      this.buffer[this.length++] = (delta & 0x7f) | 0x80;
      delta >>>= 7;
    }
    this.buffer[this.length++] = delta;
    this.buffer[this.length++] = mask;
    this.buffer[this.length++] = impact;
    this.count++;
  }

  get bytes(): number {
    return this.length;
  }

  /** The last ordinal added (-1 before any). */
  get lastOrdinal(): number {
    return this.last;
  }

  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  /** The bytes written so far, not copied: valid until the next add. */
  view(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}

/**
 * Calls `visit` for each posting of `data` (a PostingWriter's output), or of its postings from
 * byte `from` on, the one before them being `ordinal`.
 */
export function forEachPosting(
  data: Uint8Array,
  visit: (ordinal: number, mask: number, impact: number) => void,
  from = 0,
  ordinal = -1,
): void {
  let i = from;
  while (i < data.length) {
    let delta = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = data[i++]!;
      delta |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    ordinal += delta;
    visit(ordinal, data[i]!, data[i + 1]!);
    i += 2;
  }
}
