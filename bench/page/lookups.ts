import { send } from '@/lib/messaging/protocol';

/** Batch lookup latency through the real message, as a content script would see it. */
export type LookupResult = { ms: number[]; hits: number[] };

export async function timeLookups(batches: string[][], warmup: number): Promise<LookupResult> {
  const ms: number[] = [];
  const hits: number[] = [];
  for (let i = 0; i < batches.length; i++) {
    const start = performance.now();
    const answers = await send('lookupCandidates', { candidates: batches[i]! });
    const elapsed = performance.now() - start;
    if (i < warmup) continue;
    ms.push(elapsed);
    hits.push(answers.filter(Boolean).length);
  }
  return { ms, hits };
}
