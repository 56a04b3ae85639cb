import { stageCatalogFile } from '@/lib/db/catalog-files';
import { send } from '@/lib/messaging/messenger';
import type { MessageOutput } from '@/lib/messaging/protocol';

/**
 * Our side of the install benchmark, through the same path the options page uses: stage the
 * file in the catalog database, ask the background to load it, poll the status until it is done.
 */

type Status = MessageOutput<'getCatalogStatus'>;

const POLL_MS = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until no load runs (the bundled catalog loads on install) and returns the status. */
export async function waitForIdle(timeoutMs = 120_000): Promise<Status> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const status = await send('getCatalogStatus');
    if (!status.job && status.active) return status;
    if (performance.now() > deadline) {
      throw new Error(
        `The catalog is still not idle after ${timeoutMs} ms: ${JSON.stringify(status)}`,
      );
    }
    await sleep(POLL_MS);
  }
}

export type InstallResult = {
  stageMs: number;
  /** From the loadCatalogFile message to the status showing the new catalog active. */
  loadMs: number;
  count: number;
  status: Status;
};

/**
 * `pollMs` matters: every getCatalogStatus also asks navigator.storage.estimate(), which is not
 * free while the database grows; the options page polls every 250 ms.
 */
export async function installFile(
  file: File,
  version: string,
  pollMs = 250,
): Promise<InstallResult> {
  const stageStart = performance.now();
  const fileId = await stageCatalogFile(file);
  const stageMs = performance.now() - stageStart;
  let start = performance.now();
  // The previous load's status shows it active a moment before the service lets it go (its
  // promise settles after the switch): a load sent in between is refused. Send again then.
  for (let tries = 1; ; tries++) {
    start = performance.now();
    try {
      await send('loadCatalogFile', { fileId });
      break;
    } catch (error) {
      if (tries >= 100 || !/already running/.test(String(error))) throw error;
      await sleep(POLL_MS);
    }
  }
  for (;;) {
    const status = await send('getCatalogStatus');
    if (status.lastError) throw new Error(`The load failed: ${status.lastError}`);
    if (!status.job && status.active?.version === version) {
      return { stageMs, loadMs: performance.now() - start, count: status.active.count, status };
    }
    await sleep(pollMs);
  }
}
