import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isWeekend } from '@/lib/feeds/days';
import { hfDayUrl, hfTrendingUrl, parseHfPage } from '@/lib/feeds/hf';
import {
  advanceHf,
  hfCursorSchema,
  hfStep,
  hfStepUrl,
  planHfRun,
  type HfCursor,
} from '@/lib/feeds/hf-plan';
import { runHf, type RunDeps } from '@/lib/feeds/runner';
import { nextRun } from '@/lib/feeds/schedule';
import { HF_FIRST_DAY, type FeedSettings } from '@/lib/feeds/sources';
import { paperSchema } from '@/lib/catalog/schema';
import { fakeDeps, json, MemoryCatalog, recordingFetch, type Call } from './feeds-fakes';

const fixture = (name: string) => readFileSync(`tests/fixtures/feeds/${name}`, 'utf8');
const DAILY = fixture('hf-daily.json');
const MISSING = fixture('hf-daily-missing-fields.json');
const TRENDING = fixture('hf-trending.json');
const BAD = fixture('hf-daily-bad.json');
const AT = '2024-06-03T06:00:00.000Z';

describe('one page of daily papers', () => {
  it('reads the recorded page with what only Hugging Face knows', () => {
    const { papers, items, issues, count } = parseHfPage(DAILY, AT);
    expect(issues).toEqual([]);
    expect(count).toBe(3);
    expect(items).toEqual([
      { id: '2106.09685', upvotes: 42 },
      { id: '2305.14314', upvotes: 57 },
      { id: '2401.04088', upvotes: 120 },
    ]);
    const [lora, qlora, mixtral] = papers;
    expect(lora).toMatchObject({
      id: '2106.09685',
      arxivId: '2106.09685',
      title: 'LoRA: Low-Rank Adaptation of Large Language Models',
      authors: ['Edward J. Hu', 'Yelong Shen', 'Phillip Wallis', 'Weizhu Chen'],
      published: '2021-06-17',
      upvotes: 42,
      aiSummary:
        'LoRA adapts large pre-trained models by training small low-rank matrices injected into each layer while the original weights stay frozen.',
      keywords: ['low-rank adaptation', 'parameter-efficient fine-tuning', 'Transformer', 'GPT-3'],
      code: [{ url: 'https://github.com/microsoft/LoRA', kind: 'repository', official: true }],
      links: {
        abs: 'https://arxiv.org/abs/2106.09685',
        pdf: 'https://arxiv.org/pdf/2106.09685',
        hf: 'https://huggingface.co/papers/2106.09685',
      },
      related: [],
      origin: [{ source: 'hf', at: AT }],
      updatedAt: AT,
    });
    expect(lora!.abstract).toMatch(/^We propose Low-Rank Adaptation, or LoRA/);
    expect(lora!.summary.length).toBeGreaterThan(0);
    expect(qlora).not.toHaveProperty('aiSummary');
    expect(qlora!.keywords).toEqual([]);
    expect(mixtral!.code).toEqual([]);
    expect(mixtral!.keywords).toEqual(['sparse mixture of experts', 'router', 'Mistral 7B']);
    for (const paper of papers) expect(paperSchema.safeParse(paper).success).toBe(true);
  });

  it('keeps items with missing fields, taking title and abstract from the entry when the paper lacks them', () => {
    const { papers, items, issues } = parseHfPage(MISSING, AT);
    expect(issues).toEqual([]);
    expect(items).toEqual([
      { id: '2405.21060', upvotes: 0 },
      { id: '2312.00752' },
      { id: '2310.06825' },
      { id: '2307.09288', upvotes: 88 },
    ]);
    const [ssm, mamba, mistral, llama] = papers;
    expect(ssm).toMatchObject({ upvotes: 0, code: [], keywords: [] });
    expect(ssm).not.toHaveProperty('aiSummary');
    expect(mamba).toMatchObject({
      title: 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
      authors: [],
      abstract: '',
      summary: '',
    });
    expect(mamba).not.toHaveProperty('published');
    expect(mamba).not.toHaveProperty('upvotes');
    expect(mistral).toMatchObject({ title: 'Mistral 7B', published: '2023-10-11' });
    expect(mistral!.abstract).toMatch(/^We introduce Mistral 7B/);
    expect(llama).toMatchObject({
      authors: ['Hugo Touvron', 'Louis Martin'],
      code: [{ url: 'https://ai.meta.com/llama', kind: 'project', official: true }],
      aiSummary:
        'Llama 2 is a family of open pretrained and chat-tuned language models from 7B to 70B parameters.',
    });
  });

  it('names every bad record and keeps the good ones', () => {
    const { papers, items, issues, count } = parseHfPage(BAD, AT);
    expect(count).toBe(10);
    expect(papers.map((p) => p.id)).toEqual(['2401.00001', '2401.00003', '2401.00005']);
    expect(items).toEqual([
      { id: '2401.00001' },
      { id: '2401.00003' },
      { id: '2401.00005', upvotes: 7 },
    ]);
    expect(issues).toEqual([
      'item 1: 2401.00001: ignored upvotes: Invalid input: expected number, received string',
      'item 2: bad arXiv id "not-an-arxiv-id"',
      'item 3: bad arXiv id "10.1145/3292500.3330701"',
      'item 4: 2401.00002 has no title',
      'item 5: 2401.00003: ignored numComments: Too small: expected number to be >=0',
      'item 6: 2401.00003 is listed twice',
      'item 7: bad daily-papers entry: paper: Invalid input: expected object, received undefined',
      'item 8: bad daily-papers entry: entry: Invalid input: expected object, received string',
      'item 9: bad daily-papers entry: paper.id: Invalid input: expected string, received number',
    ]);
    const [fast] = papers;
    // Entities decoded, tags and control characters gone, spaces collapsed.
    expect(fast!.title).toBe('Fast Attention for Everyone');
    expect(fast!.abstract).toBe(
      'We make attention fast. Code: https://github.com/example/fast-attention.',
    );
    // The javascript: repository is dropped; the link in the abstract stays.
    expect(fast!.code).toEqual([
      { url: 'https://github.com/example/fast-attention', kind: 'repository', official: true },
    ]);
    // Duplicates (case aside), markup and empty keywords go.
    expect(fast!.keywords).toEqual(['attention', 'kernel fusion']);
    expect(fast).not.toHaveProperty('upvotes');
  });

  it('names a paper the catalog could not hold (a title over 1,000 characters)', () => {
    const page = JSON.stringify([{ paper: { id: '2401.00009', title: 'Long '.repeat(250) } }]);
    const { papers, issues } = parseHfPage(page, AT);
    expect(papers).toEqual([]);
    expect(issues).toEqual([
      'item 1: 2401.00009: title: Too big: expected string to have <=1000 characters',
    ]);
  });

  it('cuts an over-long AI summary at a word, with an ellipsis', () => {
    const long = 'word '.repeat(400);
    const page = JSON.stringify([{ paper: { id: '2401.00009', title: 'T', ai_summary: long } }]);
    const summary = parseHfPage(page, AT).papers[0]!.aiSummary!;
    expect(summary.length).toBeLessThanOrEqual(1000);
    expect(summary).toMatch(/word…$/);
  });

  it('refuses a truncated body, saying it was cut off', () => {
    expect(() => parseHfPage(DAILY.slice(0, 1500), AT)).toThrow(
      /^Hugging Face's answer is not valid JSON \(it was cut off\): /,
    );
  });

  it('refuses an error object, an HTML page and a bare value, saying what came', () => {
    expect(() => parseHfPage('{"error":"Invalid date"}', AT)).toThrow(
      `Hugging Face's answer is an error ("Invalid date"), not a list of papers`,
    );
    expect(() => parseHfPage('<!doctype html><html></html>', AT)).toThrow(
      /^Hugging Face's answer is not valid JSON: /,
    );
    expect(() => parseHfPage('42', AT)).toThrow(
      `Hugging Face's answer is a number, not a list of papers`,
    );
  });
});

