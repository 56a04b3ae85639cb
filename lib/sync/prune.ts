import { decodeHlc } from './hlc';
import { addedClock, type SyncState } from './state';

/**
 * Tombstone pruning: a deletion is forgotten once it is older than TOMBSTONE_HORIZON_MS (by the
 * wall time in its clock), together with anything it still hides.
 *
 * Why a horizon rather than acknowledgements from every device: an acknowledgement rule needs a
 * per-device record of what each device has merged from every other, and one abandoned device (a
 * wiped laptop) blocks pruning forever. The horizon is computed the same way on every device with
 * no coordination. Its one risk is bounded and stated: a device that stays offline for longer than
 * the horizon still holds entries deleted meanwhile, and its next sync brings them back. Remote
 * files of devices silent for longer than the horizon are ignored for the same reason.
 */
export const TOMBSTONE_HORIZON_MS = 180 * 24 * 60 * 60 * 1000;

export function pruneTombstones(
  state: SyncState,
  now: number,
): { state: SyncState; pruned: number } {
  const cutoff = now - TOMBSTONE_HORIZON_MS;
  const tombstones = new Map<string, string>();
  const dropped = new Set<string>();
  for (const [id, deletedAt] of state.tombstones) {
    if (wallOf(deletedAt) < cutoff) dropped.add(id);
    else tombstones.set(id, deletedAt);
  }
  if (dropped.size === 0) return { state, pruned: 0 };
  const entries = new Map(state.entries);
  for (const id of dropped) {
    const entry = entries.get(id);
    // An entry the tombstone hid (a ghost) would otherwise show again without it.
    if (entry && addedClock(entry) <= state.tombstones.get(id)!) entries.delete(id);
  }
  return { state: { ...state, entries, tombstones }, pruned: dropped.size };
}

/** A clock that does not decode counts as brand new, so it is never pruned by mistake. */
function wallOf(clock: string): number {
  try {
    return decodeHlc(clock).wall;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
