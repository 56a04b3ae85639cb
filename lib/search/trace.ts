/**
 * Phase timings of a search, for the bench only: off unless a page turns it on, and then one
 * array push per phase. The bench reads them per keystroke to see where the time goes.
 */

export type TracePhase = [name: string, at: number];

export const searchTrace: { enabled: boolean; phases: TracePhase[] } = {
  enabled: false,
  phases: [],
};

/** Marks the end of a phase named `name`. */
export function phase(name: string): void {
  if (searchTrace.enabled) searchTrace.phases.push([name, performance.now()]);
}

/** Durations in ms since `start`, one per phase, summed when a phase repeats. */
export function phaseDurations(start: number, phases: readonly TracePhase[]) {
  const out: Record<string, number> = {};
  let last = start;
  for (const [name, at] of phases) {
    out[name] = (out[name] ?? 0) + at - last;
    last = at;
  }
  return out;
}
