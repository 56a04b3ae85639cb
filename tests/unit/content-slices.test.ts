import { describe, expect, it } from 'vitest';
import { lookupAll, papersOf } from '@/lib/content/lookup-client';
import { inSlices } from '@/lib/content/slices';

describe('time slices', () => {
  it('yields to the page whenever a slice used up its budget', async () => {
    let clock = 0;
    const done: number[] = [];
    const pausedAfter: number[] = [];
    await inSlices(
      [1, 2, 3, 4, 5, 6, 7],
      (n) => {
        clock += 4;
        done.push(n);
      },
      async () => void pausedAfter.push(done.length),
      { budget: 10, now: () => clock },
    );
    expect(done).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // 4 ms per item, 10 ms per slice: three items, then a pause.
    expect(pausedAfter).toEqual([3, 6]);
  });

  it('stops at a pause once cancelled (the page navigated away)', async () => {
    let clock = 0;
    let cancelled = false;
    const done: number[] = [];
    const finished = await inSlices(
      [1, 2, 3, 4],
      (n) => {
        clock += 10;
        done.push(n);
      },
      async () => void (cancelled = true),
      { budget: 10, now: () => clock, cancelled: () => cancelled },
    );
    expect(finished).toBe(false);
    expect(done).toEqual([1]);
  });
});

describe('batched lookups', () => {
  it('sends at most 500 candidates per message and keeps answers in order', async () => {
    const sizes: number[] = [];
    const queries = Array.from({ length: 1203 }, (_, i) => `q${i}`);
    const answers = await lookupAll(queries, async (batch) => {
      sizes.push(batch.length);
      return batch.map((q) => (q.endsWith('7') ? { id: q, matchedBy: 'arxiv' as const } : null));
    });
    expect(sizes).toEqual([500, 500, 203]);
    expect(answers).toHaveLength(1203);
    expect(answers[7]).toEqual({ id: 'q7', matchedBy: 'arxiv' });
    expect(answers[1202]).toBeNull();
  });

  it('refuses an answer that does not line up with the questions', async () => {
    await expect(lookupAll(['a', 'b'], async () => [null])).rejects.toThrow(/out of step/);
  });

  it("fetches each matched paper's record once, however often the page names it", async () => {
    const asked: string[][] = [];
    const papers = await papersOf(
      [
        { id: 'a', matchedBy: 'arxiv' },
        null,
        { id: 'b', matchedBy: 'title' },
        { id: 'a', matchedBy: 'title' },
      ],
      async (ids) => {
        asked.push(ids);
        return ids.map((id) => (id === 'b' ? null : ({ id } as never)));
      },
    );
    expect(asked).toEqual([['a', 'b']]);
    expect([...papers.keys()]).toEqual(['a']);
  });
});
