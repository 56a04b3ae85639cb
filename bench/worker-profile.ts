import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import type { CDPSession, Page } from '@playwright/test';

/**
 * A V8 CPU profile of the extension's service worker, for finding where a bench's time goes
 * (`npm run bench -- feeds --cpu-profile DIR`). Playwright opens CDP sessions on pages only, so
 * this attaches to the worker through the page's session (Target.sendMessageToTarget). Names are
 * readable with an unminified build: `npx tsx bench/build-unminified.ts`, then `--extension`.
 */

type Profile = {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
};

type Row = { fn: string; ms: number; share: string };
/**
 * The functions with the most self time and with the most time on the stack (inclusive: for an
 * async function, only its synchronous stretches), and self time by source module when the build
 * has source maps (bench/build-unminified.ts writes them).
 */
export type ProfileSummary = { totalMs: number; self: Row[]; inclusive: Row[]; modules: Row[] };

export type WorkerProfiler = {
  start(): Promise<void>;
  /** Stops, writes the profile to `file` and answers the functions with the most self time. */
  stop(file: string, top?: number): Promise<ProfileSummary>;
};

export async function attachWorkerProfiler(
  page: Page,
  extensionDir: string,
): Promise<WorkerProfiler> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find(
    (t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'),
  );
  if (!worker) throw new Error('No extension service worker to profile');
  const { sessionId } = await cdp.send('Target.attachToTarget', {
    targetId: worker.targetId,
    flatten: false,
  });
  let next = 0;
  const pending = new Map<number, (result: unknown) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  });
  const send = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve) => {
      const id = ++next;
      pending.set(id, (result) => resolve(result as T));
      void cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method, params }),
      });
    });
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 200 });
  return {
    start: () => send('Profiler.start'),
    async stop(file, top = 25) {
      const { profile } = await send<{ profile: Profile }>('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      return summarize(profile, top, moduleOf(extensionDir));
    },
  };
}

/** The source module a bundle position comes from (node_modules packages as one module each). */
function moduleOf(extensionDir: string) {
  const maps = new Map<string, SourceMap | null>();
  return ({ url, lineNumber, columnNumber }: Profile['nodes'][number]['callFrame']): string => {
    if (!url.startsWith('chrome-extension://')) return url || '(native)';
    const file = path.join(extensionDir, new URL(url).pathname);
    if (!maps.has(file)) {
      const map = `${file}.map`;
      maps.set(file, existsSync(map) ? new SourceMap(JSON.parse(readFileSync(map, 'utf8'))) : null);
    }
    const source = maps.get(file)?.findEntry(lineNumber, columnNumber);
    const original = source && 'originalSource' in source ? source.originalSource : undefined;
    if (!original) return path.basename(file);
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(original);
    return pkg ? pkg[1]! : original.replace(/^.*?\/(lib|bench|entrypoints|components)\//, '$1/');
  };
}

function summarize(
  profile: Profile,
  top: number,
  source: (frame: Profile['nodes'][number]['callFrame']) => string,
): ProfileSummary {
  const parent = new Map<number, number>();
  const name = new Map<number, string>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.split('/').pop()}:${lineNumber + 1}` : '';
    name.set(node.id, `${functionName || '(anonymous)'} ${where}`.trim());
  }
  const moduleName = new Map(
    profile.nodes.map((n) => [
      n.id,
      n.callFrame.functionName.startsWith('(') ? n.callFrame.functionName : source(n.callFrame),
    ]),
  );
  const modules = new Map<string, number>();
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((node, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    total += us;
    self.set(name.get(node)!, (self.get(name.get(node)!) ?? 0) + us);
    const m = moduleName.get(node)!;
    modules.set(m, (modules.get(m) ?? 0) + us);
    const seen = new Set<string>();
    for (let n: number | undefined = node; n !== undefined; n = parent.get(n))
      seen.add(name.get(n)!);
    for (const fn of seen) inclusive.set(fn, (inclusive.get(fn) ?? 0) + us);
  });
  const rows = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, us]) => ({
        fn,
        ms: Math.round(us / 1000),
        share: `${((100 * us) / total).toFixed(1)}%`,
      }));
  return {
    totalMs: Math.round(total / 1000),
    self: rows(self),
    inclusive: rows(inclusive),
    modules: rows(modules),
  };
}
