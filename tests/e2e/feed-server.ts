import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Request, Route } from '@playwright/test';

/**
 * Serves the public feeds at their real URLs from recorded fixtures (tests/fixtures/feeds/e2e):
 * Hugging Face's daily papers (one recorded day of papers the bundled catalog lacks, for the
 * newest days; `[]` for older ones, as weekends answer) and trending list, and arXiv's RSS.
 * Logs every request with its headers, and can answer with faults instead.
 */

const DIR = path.resolve('tests/fixtures/feeds/e2e');
export const HF_DAY = readFileSync(path.join(DIR, 'hf-day.json'), 'utf8');
export const ARXIV_RSS = readFileSync(path.resolve('tests/fixtures/feeds/arxiv-rss.xml'), 'utf8');

/** Papers of the recorded HF day, none of them in the bundled catalog. */
export const FRESH = {
  lora: '2106.09685',
  qlora: '2305.14314',
  mixtral: '2401.04088',
} as const;

export type LoggedRequest = { url: string; headers: Record<string, string> };

export type FeedServer = {
  requests: LoggedRequest[];
  /**
   * Answer the next requests to huggingface.co with this instead (null: normal): a status with
   * an empty body, or a body of your own (a truncated page).
   */
  fault: { status: number; headers?: Record<string, string>; body?: string } | null;
  /** Days (YYYY-MM-DD) that answer the recorded papers; the rest answer []. */
  paperDays: Set<string>;
};

// The extension's worker is not subject to CORS for a host it holds a permission for; headless
// Chromium cannot answer the permission prompt, so the fixtures allow any origin instead.
const CORS = { 'access-control-allow-origin': '*' };

export async function serveFeeds(context: BrowserContext, days = 2): Promise<FeedServer> {
  const server: FeedServer = { requests: [], fault: null, paperDays: new Set() };
  // The newest weekdays (Hugging Face lists nothing on Saturday and Sunday).
  for (let t = Date.now(); server.paperDays.size < days; t -= 86_400_000) {
    const day = new Date(t);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6)
      server.paperDays.add(day.toISOString().slice(0, 10));
  }
  const log = async (request: Request) =>
    server.requests.push({ url: request.url(), headers: await request.allHeaders() });

  await context.route(/^https:\/\/huggingface\.co\/api\/daily_papers/, async (route: Route) => {
    await log(route.request());
    if (server.fault) {
      return route.fulfill({
        status: server.fault.status,
        headers: { ...CORS, ...server.fault.headers },
        body: server.fault.body ?? '',
      });
    }
    const url = new URL(route.request().url());
    const trending = url.searchParams.get('sort') === 'trending';
    const date = url.searchParams.get('date');
    const page = Number(url.searchParams.get('p') ?? '0');
    const body = (trending || (date && server.paperDays.has(date))) && page === 0 ? HF_DAY : '[]';
    return route.fulfill({
      status: 200,
      headers: { ...CORS, 'content-type': 'application/json' },
      body,
    });
  });
  await context.route(/^https:\/\/rss\.arxiv\.org\/rss\//, async (route: Route) => {
    await log(route.request());
    const etag = '"fixture-1"';
    if (route.request().headers()['if-none-match'] === etag) {
      return route.fulfill({ status: 304, headers: { ...CORS, etag } });
    }
    return route.fulfill({
      status: 200,
      headers: { ...CORS, 'content-type': 'application/rss+xml; charset=utf-8', etag },
      body: ARXIV_RSS,
    });
  });
  return server;
}
