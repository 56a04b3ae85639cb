/** How long one slice of content-script work may hold the main thread. */
export const SLICE_MS = 10;

/** Gives the page its main thread back until the browser is idle (or a short timeout). */
export type Pause = () => Promise<void>;

/**
 * Runs `work` over `items` in slices of about `budget` ms, pausing between slices so that a long
 * page never sees a long task from us. Stops early, without finishing, once `cancelled()` says so.
 */
export interface SliceOptions {
  budget?: number;
  cancelled?: () => boolean;
  now?: () => number;
}

export async function inSlices<T>(
  items: Iterable<T>,
  work: (item: T) => void,
  pause: Pause,
  { budget = SLICE_MS, cancelled = () => false, now = () => performance.now() }: SliceOptions = {},
): Promise<boolean> {
  let start = now();
  for (const item of items) {
    if (now() - start >= budget) {
      await pause();
      if (cancelled()) return false;
      start = now();
    }
    work(item);
  }
  return !cancelled();
}

/**
 * Drives a pausable pass (a generator that yields at safe points) in slices of about `budget` ms.
 * Undefined when cancelled before the end.
 */
export async function runSteps<T>(
  steps: Generator<void, T>,
  pause: Pause,
  { budget = SLICE_MS, cancelled = () => false, now = () => performance.now() }: SliceOptions = {},
): Promise<T | undefined> {
  let start = now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (now() - start >= budget) {
      await pause();
      if (cancelled()) return undefined;
      start = now();
    }
  }
}
