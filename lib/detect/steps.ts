/**
 * Pausable passes are generators that yield at safe points; the content script resumes them in
 * ~10 ms slices (lib/content/slices.ts), tests and Node tools run them in one go with `finish`.
 */
export type Steps<T> = Generator<void, T>;

/** Runs a pass to its end in one go (tests, Node tools). */
export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
