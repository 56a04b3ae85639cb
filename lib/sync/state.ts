import type { Entry, Tombstone } from '../reading-list/entry';

/**
 * What sync exchanges: the reading list (entries and tombstones, by paper id) and the small
 * settings document. A replica's full state may also hold "ghosts": entries hidden by a tombstone
 * that still carry an edit newer than it (see merge.ts); `visibleEntries` leaves them out.
 */
export interface SyncState {
  entries: Map<string, Entry>;
  /** Paper id → HLC of the latest deletion. */
  tombstones: Map<string, string>;
  settings: SettingsDoc;
}

/** One value per user-visible setting, each with the HLC of its last write (per-key last writer wins). */
export type SettingsDoc = Record<string, { value: unknown; clock: string }>;

export function emptyState(): SyncState {
  return { entries: new Map(), tombstones: new Map(), settings: {} };
}

export function stateFrom(
  entries: readonly Entry[],
  tombstones: readonly Tombstone[],
  settings: SettingsDoc = {},
): SyncState {
  return {
    entries: new Map(entries.map((e) => [e.id, e])),
    tombstones: new Map(tombstones.map((t) => [t.id, t.deletedAt])),
    settings,
  };
}

/** The clock of the save that created this incarnation of the entry ('' when it has none). */
export function addedClock(entry: Entry): string {
  return entry.clock.added ?? '';
}

/** An entry is shown unless a deletion came after the save that created it. */
export function isVisible(entry: Entry, deletedAt: string | undefined): boolean {
  return deletedAt === undefined || addedClock(entry) > deletedAt;
}

export function visibleEntries(state: SyncState): Entry[] {
  const out: Entry[] = [];
  for (const entry of state.entries.values()) {
    if (isVisible(entry, state.tombstones.get(entry.id))) out.push(entry);
  }
  return out;
}

export function tombstoneList(state: SyncState): Tombstone[] {
  return [...state.tombstones].map(([id, deletedAt]) => ({ id, deletedAt }));
}

/** The highest clock anywhere in the state: what a device has seen once it merged it. */
export function maxClock(state: SyncState): string {
  let max = '';
  for (const entry of state.entries.values()) {
    for (const clock of Object.values(entry.clock)) if (clock > max) max = clock;
  }
  for (const clock of state.tombstones.values()) if (clock > max) max = clock;
  for (const { clock } of Object.values(state.settings)) if (clock > max) max = clock;
  return max;
}
