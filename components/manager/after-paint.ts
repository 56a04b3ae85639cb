import { useEffect, useState, type ReactNode } from 'react';

type PostTask = (run: () => void, options: { priority: 'background' }) => Promise<void>;
const scheduler = (globalThis as { scheduler?: { postTask?: PostTask } }).scheduler;

/**
 * Runs `then` once the next frame is painted, or after 200 ms in a tab that paints nothing (a
 * hidden tab gets no animation frames). Returns a cancel function. Where the browser has
 * `scheduler.postTask`, `then` runs as a background task: what follows the first screen (Dexie,
 * the whole list, the dialogs) then waits behind input and anything else already queued.
 */
export function afterPaint(then: () => void): () => void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    then();
  };
  const later = () => {
    // A failure in `then` then surfaces as an unhandled rejection, as a thrown error would.
    if (scheduler?.postTask) void scheduler.postTask(once, { priority: 'background' });
    else setTimeout(once);
  };
  const frame = requestAnimationFrame(later);
  const timer = setTimeout(once, 200);
  return () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/**
 * False until the page's first frame with this component is painted: what only matters after the
 * first screen (Dexie, the export and import dialogs) starts loading then, so that neither its
 * fetch nor its evaluation can land before that frame.
 */
export function usePainted(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => afterPaint(() => setPainted(true)), []);
  return painted;
}

/** Renders its children only from the first paint on: for what that first frame cannot show. */
export function AfterPaint({ children }: { children: ReactNode }): ReactNode {
  return usePainted() ? children : null;
}
