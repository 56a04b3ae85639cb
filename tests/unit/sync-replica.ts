import { EDITABLE_FIELDS, type EditableField, type Entry } from '../../lib/reading-list/entry';
import { decodeHlc, encodeHlc, receive, tick, type Hlc } from '../../lib/sync/hlc';
import { mergeStates, stableJson } from '../../lib/sync/merge';
import {
  emptyState,
  isVisible,
  maxClock,
  visibleEntries,
  type SyncState,
} from '../../lib/sync/state';

/**
 * A simulated device for the engine's property tests: it edits its own full sync state the way
 * the reading list does (a save stamps every field, an edit stamps one, a delete drops the entry
 * and writes a tombstone) and logs every write, so the test can compute what must survive.
 */

export interface Write {
  id: string;
  key: EditableField | 'added';
  clock: string;
  value: unknown;
}

export interface Log {
  writes: Write[];
  deletes: { id: string; clock: string }[];
}

export class Replica {
  state: SyncState = emptyState();
  private hlc: Hlc;
  constructor(
    node: string,
    private skew: number,
    private log: Log,
  ) {
    this.hlc = { wall: 0, counter: 0, node };
  }

  private next(now: number): string {
    this.hlc = tick(this.hlc, now + this.skew);
    return encodeHlc(this.hlc);
  }

  private visible(id: string): Entry | undefined {
    const entry = this.state.entries.get(id);
    return entry && isVisible(entry, this.state.tombstones.get(id)) ? entry : undefined;
  }

  save(id: string, value: string, now: number): void {
    const existing = this.visible(id);
    if (existing) return this.edit(id, 'snapshot', value, now);
    const clock = this.next(now);
    const iso = new Date(this.hlc.wall).toISOString();
    const entry: Entry = {
      id,
      inCatalog: true,
      snapshot: fieldValue('snapshot', value) as Entry['snapshot'],
      status: 'to-read',
      tags: [],
      note: value,
      addedAt: iso,
      updatedAt: iso,
      readAt: null,
      clock: { added: clock },
    };
    for (const key of EDITABLE_FIELDS) entry.clock[key] = clock;
    this.state.entries.set(id, entry);
    this.log.writes.push({ id, key: 'added', clock, value: [id, true, iso] });
    for (const key of EDITABLE_FIELDS) this.log.writes.push({ id, key, clock, value: entry[key] });
  }

  edit(id: string, key: EditableField, value: string, now: number): void {
    const entry = this.visible(id);
    if (!entry) return;
    const clock = this.next(now);
    const next = {
      ...entry,
      [key]: fieldValue(key, value),
      clock: { ...entry.clock, [key]: clock },
    };
    next.updatedAt = new Date(this.hlc.wall).toISOString();
    this.state.entries.set(id, next);
    this.log.writes.push({ id, key, clock, value: next[key] });
  }

  remove(id: string, now: number): void {
    if (!this.visible(id)) return;
    const clock = this.next(now);
    this.state.entries.delete(id);
    this.state.tombstones.set(id, clock);
    this.log.deletes.push({ id, clock });
  }

  /** Take in another device's state, as a sync through any remote does. */
  absorb(other: SyncState, now: number): void {
    this.state = mergeStates(this.state, other);
    const seen = maxClock(other);
    if (seen) this.hlc = receive(this.hlc, decodeHlc(seen), now + this.skew);
  }
}

function fieldValue(key: EditableField, value: string): unknown {
  switch (key) {
    case 'snapshot':
      return { title: value, authors: [] };
    case 'status':
      return (['to-read', 'reading', 'read'] as const)[value.length % 3];
    case 'tags':
      return [value];
    case 'note':
      return value;
    case 'readAt':
      return value.length % 2 ? null : new Date(value.length * 1e9).toISOString();
  }
}

/** What every device must end with: per paper shown iff its latest save beats its latest delete; per field the value of the latest write. */
export function expectedList(log: Log): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  const latest = new Map<string, Write>();
  for (const w of log.writes) {
    const key = `${w.id}\u0000${w.key}`;
    const seen = latest.get(key);
    if (!seen || w.clock > seen.clock) latest.set(key, w);
  }
  const deleted = new Map<string, string>();
  for (const d of log.deletes) if (d.clock > (deleted.get(d.id) ?? '')) deleted.set(d.id, d.clock);
  for (const w of latest.values()) {
    if (w.key !== 'added' || w.clock <= (deleted.get(w.id) ?? '')) continue;
    const fields: Record<string, unknown> = {};
    for (const key of EDITABLE_FIELDS) fields[key] = latest.get(`${w.id}\u0000${key}`)?.value;
    out[w.id] = fields;
  }
  return out;
}

export function listOf(state: SyncState): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const entry of visibleEntries(state)) {
    out[entry.id] = Object.fromEntries(EDITABLE_FIELDS.map((key) => [key, entry[key]]));
  }
  return out;
}

/** A canonical text of a whole state (ghosts and tombstones included), for equality. */
export function canonical(state: SyncState): string {
  const entries = [...state.entries.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const tombstones = [...state.tombstones].sort(([a], [b]) => (a < b ? -1 : 1));
  return stableJson({ entries, tombstones, settings: state.settings });
}
