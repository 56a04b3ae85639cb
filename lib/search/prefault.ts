import type { OpenIndex } from './index-reader';

/** Bytes of a memory page: one write in each maps it. */
const PAGE = 4096;
/** Bytes mapped per task: a keystroke arriving meanwhile waits a millisecond or two at most. */
const PREFAULT_STEP = 1 << 20;

/**
 * Maps the memory of the index's big arrays after the first answer, a slice per task. A fresh
 * typed array is only reserved: its pages are mapped on first write, which at a million papers
 * cost the first keystroke that touched papers all over the catalog (`sat` after a stored `sa`)
 * some 40 ms of its scoring. Each page gets one of its own values written back, so a query
 * running in between sees nothing change.
 */
export function prefault(index: OpenIndex): void {
  if (index.warm) return;
  index.warm = true;
  const { score, best, words, fields } = index.scratch;
  const arrays = [score, best, words, fields, index.years, index.yearKnown];
  let array = 0;
  let at = 0;
  const step = () => {
    const a = arrays[array];
    if (!a) return;
    const stride = PAGE / a.BYTES_PER_ELEMENT;
    const end = Math.min(a.length, at + PREFAULT_STEP / a.BYTES_PER_ELEMENT);
    for (let i = at; i < end; i += stride) a[i] = a[i]!;
    at = end;
    if (at >= a.length) [array, at] = [array + 1, 0];
    setTimeout(step, 0);
  };
  setTimeout(step, 0);
}