describe('URLs', () => {
  it('asks for a day page by page, 100 at a time, and the trending list', () => {
    expect(hfDayUrl('2024-06-03', 2)).toBe(
      'https://huggingface.co/api/daily_papers?date=2024-06-03&limit=100&p=2',
    );
    expect(hfTrendingUrl()).toBe('https://huggingface.co/api/daily_papers?sort=trending&limit=100');
  });

  it('refuses a day that is not one, and a bad page', () => {
    expect(() => hfDayUrl('2024-02-30', 0)).toThrow('not a day: "2024-02-30" (YYYY-MM-DD)');
    expect(() => hfDayUrl('2024-06-03&sort=x', 0)).toThrow('not a day');
    expect(() => hfDayUrl('2024-06-03', -1)).toThrow('not a page number: -1');
  });
});

/** The URLs a run planned on Monday 2024-06-03 asks for, in order, if every day has one short page. */
function plannedUrls(cursor: HfCursor): string[] {
  const urls: string[] = [];
  let c = cursor;
  for (let step = hfStep(c); step; step = hfStep(c)) {
    urls.push(hfStepUrl(step));
    c = advanceHf(c, step, { items: [], count: 0 }, AT, '2024-06-03').cursor;
  }
  return urls;
}

const dateOf = (url: string) => new URL(url).searchParams.get('date');

