import { mergeStates } from './merge';
import { pruneTombstones } from './prune';
import type { Remote, RemoteWrite } from './remote';
import { isVisible, type SyncState } from './state';

/** This device's side of a sync: the reading list (and settings) as a sync state. */
export interface LocalStore {
  read(): Promise<SyncState>;
  /**
   * Store `merged` in one transaction, merging it once more with whatever the device holds at
   * that moment (an edit made while the remote was being read is kept), and answer that final
   * state (hidden ghosts included) with what changed.
   */
  apply(
    merged: SyncState,
    now: number,
    options?: { confirmed?: boolean },
  ): Promise<{ state: SyncState; changes: LocalChanges }>;
  /**
   * Papers syncs removed in the last days that the user has not confirmed, and how many of them
   * are still out of the list (Recently deleted): the window the confirmation guard looks at.
   */
  recentRemovals?(now: number): Promise<{ removed: number; stillRemoved: number }>;
}

export interface LocalChanges {
  added: number;
  updated: number;
  removed: number;
}

export type SyncOutcome =
  | ({ kind: 'synced'; changes: LocalChanges; warnings: string[] } & RemoteWrite)
  | { kind: 'needsConfirmation'; deleting: number; total: number; recent?: number };

/**
 * A sync removing more than this share of the list, and more than a handful, asks first; counted
 * over the window of recentRemovals, so a deletion split into small steps asks as a whole does.
 */
export const CONFIRM_SHARE = 0.2;
export const CONFIRM_MIN = 5;

/**
 * One sync: read both sides, merge (a join: a fresh, empty install only ever adds what is
 * remote), forget tombstones past the horizon, then store the result locally and remotely. Local
 * data changes only after everything remote has been read and validated; a failure of the remote
 * write leaves the merged local list in place, which the next sync sends again.
 */
export async function runSync(options: {
  local: LocalStore;
  remote: Remote;
  now?: () => number;
  /** The user agreed to the deletions a previous `needsConfirmation` announced. */
  confirmDeletions?: boolean;
}): Promise<SyncOutcome> {
  const now = options.now ?? Date.now;
  const local = await options.local.read();
  const read = await options.remote.read();
  const merged = pruneTombstones(mergeStates(local, read.state), now()).state;

  const { deleting, total } = deletions(local, merged);
  const recent =
    deleting > 0 && options.local.recentRemovals
      ? await options.local.recentRemovals(now())
      : { removed: 0, stillRemoved: 0 };
  const inWindow = recent.removed + deleting;
  const listThen = total + recent.stillRemoved;
  if (!options.confirmDeletions && inWindow > CONFIRM_MIN && inWindow > listThen * CONFIRM_SHARE) {
    return {
      kind: 'needsConfirmation',
      deleting,
      total,
      ...(recent.removed ? { recent: recent.removed } : {}),
    };
  }
  const applied = await options.local.apply(merged, now(), {
    confirmed: !!options.confirmDeletions && deleting > 0,
  });
  const written = await options.remote.write(applied.state, read);
  const warnings = read.warnings ?? [];
  return { kind: 'synced', changes: applied.changes, warnings, ...written };
}

/** How many of the papers shown on this device the merged state would remove. */
export function deletions(
  local: SyncState,
  merged: SyncState,
): { deleting: number; total: number } {
  let total = 0;
  let deleting = 0;
  for (const entry of local.entries.values()) {
    if (!isVisible(entry, local.tombstones.get(entry.id))) continue;
    total++;
    const after = merged.entries.get(entry.id);
    if (!after || !isVisible(after, merged.tombstones.get(entry.id))) deleting++;
  }
  return { deleting, total };
}
