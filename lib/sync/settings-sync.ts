import { storage } from 'wxt/utils/storage';
import { nextClock } from '../reading-list/clock';
import type { UserDb } from '../reading-list/db';
import {
  disabledSites,
  hoverDelayMs,
  markersEnabled,
  normalizeSite,
  usableHoverDelay,
} from '../settings';
import { clockProblem } from './hlc';
import { stableJson } from './merge';
import type { SettingsDoc } from './state';
import { syncedSettings } from './sync-items';

/** The user-visible settings as a small sync document, per-key last writer wins. */
export interface SettingsStore {
  read(): Promise<SettingsDoc>;
  /** Store the merged document's values; answers the document now in force. */
  apply(doc: SettingsDoc): Promise<SettingsDoc>;
}

interface Synced<T> {
  key: string;
  item: { getValue(): Promise<T>; setValue(value: T): Promise<void> };
  /** A remote value made safe, or undefined when it is unusable (the local value stays). */
  accept(value: unknown): T | undefined;
}

const SYNCED: Synced<unknown>[] = [
  {
    key: 'hoverDelayMs',
    item: hoverDelayMs as Synced<unknown>['item'],
    accept: (v) => (typeof v === 'number' ? usableHoverDelay(v) : undefined),
  },
  {
    key: 'markersEnabled',
    item: markersEnabled as Synced<unknown>['item'],
    accept: (v) => (typeof v === 'boolean' ? v : undefined),
  },
  {
    key: 'disabledSites',
    item: disabledSites as Synced<unknown>['item'],
    accept: (v) => {
      if (!Array.isArray(v) || v.length > 5000) return undefined;
      try {
        return [...new Set(v.map((s) => normalizeSite(String(s))))].sort((a, b) =>
          a.localeCompare(b),
        );
      } catch {
        return undefined;
      }
    },
  },
];

export function settingsStore(db: UserDb): SettingsStore {
  return {
    async read() {
      const doc: SettingsDoc = { ...(await syncedSettings.getValue()) };
      let changed = false;
      for (const { key, item } of SYNCED) {
        const value = await item.getValue();
        const known = doc[key];
        // A clock stored before incoming clocks were checked may be unusable: stamp it afresh.
        const sound = known && (known.clock === '' || !clockProblem(known.clock, Date.now()));
        if (sound && stableJson(known.value) === stableJson(value)) continue;
        // A setting never stored here is the default, not a choice: it must not outrank a
        // choice made on another device, so it goes without a clock.
        const stored = (await storage.getItem(`local:${key}`)) !== null;
        const clock = stored ? await db.transaction('rw', db.meta, () => nextClock(db)) : '';
        doc[key] = { value, clock };
        changed = true;
      }
      if (changed) await syncedSettings.setValue(doc);
      return doc;
    },

    async apply(merged) {
      const before = await syncedSettings.getValue();
      const doc: SettingsDoc = { ...before };
      for (const { key, item, accept } of SYNCED) {
        const incoming = merged[key];
        if (!incoming || (before[key] && incoming.clock <= before[key].clock)) continue;
        const value = accept(incoming.value);
        if (value === undefined) continue;
        const current = await item.getValue();
        // Changed while the sync ran: that edit is newer; the next sync stamps and sends it.
        if (before[key] && stableJson(current) !== stableJson(before[key].value)) continue;
        if (stableJson(current) !== stableJson(value)) await item.setValue(value);
        doc[key] = { value, clock: incoming.clock };
      }
      await syncedSettings.setValue(doc);
      return doc;
    },
  };
}