describe('planning a run', () => {
  it('backfills the last N days on the first run, trending first, then newest first, no weekends', () => {
    const cursor = planHfRun(null, '2024-06-03', 30);
    const dates = plannedUrls(cursor).map(dateOf);
    expect(dates[0]).toBeNull(); // trending
    const days = dates.slice(1) as string[];
    expect(days[0]).toBe('2024-06-03');
    expect(days.at(-1)).toBe('2024-05-06'); // 2024-05-05, the 30th day back, is a Sunday
    expect(days).toHaveLength(21);
    expect(days.some(isWeekend)).toBe(false);
    expect([...days].sort().reverse()).toEqual(days);
  });

  it('pages a day until a page is short, and stops paging a day that never ends at 10 pages', () => {
    let c = planHfRun(null, '2024-06-03', 30);
    c = advanceHf(c, hfStep(c)!, { items: [], count: 3 }, AT, '2024-06-03').cursor; // trending
    const steps = [];
    for (let i = 0; i < 11; i++) {
      const step = hfStep(c)!;
      steps.push(step);
      c = advanceHf(c, step, { items: [], count: 100 }, AT, '2024-06-03').cursor;
    }
    expect(steps.slice(0, 10)).toEqual(
      Array.from({ length: 10 }, (_, page) => ({ kind: 'day', day: '2024-06-03', page })),
    );
    expect(steps[10]).toEqual({ kind: 'day', day: '2024-05-31', page: 0 });
    c = advanceHf(c, hfStep(c)!, { items: [], count: 99 }, AT, '2024-06-03').cursor;
    expect(hfStep(c)).toEqual({ kind: 'day', day: '2024-05-30', page: 0 });
  });

  it("'all' reaches the first day Hugging Face has", () => {
    const cursor = planHfRun(null, '2024-06-03', 'all');
    expect(cursor.run!.todo).toEqual([['2024-06-03', HF_FIRST_DAY]]);
    expect(planHfRun(null, '2023-06-01', 20_000).run!.todo).toEqual([['2023-06-01', HF_FIRST_DAY]]);
  });

  it('later runs fetch the days since the last run and the last two again', () => {
    const done: HfCursor = { v: 1, through: '2024-05-29', backfilledTo: '2024-03-01', run: null };
    // Wednesday 05-29 was the last run; Monday 06-03 now: 06-03, 05-31, 05-30, then 05-29 and 05-28 again.
    const days = plannedUrls(planHfRun(done, '2024-06-03', 30))
      .slice(1)
      .map(dateOf);
    expect(days).toEqual(['2024-06-03', '2024-05-31', '2024-05-30', '2024-05-29', '2024-05-28']);
    // The same day again: that day and the weekday before (the weekend in between skipped).
    const again = planHfRun({ ...done, through: '2024-06-03' }, '2024-06-03', 30);
    expect(plannedUrls(again).slice(1).map(dateOf)).toEqual(['2024-06-03', '2024-05-31']);
  });

  it('a deeper backfill chosen later is fetched after the recent days', () => {
    const done: HfCursor = { v: 1, through: '2024-06-03', backfilledTo: '2024-05-05', run: null };
    const cursor = planHfRun(done, '2024-06-03', 60);
    expect(cursor.run!.todo).toEqual([
      ['2024-06-03', '2024-05-31'],
      // From the day before the old depth; its weekend is skipped when the range comes up.
      ['2024-05-04', '2024-04-05'],
    ]);
  });

  it('never plans a day after today, even from a cursor written by a clock that ran ahead', () => {
    const ahead: HfCursor = {
      v: 1,
      through: '2024-06-10',
      backfilledTo: '2024-05-01',
      run: {
        newest: '2024-06-12',
        reach: null,
        trending: false,
        todo: [
          ['2024-06-12', '2024-06-05'],
          ['2024-06-04', '2024-05-30'],
        ],
        page: 3,
        today: null,
        todayDone: false,
        bad: 0,
      },
    };
    const resumed = planHfRun(ahead, '2024-06-03', 30);
    expect(hfStep(resumed)).toEqual({ kind: 'day', day: '2024-06-03', page: 0 });
    const later = planHfRun({ ...ahead, run: null }, '2024-06-03', 30);
    expect(later.run!.todo[0]![0]).toBe('2024-06-03');
  });
});

