import type { MessageOutput } from '../messaging/protocol';

/**
 * Drives one catalog load from the options page: stage the file, ask the background to load it,
 * and report progress until the background's job has finished. Pure over its dependencies so the
 * decision "did it work, and is the old catalog still in place" is testable without a browser.
 */

export type CatalogStatus = MessageOutput<'getCatalogStatus'>;
export type ActiveCatalog = NonNullable<CatalogStatus['active']>;

export interface LoadDeps {
  /** Copy the chosen file where the background can read it; answers the staged file's id. */
  stage(file: Blob): Promise<string>;
  /** Ask the background to replace the catalog; it may answer at once or once the job is done. */
  load(fileId: string): Promise<CatalogStatus>;
  getStatus(): Promise<CatalogStatus>;
  /** Every status seen along the way, to drive a progress bar. */
  onStatus(status: CatalogStatus): void;
  sleep?(ms: number): Promise<void>;
  pollMs?: number;
}

export type LoadOutcome =
  | { ok: true; status: CatalogStatus }
  | {
      ok: false;
      error: string;
      /** The catalog after the failure, when the background could still be asked. */
      status: CatalogStatus | null;
      /** True when the catalog in use is provably the one that was in use before. */
      unchanged: boolean;
    };

const MAX_MISSED_POLLS = 8;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function sameCatalog(a: ActiveCatalog | null, b: ActiveCatalog | null): boolean {
  if (!a || !b) return a === b;
  return a.version === b.version && a.loadedAt === b.loadedAt && a.count === b.count;
}

export async function loadCatalog(
  file: Blob,
  before: ActiveCatalog | null,
  deps: LoadDeps,
): Promise<LoadOutcome> {
  const sleep = deps.sleep ?? defaultSleep;
  const pollMs = deps.pollMs ?? 250;
  const failed = (error: string, status: CatalogStatus | null): LoadOutcome => ({
    ok: false,
    error,
    status,
    unchanged: status !== null && sameCatalog(before, status.active),
  });

  let fileId: string;
  try {
    fileId = await deps.stage(file);
  } catch (error) {
    return failed(
      `The file could not be read: ${messageOf(error)}`,
      await deps.getStatus().catch(() => null),
    );
  }

  // The load request may only answer when the job is over, so progress comes from polling
  // alongside it; completion is decided by the request's answer, never by a poll that might
  // have run before the job even started.
  let answer: { status: CatalogStatus } | { error: unknown } | undefined;
  const request = deps.load(fileId).then(
    (status) => (answer = { status }),
    (error: unknown) => (answer = { error }),
  );
  while (!answer) {
    await Promise.race([request, sleep(pollMs)]);
    if (answer) break;
    const status = await deps.getStatus().catch(() => null);
    // A status fetched while the answer arrived is older than the answer: drop it.
    if (status && !answer) deps.onStatus(status);
  }
  if ('error' in answer) {
    const status = await deps.getStatus().catch(() => null);
    if (status) deps.onStatus(status);
    return failed(messageOf(answer.error), status);
  }

  let status = answer.status;
  deps.onStatus(status);
  let misses = 0;
  while (status.job) {
    await sleep(pollMs);
    try {
      status = await deps.getStatus();
      misses = 0;
    } catch (error) {
      // One missed answer is a worker restarting (the job resumes); several in a row are not.
      if (++misses >= MAX_MISSED_POLLS) {
        return failed(`Lost contact with the catalog loader: ${messageOf(error)}`, null);
      }
      continue;
    }
    deps.onStatus(status);
  }
  return status.lastError ? failed(status.lastError, status) : { ok: true, status };
}
