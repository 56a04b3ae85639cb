import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { writeDelta, type WriteDeltaResult } from '../lib/catalog/delta-writer';
import { FEED_MANIFEST_FORMAT, FEED_MANIFEST_VERSION } from '../lib/catalog/feed-manifest';
import type { DeltaPlan } from './feeds-delta';
import { hfPageBody } from './feeds-hf';

/**
 * The hosts the feeds bench's worker talks to, served through `context.route` at their URLs: a
 * catalog feed (manifest and delta files, as `npm run catalog:publish` lays them out) and Hugging
 * Face's daily papers API (bench/feeds-hf.ts). CORS allows any origin: headless Chromium cannot
 * grant the host permission the options page asks for. Logs when each file was asked for.
 */

export const FEED_ORIGIN = 'https://feeds.example.org';
export const MANIFEST_URL = `${FEED_ORIGIN}/bench/manifest.json`;
const CORS = { 'access-control-allow-origin': '*' };

export type DeltaFile = WriteDeltaResult & { body: Buffer };

/** Each plan written as the delta file of its seq (1, 2, ...), gzip, with the project's writer. */
export async function writeDeltaFiles(
  plans: DeltaPlan[],
  dir: string,
  name: string,
  baseVersion: string,
): Promise<DeltaFile[]> {
  const files: DeltaFile[] = [];
  for (const [i, plan] of plans.entries()) {
    const out = path.join(dir, `${name}-${i + 1}.ndjson.gz`);
    const written = await writeDelta(plan.ops, { path: out, base: baseVersion, seq: i + 1 });
    files.push({ ...written, body: readFileSync(out) });
  }
  return files;
}

export type FeedHosts = {
  /** Deltas the manifest lists: 1..published. */
  published: number;
  /** When each delta's request arrived and when its body was handed over (Date.now()). */
  deltaHits: Map<number, { at: number; served: number }>;
  /** Requests for the base file (the bench never expects one). */
  baseRequests: number;
  /** Hugging Face requests: how many, body bytes, and when each arrived (Date.now()). */
  hf: { requests: number; bytes: number; today: string; times: number[] };
};

export async function serveFeeds(
  context: BrowserContext,
  o: {
    files: DeltaFile[];
    base: { sha256: string; count: number; version: string };
    seed: number;
    papers: number;
  },
): Promise<FeedHosts> {
  const hosts: FeedHosts = {
    published: 0,
    deltaHits: new Map(),
    baseRequests: 0,
    hf: { requests: 0, bytes: 0, today: new Date().toISOString().slice(0, 10), times: [] },
  };
  await context.route(`${FEED_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    const at = Date.now();
    if (url.href === MANIFEST_URL) {
      const deltas = o.files.slice(0, hosts.published).map((f, i) => ({
        seq: i + 1,
        url: path.basename(f.path),
        sha256: f.sha256,
        count: f.count,
      }));
      const manifest = {
        format: FEED_MANIFEST_FORMAT,
        version: FEED_MANIFEST_VERSION,
        base: { url: 'base.ndjson.gz', ...o.base },
        deltas,
      };
      return route.fulfill({ status: 200, headers: CORS, json: manifest });
    }
    const seq = o.files.findIndex((f) => url.pathname === `/bench/${path.basename(f.path)}`) + 1;
    if (seq > 0) {
      await route.fulfill({
        status: 200,
        headers: { ...CORS, 'content-type': 'application/gzip' },
        body: o.files[seq - 1]!.body,
      });
      hosts.deltaHits.set(seq, { at, served: Date.now() });
      return;
    }
    hosts.baseRequests++;
    return route.fulfill({ status: 404, headers: CORS, body: '' });
  });
  await context.route(/^https:\/\/huggingface\.co\/api\/daily_papers/, (route) => {
    hosts.hf.requests++;
    hosts.hf.times.push(Date.now());
    const body = hfPageBody(o.seed, o.papers, new URL(route.request().url()), hosts.hf.today);
    hosts.hf.bytes += Buffer.byteLength(body);
    return route.fulfill({
      status: 200,
      headers: { ...CORS, 'content-type': 'application/json' },
      body,
    });
  });
  return hosts;
}