// -----------------------------------------------------------------------------------------------
// Runs against a fake Hugging Face.

const MONDAY_EARLY = Date.parse('2024-06-03T00:05:00Z');
const SETTINGS: FeedSettings['hf'] = { enabled: true, backfillDays: 30 };

function item(id: string, upvotes: number) {
  return { paper: { id, title: `Paper ${id}`, summary: `About ${id}.`, upvotes }, numComments: 0 };
}

/** Days with papers: Friday 05-31 has 137 (two pages), Thursday the recorded page. */
function days(): Record<string, unknown[]> {
  const friday = Array.from({ length: 137 }, (_, i) =>
    item(`2405.${String(20000 + i).padStart(5, '0')}`, 200 - i),
  );
  return {
    '2024-05-31': friday,
    '2024-05-30': JSON.parse(DAILY) as unknown[],
    '2024-05-29': JSON.parse(MISSING) as unknown[],
  };
}

type Fault = (url: string) => Response | undefined;

/** Hugging Face as the README describes it: pages of 100, [] for other days, 400 after today. */
function hfServer(clock: { now: number }, fault?: Fault) {
  const byDay = days();
  return recordingFetch((url) => {
    const hurt = fault?.(url);
    if (hurt) return hurt;
    const params = new URL(url).searchParams;
    if (params.get('sort') === 'trending') return json(JSON.parse(TRENDING));
    const date = params.get('date')!;
    if (date > new Date(clock.now).toISOString().slice(0, 10)) {
      return json({ error: 'date is in the future' }, { status: 400 });
    }
    const page = Number(params.get('p'));
    return json((byDay[date] ?? []).slice(page * 100, page * 100 + 100));
  }, clock);
}

function setup(fault?: Fault, start = MONDAY_EARLY) {
  const clock = { now: start };
  const catalog = new MemoryCatalog();
  const server = hfServer(clock, fault);
  // Each request takes 200 ms.
  const fetch = (async (...args: Parameters<typeof globalThis.fetch>) => {
    clock.now += 200;
    return server.fetch(...args);
  }) as typeof globalThis.fetch;
  const deps = (extra: Partial<RunDeps> = {}) => fakeDeps(catalog, fetch, clock, extra);
  return { clock, catalog, calls: server.calls, deps };
}

const urls = (calls: Call[]) => calls.map((c) => c.url);
const day = (d: string, p = 0) => hfDayUrl(d, p);

