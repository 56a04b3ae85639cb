/**
 * Keeps only the newest of overlapping async runs: the user types faster than a search answers,
 * and an older query's answer arriving late must never replace a newer one's.
 */

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export class LatestRunner {
  private seq = 0;

  /** Runs `task`; `done` hears its outcome only if no later run (or cancel) started meanwhile. */
  run<T>(task: () => Promise<T>, done: (outcome: Outcome<T>) => void): void {
    const mine = ++this.seq;
    task().then(
      (value) => {
        if (mine === this.seq) done({ ok: true, value });
      },
      (error: unknown) => {
        if (mine === this.seq) done({ ok: false, error });
      },
    );
  }

  /** Drops the answer of whatever is running. */
  cancel(): void {
    this.seq++;
  }
}
