import { fetchFeed, FeedFetchError, type FeedResponse } from './http';
import type { FeedBatch, FeedError, SourceId, UpsertResult } from './sources';

/**
 * What a source's run needs and gives back, and its bookkeeping: counts, issues, and the two
 * steps every page takes (a paced fetch, one stored batch), each turning a failure into the run's
 * error in words.
 */

export type RunDeps = {
  fetch: typeof fetch;
  upsert(batch: FeedBatch): Promise<UpsertResult>;
  readCursor(source: SourceId): Promise<unknown>;
  now(): Date;
  signal: AbortSignal;
  /** Resolves when the next request to `host` may go (lib/feeds/pace.ts). */
  pace(host: string): Promise<void>;
  progress?(done: number, total: number): void;
  isOnline?(): boolean;
};

export type RunOutcome = {
  /** Papers the catalog did not have. */
  added: number;
  /** Known papers that gained or changed a field. */
  changed: number;
  requests: number;
  /** Why the run stopped early; null when it finished or was aborted. */
  error: FeedError | null;
  /** Entries left out, fields ignored, steps skipped: for a log, not for the user's eyes. */
  issues?: string[];
  /** The run reached its end (false when stopped by an error or an abort). */
  finished?: boolean;
};

const MAX_ISSUES = 100;

export class RunContext {
  added = 0;
  changed = 0;
  requests = 0;
  issues: string[] = [];

  constructor(
    readonly deps: RunDeps,
    readonly source: SourceId,
    readonly label: string,
  ) {}

  note(issues: readonly string[]): void {
    this.issues.push(...issues.slice(0, MAX_ISSUES - this.issues.length));
  }

  outcome(error: FeedError | null, finished = false): RunOutcome {
    const { added, changed, requests, issues } = this;
    return { added, changed, requests, error, issues, finished: finished && error === null };
  }

  fail(kind: FeedError['kind'], message: string): RunOutcome {
    return this.outcome({ kind, message, at: this.deps.now().toISOString() });
  }

  /** Paces and fetches one URL; a FeedFetchError becomes the run's error, an abort null. */
  fetch(
    host: string,
    url: string,
    maxBytes: number,
    headers?: Record<string, string>,
  ): Promise<FeedResponse | RunOutcome> {
    return this.request(host, (options) => fetchFeed(url, { maxBytes, headers, ...options }));
  }

  /** As `fetch`, for another request to `host` (fetchFeedBytes, for a binary file). */
  async request<T>(
    host: string,
    get: (options: { signal: AbortSignal; fetch: typeof fetch }) => Promise<T>,
  ): Promise<T | RunOutcome> {
    const { deps } = this;
    if (deps.isOnline?.() === false) {
      return this.fail('offline', `${this.label} was not asked: the browser is offline.`);
    }
    try {
      await deps.pace(host);
      deps.signal.throwIfAborted();
      this.requests++;
      return await get({ signal: deps.signal, fetch: deps.fetch });
    } catch (error) {
      if (deps.signal.aborted) return this.outcome(null);
      if (error instanceof FeedFetchError) return this.outcome(error.toFeedError(deps.now()));
      throw error;
    }
  }

  /** Stores one batch; a refused write (full quota) becomes the run's error. */
  async store(batch: Omit<FeedBatch, 'source'>): Promise<RunOutcome | null> {
    try {
      const result = await this.deps.upsert({ source: this.source, ...batch });
      this.added += result.added.length;
      this.changed += result.changed.length;
      return null;
    } catch (error) {
      if (isQuota(error)) {
        return this.fail(
          'quota',
          `The browser refused to store ${this.label}'s papers: its storage for PaperPeek is full.`,
        );
      }
      return this.fail('other', `${this.label}'s papers could not be stored: ${messageOf(error)}`);
    }
  }
}

function isQuota(error: unknown): boolean {
  const named = (e: unknown) => (e as { name?: unknown } | null)?.name === 'QuotaExceededError';
  // Dexie wraps the browser's error and keeps it as `inner`.
  return named(error) || named((error as { inner?: unknown } | null)?.inner);
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function isOutcome<T extends object>(value: T | RunOutcome): value is RunOutcome {
  return 'error' in value;
}