describe('a Hugging Face run', () => {
  it('backfills, one stored batch per page, each with the cursor that resumes after it', async () => {
    const { catalog, calls, deps } = setup();
    const progress: [number, number][] = [];
    const outcome = await runHf(deps({ progress: (d, t) => progress.push([d, t]) }), SETTINGS);
    expect(outcome).toMatchObject({ requests: 23, error: null, finished: true });
    expect(outcome.added).toBe(3 + 137 + 3 + 4 - 3); // the recorded page repeats the trending three
    expect(urls(calls).slice(0, 6)).toEqual([
      hfTrendingUrl(),
      day('2024-06-03'),
      day('2024-05-31'),
      day('2024-05-31', 1),
      day('2024-05-30'),
      day('2024-05-29'),
    ]);
    expect(urls(calls).at(-1)).toBe(day('2024-05-06'));
    expect(catalog.batches).toHaveLength(calls.length);
    // Each batch's cursor names the next request: a stop after it refetches nothing stored.
    catalog.batches.forEach((batch, i) => {
      const step = hfStep(hfCursorSchema.parse(batch.cursor));
      expect(step && hfStepUrl(step)).toBe(calls[i + 1]?.url ?? null);
    });
    expect(catalog.cursors.get('hf')).toEqual({
      v: 1,
      through: '2024-06-03',
      backfilledTo: '2024-05-05',
      run: null,
    });
    expect(progress[0]).toEqual([0, 22]);
    expect(progress.at(-1)).toEqual([22, 23]);
  });

  it('sends no cookies and no referrer, and never more than one request a second', async () => {
    const { calls, deps } = setup();
    const d = deps();
    await runHf(d, SETTINGS);
    for (const { init } of calls) {
      expect(init).toMatchObject({
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        cache: 'no-store',
        redirect: 'error',
      });
    }
    const gaps = calls.slice(1).map((c, i) => c.at - calls[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
    expect(d.paced).toEqual(calls.map(() => 'huggingface.co'));
  });

  it('stores the trending list and the newest day with papers as the lists', async () => {
    const { catalog, deps } = setup();
    await runHf(deps(), SETTINGS);
    expect(catalog.lists.get('hf-trending')!.items).toEqual([
      { id: '2401.04088', upvotes: 131 },
      { id: '2106.09685', upvotes: 57 },
      { id: '2305.14314', upvotes: 12 },
    ]);
    // Monday's list is still empty at 00:05 UTC: Friday's, both pages of it.
    const today = catalog.lists.get('hf-today')!;
    expect(today.items).toHaveLength(137);
    expect(today.items[0]).toEqual({ id: '2405.20000', upvotes: 200 });
    expect(today.items.at(-1)).toEqual({ id: '2405.20136', upvotes: 64 });
    // Only the trending page and Friday's pages carry lists.
    expect(catalog.batches.filter((b) => b.lists).map((b) => Object.keys(b.lists!))).toEqual([
      ['hf-trending'],
      ['hf-today'],
      ['hf-today'],
    ]);
    expect(catalog.papers.get('2401.04088')!.upvotes).toBe(120); // the day list came after trending
  });

  it('never asks for a day after today (UTC), even when the clock went back mid-backfill', async () => {
    const { clock, catalog, calls, deps } = setup(undefined, Date.parse('2024-06-05T00:00:30Z'));
    const controller = new AbortController();
    // Stop after the third request, then resume with the clock two days back.
    let n = 0;
    const d = deps({ signal: controller.signal });
    const fetch = d.fetch;
    d.fetch = (async (...args: Parameters<typeof fetch>) => {
      if (++n === 3) controller.abort();
      return fetch(...args);
    }) as typeof fetch;
    await runHf(d, SETTINGS);
    expect(urls(calls)).toEqual([hfTrendingUrl(), day('2024-06-05'), day('2024-06-04')]);
    clock.now = Date.parse('2024-06-03T12:00:00Z');
    await runHf(deps(), SETTINGS);
    const asked = urls(calls)
      .map(dateOf)
      .filter((d): d is string => d !== null);
    // 06-04 was fetched but not stored; with the clock back at 06-03 it is a future day now.
    expect(asked.slice(0, 4)).toEqual(['2024-06-05', '2024-06-04', '2024-06-03', '2024-05-31']);
    expect(asked.slice(2).every((d) => d <= '2024-06-03')).toBe(true);
    expect(catalog.cursors.get('hf')).toMatchObject({ run: null });
  });

  it('stopped between a fetch and its commit, the next run fetches that page again and nothing else', async () => {
    const { catalog, calls, deps } = setup();
    const controller = new AbortController();
    const d = deps({ signal: controller.signal });
    const fetch = d.fetch;
    d.fetch = (async (...args: Parameters<typeof fetch>) => {
      const response = await fetch(...args);
      if (String(args[0]) === day('2024-05-30')) controller.abort();
      return response;
    }) as typeof fetch;
    const stopped = await runHf(d, SETTINGS);
    expect(stopped).toMatchObject({ error: null, finished: false, requests: 5 });
    expect(catalog.batches).toHaveLength(4);
    expect(catalog.papers.has('2305.14314')).toBe(true); // from trending
    const before = calls.length;
    const resumed = await runHf(deps(), SETTINGS);
    expect(resumed).toMatchObject({ error: null, finished: true, requests: 19 });
    expect(calls[before]!.url).toBe(day('2024-05-30'));
    const counts = new Map<string, number>();
    for (const url of urls(calls)) counts.set(url, (counts.get(url) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n > 1)).toEqual([[day('2024-05-30'), 2]]);
    // The repeated page was stored once.
    expect(catalog.batches.filter((b) => b.put.some((p) => p.id === '2310.06825'))).toHaveLength(1);
  });

  it('a 429 stops the run with its Retry-After; the next run starts at the same page', async () => {
    let limited = true;
    const { catalog, calls, deps } = setup((url) =>
      limited && url === day('2024-05-29')
        ? new Response('Too Many Requests', { status: 429, headers: { 'Retry-After': '120' } })
        : undefined,
    );
    const outcome = await runHf(deps(), SETTINGS);
    expect(outcome.error).toMatchObject({
      kind: 'rate-limited',
      status: 429,
      retryAfterMs: 120_000,
    });
    expect(outcome).toMatchObject({ requests: 6, finished: false });
    expect(urls(calls).at(-1)).toBe(day('2024-05-29'));
    expect(hfStepUrl(hfStep(hfCursorSchema.parse(catalog.cursors.get('hf')))!)).toBe(
      day('2024-05-29'),
    );
    limited = false;
    const before = calls.length;
    await runHf(deps(), SETTINGS);
    expect(calls[before]!.url).toBe(day('2024-05-29'));
  });

  it('a storm of 503s: each run asks once and stops, and the scheduler backs off', async () => {
    const { calls, deps, clock } = setup((url) =>
      url.includes('date=') ? new Response('Service Unavailable', { status: 503 }) : undefined,
    );
    const waits: number[] = [];
    let failures = 0;
    for (let i = 0; i < 4; i++) {
      const before = calls.length;
      const outcome = await runHf(deps(), SETTINGS);
      expect(outcome.error).toMatchObject({
        kind: 'http',
        status: 503,
        message: 'Hugging Face answered 503.',
      });
      // The first run also fetched the trending list.
      expect(calls.length - before).toBe(i === 0 ? 2 : 1);
      expect(calls.at(-1)!.url).toBe(day('2024-06-03'));
      failures++;
      const now = new Date(clock.now);
      const next = nextRun('hf', { lastSuccessAt: null, failures }, now);
      waits.push((next.getTime() - now.getTime()) / 60_000);
      clock.now = next.getTime();
    }
    expect(waits).toEqual([15, 30, 60, 120]);
  });

  it('a truncated page is a bad body; after three the run moves past it', async () => {
    const cut = (url: string) =>
      url === day('2024-05-31')
        ? new Response(JSON.stringify(days()['2024-05-31']).slice(0, 5000))
        : undefined;
    const { calls, catalog, deps } = setup(cut);
    for (let attempt = 1; attempt <= 3; attempt++) {
      const outcome = await runHf(deps(), SETTINGS);
      expect(outcome.error!.kind).toBe('bad-body');
      expect(outcome.error!.message).toMatch(
        /^Hugging Face's answer is not valid JSON \(it was cut off\): .* \(the list of 2024-05-31 \(page 1\)\)\.$/,
      );
      expect(calls.at(-1)!.url).toBe(day('2024-05-31'));
      if (attempt === 3) {
        expect(outcome.issues).toContain(
          'skipped the list of 2024-05-31 (page 1) after 3 bad answers',
        );
      }
    }
    expect(hfStep(hfCursorSchema.parse(catalog.cursors.get('hf')))).toEqual({
      kind: 'day',
      day: '2024-05-30',
      page: 0,
    });
    const before = calls.length;
    const outcome = await runHf(deps(), SETTINGS);
    expect(outcome).toMatchObject({ error: null, finished: true });
    expect(calls[before]!.url).toBe(day('2024-05-30'));
  });

  it('a full storage quota stops the run; nothing of that page is stored and it is fetched again', async () => {
    const { calls, catalog, deps } = setup();
    catalog.fail = (batch) =>
      batch.put.some((p) => p.id === '2405.20000')
        ? new DOMException('The quota has been exceeded.', 'QuotaExceededError')
        : undefined;
    const outcome = await runHf(deps(), SETTINGS);
    expect(outcome.error).toMatchObject({
      kind: 'quota',
      message:
        "The browser refused to store Hugging Face's papers: its storage for PaperPeek is full.",
    });
    expect(catalog.papers.has('2405.20000')).toBe(false);
    catalog.fail = undefined;
    const before = calls.length;
    await runHf(deps(), SETTINGS);
    expect(calls[before]!.url).toBe(day('2024-05-31'));
    expect(catalog.papers.has('2405.20000')).toBe(true);
  });

  it('later runs: the days since, and the last two again for their upvotes', async () => {
    const { clock, calls, catalog, deps } = setup();
    await runHf(deps(), SETTINGS);
    clock.now = Date.parse('2024-06-04T06:00:00Z');
    const before = calls.length;
    const outcome = await runHf(deps(), SETTINGS);
    expect(outcome).toMatchObject({ error: null, finished: true, added: 0 });
    expect(urls(calls.slice(before))).toEqual([
      hfTrendingUrl(),
      day('2024-06-04'),
      day('2024-06-03'),
      day('2024-05-31'),
      day('2024-05-31', 1),
    ]);
    expect(catalog.cursors.get('hf')).toMatchObject({ through: '2024-06-04', run: null });
  });

  it('asks nothing while offline or turned off', async () => {
    const { calls, deps } = setup();
    const offline = await runHf(deps({ isOnline: () => false }), SETTINGS);
    expect(offline).toMatchObject({ requests: 0, error: { kind: 'offline' } });
    const off = await runHf(deps(), { ...SETTINGS, enabled: false });
    expect(off.error).toMatchObject({ kind: 'other', message: 'Hugging Face is turned off.' });
    expect(calls).toEqual([]);
  });

  it('starts over from an unreadable stored cursor, and says so', async () => {
    const { calls, catalog, deps } = setup();
    catalog.cursors.set('hf', { v: 9, through: 'yesterday' });
    const outcome = await runHf(deps(), SETTINGS);
    expect(outcome.issues![0]).toMatch(
      /^the stored resume point was unreadable \(.+\); starting over$/,
    );
    expect(outcome).toMatchObject({ error: null, finished: true, requests: 23 });
    expect(urls(calls)[0]).toBe(hfTrendingUrl());
  });

  it('reports bad records of a page, without stopping', async () => {
    const { catalog, deps } = setup((url) =>
      url === day('2024-05-28') ? new Response(BAD) : undefined,
    );
    const outcome = await runHf(deps(), SETTINGS);
    expect(outcome).toMatchObject({ error: null, finished: true });
    expect(outcome.issues).toContain(
      'the list of 2024-05-28 (page 1): item 2: bad arXiv id "not-an-arxiv-id"',
    );
    expect(catalog.papers.has('2401.00005')).toBe(true);
  });
});
