import { runHfBackfill, runRelatedAsks, runSubUpdate, seedSubCursor } from './feeds';
import { deleteFloorDb, runFloor } from './floor';
import { indexInfo } from './index-info';
import { installFile, waitForIdle } from './install';
import { timeLookups } from './lookups';
import { runPackedFloor } from './packed-floor';

/**
 * What the bench harness (bench/run.ts) calls in the bench page through page.evaluate. The
 * catalog file comes from the page's file input, which Playwright fills from disk.
 */

function chosenFile(): File {
  const input = document.querySelector<HTMLInputElement>('#catalog-file');
  const file = input?.files?.[0];
  if (!file) throw new Error('No catalog file in #catalog-file; the harness sets it first.');
  return file;
}

const api = {
  waitForIdle,
  estimate: async () => (await navigator.storage.estimate()).usage ?? null,
  install: (version: string, pollMs: number) => installFile(chosenFile(), version, pollMs),
  floor: (batchSize: number, chunkSize: number) => runFloor(chosenFile(), batchSize, chunkSize),
  deleteFloor: deleteFloorDb,
  packedFloor: (batchSize: number, chunkSize: number, chunk: number) =>
    runPackedFloor(chosenFile(), batchSize, chunkSize, chunk),
  indexInfo,
  lookups: timeLookups,
  // npm run bench -- feeds
  seedSubCursor,
  subUpdate: runSubUpdate,
  hfBackfill: runHfBackfill,
  relatedAsks: runRelatedAsks,
};

export type BenchApi = typeof api;

declare global {
  interface Window {
    paperpeekBench?: BenchApi;
  }
}

export function installBenchApi(): void {
  window.paperpeekBench = api;
}
