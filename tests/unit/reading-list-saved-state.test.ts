import { describe, expect, it } from 'vitest';
import { SavedState } from '@/lib/content/saved-state';

/** A background that answers from a set, counting what it is asked. */
function background(initial: string[] = []) {
  const saved = new Set(initial);
  const deleted = new Set<string>();
  const asked: string[][] = [];
  return {
    saved,
    asked,
    client: {
      ask: async (ids: string[]) => {
        asked.push(ids);
        return ids.filter((id) => saved.has(id));
      },
      save: async (id: string) => void saved.add(id),
      remove: async (id: string) => {
        if (saved.delete(id)) deleted.add(id);
      },
      restore: async (id: string) => {
        if (!deleted.delete(id)) return 0;
        saved.add(id);
        return 1;
      },
    },
  };
}

describe('SavedState (the content script’s view of the reading list)', () => {
  it('asks only about ids it does not know yet, and reports only saved ones as changes', async () => {
    const bg = background(['a']);
    const state = new SavedState(bg.client);
    const changes: [string, boolean][][] = [];
    state.onChange((c) => changes.push([...c]));
    await state.check(['a', 'b', 'a']);
    await state.check(['a', 'b', 'c']);
    expect(bg.asked).toEqual([['a', 'b'], ['c']]);
    expect(state.peek('a')).toBe(true);
    expect(state.peek('b')).toBe(false);
    expect(state.peek('zzz')).toBeUndefined();
    // Unknown counts as not saved: only the saved paper needs redrawing.
    expect(changes).toEqual([[['a', true]]]);
  });

  it('toggles through the background and tells listeners', async () => {
    const bg = background();
    const state = new SavedState(bg.client);
    const changes: [string, boolean][][] = [];
    state.onChange((c) => changes.push([...c]));
    expect(await state.toggle('a')).toBe(true);
    expect(bg.saved.has('a')).toBe(true);
    expect(await state.toggle('a')).toBe(false);
    expect(bg.saved.has('a')).toBe(false);
    expect(changes).toEqual([[['a', true]], [['a', false]]]);
  });

  it('toggles from the current answer, not a stale one (another tab saved it meanwhile)', async () => {
    const bg = background();
    const state = new SavedState(bg.client);
    await state.check(['a']);
    bg.saved.add('a');
    expect(await state.toggle('a')).toBe(false);
    expect(bg.saved.has('a')).toBe(false);
  });

  it('keeps its state when the background refuses a save', async () => {
    const bg = background();
    const state = new SavedState({
      ...bg.client,
      save: async () => {
        throw new Error('Paper x is not in the catalog.');
      },
    });
    await expect(state.toggle('x')).rejects.toThrow('not in the catalog');
    expect(state.peek('x')).toBe(false);
  });

  it('undoes a removal through Recently deleted, and says so when there is nothing to restore', async () => {
    const bg = background(['a']);
    const state = new SavedState(bg.client);
    expect(await state.toggle('a')).toBe(false);
    await state.restore('a');
    expect(bg.saved.has('a')).toBe(true);
    expect(state.peek('a')).toBe(true);
    await expect(state.restore('b')).rejects.toThrow('no longer in Recently deleted');
    expect(state.peek('b')).toBeUndefined();
  });

  it('refreshes every known id, in batches the message allows', async () => {
    const bg = background();
    const state = new SavedState(bg.client);
    const ids = Array.from({ length: 2500 }, (_, i) => `p${i}`);
    await state.check(ids);
    bg.saved.add('p2400');
    bg.asked.length = 0;
    await state.refreshKnown();
    expect(bg.asked.map((batch) => batch.length)).toEqual([2000, 500]);
    expect(state.peek('p2400')).toBe(true);
  });
});
