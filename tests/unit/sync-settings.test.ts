import { describe, expect, it } from 'vitest';
import { openUserDb } from '../../lib/reading-list/db';
import { disabledSites, hoverDelayMs, markersEnabled } from '../../lib/settings';
import { mergeStates } from '../../lib/sync/merge';
import { settingsStore } from '../../lib/sync/settings-sync';
import { emptyState } from '../../lib/sync/state';
import { at } from './sync-fixtures';

let n = 0;
const freshDb = () => openUserDb(`sync-settings-${Date.now()}-${n++}`);

describe('settings sync document', () => {
  it('a setting the user chose gets a clock; an untouched default gets none, so it never outranks a choice', async () => {
    await hoverDelayMs.setValue(800);
    const doc = await settingsStore(freshDb()).read();
    expect(doc.hoverDelayMs?.value).toBe(800);
    expect(doc.hoverDelayMs?.clock).not.toBe('');
    expect(doc.markersEnabled).toEqual({ value: true, clock: '' });
  });

  it('applies newer remote choices, rejects unusable remote values, and keeps an edit made meanwhile', async () => {
    const store = settingsStore(freshDb());
    await store.read();
    const remote = {
      hoverDelayMs: { value: 99_999, clock: at(2_000_000_000_000, 'devb') },
      markersEnabled: { value: false, clock: at(2_000_000_000_000, 'devb') },
      disabledSites: { value: ['javascript:alert(1)'], clock: at(2_000_000_000_000, 'devb') },
    };
    const merged = mergeStates(
      { ...emptyState(), settings: await store.read() },
      { ...emptyState(), settings: remote },
    );
    await store.apply(merged.settings);
    expect(await markersEnabled.getValue()).toBe(false);
    // Out of range clamps to the allowed maximum; a site that is not one is refused.
    expect(await hoverDelayMs.getValue()).toBe(2000);
    expect(await disabledSites.getValue()).toEqual([]);
  });

  it('a change made after the read is not overwritten by the apply', async () => {
    const store = settingsStore(freshDb());
    const doc = await store.read();
    await markersEnabled.setValue(false); // the user flips it while the sync runs
    await store.apply({
      ...doc,
      markersEnabled: { value: true, clock: at(2_000_000_000_000, 'devb') },
    });
    expect(await markersEnabled.getValue()).toBe(false);
  });
});
