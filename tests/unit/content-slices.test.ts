import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { lookupAll, papersOf } from '@/lib/content/lookup-client';
import { inSlices, runSteps } from '@/lib/content/slices';
import { detectPage, pageSteps } from '@/lib/detect/detect-page';

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

describe('a page scan in slices', () => {
  function bigPage(rows: number): Document {
    const window = new Window({ url: 'https://blog.example.org/list' });
    const items = Array.from(
      { length: rows },
      (_, i) =>
        `<li><a href="https://arxiv.org/abs/2401.${String(10000 + i)}">Paper ${i}</a> <em>note</em> on sparse models</li>`,
    );
    window.document.write(`<body><h1>List</h1><ul>${items.join('')}</ul></body>`);
    return window.document as unknown as Document;
  }

  it('pauses inside the walk of one big page and finds what one uninterrupted pass finds', async () => {
    const doc = bigPage(900);
    const url = new URL('https://blog.example.org/list');
    let clock = 0;
    let pauses = 0;
    // Every clock read costs a whole slice: the scan pauses at each of its pause points.
    const pass = await runSteps(pageSteps(doc, url), async () => void pauses++, {
      budget: 10,
      now: () => (clock += 10),
    });
    // More pauses than the passes after the walk have (one per 64 blocks, one after metadata):
    // the walk of the page's nodes itself gives the main thread back.
    expect(pauses).toBeGreaterThan(Math.ceil(pass!.blocks.length / 64) + 1 + 10);
    expect(pass!.candidates.map((c) => c.query)).toEqual(detectPage(doc, url).map((c) => c.query));
    // Per row: the link's arXiv id and the row's text as a possible title.
    expect(pass!.candidates).toHaveLength(1800);
    expect(pass!.blocks.length).toBeGreaterThan(900);
  });

  it('stops at a pause once cancelled, without a result', async () => {
    const doc = bigPage(500);
    let clock = 0;
    const pass = await runSteps(
      pageSteps(doc, new URL('https://blog.example.org/')),
      async () => undefined,
      {
        budget: 1,
        now: () => (clock += 5),
        cancelled: () => true,
      },
    );
    expect(pass).toBeUndefined();
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
