import type { CDPSession } from '@playwright/test';

/**
 * A Chrome trace of one page load, and what it says about the page's main thread: every top-level
 * task, and, from the V8 sampling profiler in the same trace, which of them ran the extension's
 * code. A task that ran any extension code counts whole as the extension's (it would not have run
 * without it); rendering work the browser does later because of our DOM changes is not in those
 * tasks, and shows only in the with/without difference of total task time.
 */

const CATEGORIES = [
  '-*',
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'disabled-by-default-v8.cpu_profiler',
];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  id?: string;
  args?: Record<string, unknown> & { data?: Record<string, unknown> };
}

export async function startTrace(cdp: CDPSession): Promise<void> {
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
  });
}

export async function stopTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const complete = new Promise<string>((resolve) =>
    cdp.once('Tracing.tracingComplete', (event) => resolve(event.stream!)),
  );
  await cdp.send('Tracing.end');
  const stream = await complete;
  const parts: string[] = [];
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream, size: 4 << 20 });
    parts.push(chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data);
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(parts.join('')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
}

export interface TaskSummary {
  /** Every top-level task on the page's main thread, in ms. */
  taskMs: number;
  tasks: number;
  longTasks: number;
  /** Top-level tasks that ran extension code. */
  extTasks: number;
  extTaskMs: number;
  extMaxTaskMs: number;
  extLongTasks: number;
  /** Sampled time with extension code on the stack (JS and the DOM calls it made). */
  extSampleMs: number;
  /** From the start of HTML parsing to the end of the last extension task. */
  extDoneMs: number | null;
  /** Where the extension's sampled time went: leaf function → ms (with the extension frame). */
  extSelf: Map<string, number>;
  /** The longest extension task and the functions sampled most inside it. */
  worstTask: { ms: number; top: [string, number][] } | null;
  /** From the start of HTML parsing to the last event traced on the thread. */
  traceEndMs: number;
}

const isTask = (e: TraceEvent) =>
  e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');

function urlOf(e: TraceEvent): string | undefined {
  const data = e.args?.data as { url?: string; stackTrace?: { url?: string }[] } | undefined;
  return data?.url ?? data?.stackTrace?.[0]?.url;
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url?: string; lineNumber?: number; columnNumber?: number };
}

/** Main-thread tasks of the renderer that parsed `pageUrl`, attributed to `extUrlPrefix` or not. */
export function summarizeTrace(
  events: TraceEvent[],
  pageUrl: string,
  extUrlPrefix: string,
  label: (frame: ProfileNode['callFrame']) => string,
): TaskSummary {
  const parse = events.find(
    (e) => e.name === 'ParseHTML' && (e.args?.beginData as { url?: string })?.url === pageUrl,
  );
  if (!parse) throw new Error(`The trace has no ParseHTML of ${pageUrl}`);
  const { pid, tid } = parse;
  const onThread = events.filter((e) => e.pid === pid && e.tid === tid).sort((a, b) => a.ts - b.ts);

  // Outermost tasks only: a nested run loop shows a RunTask inside another.
  const tasks: TraceEvent[] = [];
  for (const e of onThread.filter(isTask)) {
    const last = tasks.at(-1);
    if (!last || e.ts >= last.ts + last.dur!) tasks.push(e);
  }

  // Samples of the page's isolate: the profile's chunks come from the same process.
  const nodes = new Map<number, ProfileNode>();
  const samples: { ts: number; node: number }[] = [];
  const profiles = new Map<string, number>();
  for (const e of events) {
    if (e.pid !== pid) continue;
    if (e.name === 'Profile')
      profiles.set(e.id!, (e.args!.data as { startTime: number }).startTime);
    if (e.name !== 'ProfileChunk' || !profiles.has(e.id!)) continue;
    const data = e.args!.data as {
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
    for (const node of data.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
    let ts = profiles.get(e.id!)!;
    const deltas = data.timeDeltas ?? [];
    (data.cpuProfile?.samples ?? []).forEach((node, i) => {
      ts += deltas[i] ?? 0;
      samples.push({ ts, node });
    });
    profiles.set(e.id!, ts);
  }
  samples.sort((a, b) => a.ts - b.ts);
  const extFrame = (id: number): ProfileNode | undefined => {
    for (let n = nodes.get(id); n; n = n.parent === undefined ? undefined : nodes.get(n.parent)) {
      if (n.callFrame.url?.startsWith(extUrlPrefix)) return n;
    }
    return undefined;
  };

  const extSelf = new Map<string, number>();
  let extSampleMs = 0;
  const extSampleTimes: number[] = [];
  const extSampleKeys: { ts: number; key: string; ms: number }[] = [];
  for (let i = 0; i < samples.length - 1; i++) {
    const frame = extFrame(samples[i]!.node);
    if (!frame) continue;
    const ms = (samples[i + 1]!.ts - samples[i]!.ts) / 1000;
    extSampleMs += ms;
    extSampleTimes.push(samples[i]!.ts);
    const leaf = nodes.get(samples[i]!.node)!;
    const key =
      leaf === frame
        ? label(frame.callFrame)
        : `${leaf.callFrame.functionName || '(native)'} ← ${label(frame.callFrame)}`;
    extSelf.set(key, (extSelf.get(key) ?? 0) + ms);
    extSampleKeys.push({ ts: samples[i]!.ts, key, ms });
  }

  const extEvents = onThread.filter((e) => urlOf(e)?.startsWith(extUrlPrefix)).map((e) => e.ts);
  const marks = [...extSampleTimes, ...extEvents].sort((a, b) => a - b);
  let m = 0;
  const summary: TaskSummary = {
    taskMs: 0,
    tasks: tasks.length,
    longTasks: 0,
    extTasks: 0,
    extTaskMs: 0,
    extMaxTaskMs: 0,
    extLongTasks: 0,
    extSampleMs,
    extDoneMs: null,
    extSelf,
    worstTask: null,
    traceEndMs: ((onThread.at(-1)?.ts ?? parse.ts) - parse.ts) / 1000,
  };
  const topIn = (task: TraceEvent): [string, number][] => {
    const inTask = new Map<string, number>();
    for (const s of extSampleKeys) {
      if (s.ts >= task.ts && s.ts <= task.ts + task.dur!) {
        inTask.set(s.key, (inTask.get(s.key) ?? 0) + s.ms);
      }
    }
    return [...inTask].sort((a, b) => b[1] - a[1]).slice(0, 6);
  };
  // Measured from the start of parsing: the document exists, the content script can follow.
  const start = parse.ts;
  for (const task of tasks) {
    const ms = task.dur! / 1000;
    summary.taskMs += ms;
    if (ms > 50) summary.longTasks++;
    while (m < marks.length && marks[m]! < task.ts) m++;
    if (m < marks.length && marks[m]! <= task.ts + task.dur!) {
      summary.extTasks++;
      summary.extTaskMs += ms;
      summary.extMaxTaskMs = Math.max(summary.extMaxTaskMs, ms);
      if (ms > 50) summary.extLongTasks++;
      summary.extDoneMs = (task.ts + task.dur! - start) / 1000;
      if (ms > (summary.worstTask?.ms ?? 0)) summary.worstTask = { ms, top: topIn(task) };
    }
  }
  return summary;
}
