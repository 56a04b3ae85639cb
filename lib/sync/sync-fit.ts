import type { Entry } from '../reading-list/entry';
import { gzipBase64 } from './compress';
import { SyncError } from './remote';
import { isVisible, type SyncState } from './state';
import { CHUNK_CHARS, MAX_CHUNKS, chunkKey } from './sync-quota';
import { encodeState } from './wire';

/** What goes into browser sync when the whole list does not fit its quota. */
export interface Fit {
  text: string;
  chunks: string[];
  synced: number;
  total: number;
}

/**
 * The largest prefix of entries (most recently changed first; hidden ones first of all, as they
 * are tiny and carry an edit that must travel with their tombstone) whose compressed document
 * fits the budget, found by binary search over the prefix length.
 */
export async function fitToQuota(state: SyncState, budget: number): Promise<Fit> {
  const ordered = [...state.entries.values()].sort(byPriority(state));
  const visibleTotal = ordered.filter((e) => isVisible(e, state.tombstones.get(e.id))).length;
  const build = async (count: number) => {
    const text = JSON.stringify(encodeState(state, ordered.slice(0, count)));
    const base64 = await gzipBase64(text);
    const chunks: string[] = [];
    for (let i = 0; i < base64.length; i += CHUNK_CHARS)
      chunks.push(base64.slice(i, i + CHUNK_CHARS));
    // Each chunk item costs its key, quotes and a generation tag besides its characters.
    const bytes = base64.length + chunks.reduce((sum, _c, i) => sum + chunkKey(i).length + 10, 0);
    const fits = bytes <= budget && chunks.length <= MAX_CHUNKS;
    return { text, chunks, fits, count };
  };
  let best = await build(ordered.length);
  if (!best.fits) {
    let lo = 0;
    let hi = ordered.length - 1;
    best = await build(0);
    if (!best.fits) {
      throw new SyncError(
        'Browser sync is full with deletions and settings alone; set up WebDAV to keep syncing.',
        false,
        'quota',
      );
    }
    while (lo < hi) {
      const mid = Math.ceil((lo + hi + 1) / 2);
      const attempt = await build(mid);
      if (attempt.fits) {
        best = attempt;
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
  }
  const included = ordered.slice(0, best.count);
  const synced = included.filter((e) => isVisible(e, state.tombstones.get(e.id))).length;
  return { text: best.text, chunks: best.chunks, synced, total: visibleTotal };
}

function byPriority(state: SyncState) {
  const hidden = (e: Entry) => (isVisible(e, state.tombstones.get(e.id)) ? 1 : 0);
  return (a: Entry, b: Entry) =>
    hidden(a) - hidden(b) ||
    (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0) ||
    (a.id < b.id ? -1 : 1);
}
