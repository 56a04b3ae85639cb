import { describe, expect, it } from 'vitest';
import { mergeStates } from '../../lib/sync/merge';
import { TOMBSTONE_HORIZON_MS, pruneTombstones } from '../../lib/sync/prune';
import { emptyState, stateFrom, visibleEntries } from '../../lib/sync/state';
import { at, edited, savedEntry } from './sync-fixtures';

const ids = (s: ReturnType<typeof emptyState>) =>
  visibleEntries(s)
    .map((e) => e.id)
    .sort();

describe('mergeStates', () => {
  it('keeps the later write of each field from either side', () => {
    const base = savedEntry('2401.00001', at(100));
    const laptop = edited(base, 'note', 'read §3 first', at(200, 'deva'));
    const desktop = edited(
      edited(base, 'status', 'reading', at(150, 'devb')),
      'note',
      'older note',
      at(120, 'devb'),
    );
    const merged = mergeStates(stateFrom([laptop], []), stateFrom([desktop], []));
    const entry = merged.entries.get('2401.00001')!;
    expect(entry.note).toBe('read §3 first');
    expect(entry.status).toBe('reading');
  });

  it('an empty, never-synced device takes everything and removes nothing', () => {
    const remote = stateFrom(
      [savedEntry('a', at(1)), savedEntry('b', at(2))],
      [{ id: 'c', deletedAt: at(3) }],
    );
    const merged = mergeStates(emptyState(), remote);
    expect(ids(merged)).toEqual(['a', 'b']);
    expect(merged.tombstones.get('c')).toBe(at(3));
  });

  it('a deletion removes an older save and is not undone by the other device still holding it', () => {
    const other = stateFrom([savedEntry('a', at(100, 'devb'))], []);
    const mine = stateFrom([], [{ id: 'a', deletedAt: at(200) }]);
    expect(ids(mergeStates(mine, other))).toEqual([]);
    expect(ids(mergeStates(other, mine))).toEqual([]);
  });

  it('an edit does not bring a deleted entry back, but a later save does', () => {
    const editedAfter = edited(
      savedEntry('a', at(100, 'devb')),
      'note',
      'late note',
      at(300, 'devb'),
    );
    const deleted = stateFrom([], [{ id: 'a', deletedAt: at(200) }]);
    expect(ids(mergeStates(stateFrom([editedAfter], []), deleted))).toEqual([]);
    const resaved = stateFrom([savedEntry('a', at(250, 'devc'))], []);
    const all = mergeStates(mergeStates(stateFrom([editedAfter], []), deleted), resaved);
    expect(ids(all)).toEqual(['a']);
    // The edit made after the deletion is newer than the re-save: it survives in the hidden ghost.
    expect(all.entries.get('a')!.note).toBe('late note');
  });

  it('drops an entry all of whose writes predate its tombstone', () => {
    const merged = mergeStates(
      stateFrom([savedEntry('a', at(100))], []),
      stateFrom([], [{ id: 'a', deletedAt: at(200) }]),
    );
    expect(merged.entries.has('a')).toBe(false);
    expect(merged.tombstones.get('a')).toBe(at(200));
  });

  it('merges settings key by key', () => {
    const a = {
      ...emptyState(),
      settings: {
        hoverDelayMs: { value: 500, clock: at(10) },
        markersEnabled: { value: false, clock: at(5) },
      },
    };
    const b = {
      ...emptyState(),
      settings: {
        hoverDelayMs: { value: 100, clock: at(8, 'devb') },
        markersEnabled: { value: true, clock: at(9, 'devb') },
      },
    };
    expect(mergeStates(a, b).settings).toEqual({
      hoverDelayMs: { value: 500, clock: at(10) },
      markersEnabled: { value: true, clock: at(9, 'devb') },
    });
  });
});

describe('pruneTombstones', () => {
  const now = 1_800_000_000_000;
  it('forgets deletions older than the horizon together with what they hid, keeps newer ones', () => {
    const old = at(now - TOMBSTONE_HORIZON_MS - 1);
    const recent = at(now - TOMBSTONE_HORIZON_MS + 60_000);
    const ghost = { ...savedEntry('x', at(1)), clock: { note: at(now - TOMBSTONE_HORIZON_MS) } };
    const state = stateFrom(
      [ghost],
      [
        { id: 'x', deletedAt: old },
        { id: 'y', deletedAt: recent },
      ],
    );
    const { state: pruned, pruned: count } = pruneTombstones(state, now);
    expect(count).toBe(1);
    expect([...pruned.tombstones.keys()]).toEqual(['y']);
    expect(pruned.entries.has('x')).toBe(false);
  });

  it('keeps an entry re-saved after an old deletion', () => {
    const old = at(now - TOMBSTONE_HORIZON_MS - 1);
    const state = stateFrom([savedEntry('x', at(now - 1000))], [{ id: 'x', deletedAt: old }]);
    expect(ids(pruneTombstones(state, now).state)).toEqual(['x']);
  });

  it('never prunes a tombstone whose clock does not decode', () => {
    const state = stateFrom([], [{ id: 'x', deletedAt: 'garbage' }]);
    expect(pruneTombstones(state, now).pruned).toBe(0);
  });
});
