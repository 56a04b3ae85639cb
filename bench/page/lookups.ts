import { send } from '@/lib/messaging/messenger';

/** Batch lookup latency through the real message, as a content script would see it. */
/** Per timed batch: its latency and the catalog id answered for each candidate (null: no match). */
export type LookupResult = { ms: number[]; ids: (string | null)[][] };

export async function timeLookups(batches: string[][], warmup: number): Promise<LookupResult> {
  const ms: number[] = [];
  const ids: (string | null)[][] = [];
  for (let i = 0; i < batches.length; i++) {
    const start = performance.now();
    const answers = await send('lookupCandidates', { candidates: batches[i]! });
    const elapsed = performance.now() - start;
    if (i < warmup) continue;
    ms.push(elapsed);
    ids.push(answers.map((answer) => answer?.id ?? null));
  }
  return { ms, ids };
}
