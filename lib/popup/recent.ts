import { storage } from 'wxt/utils/storage';

/**
 * Papers the user opened in the popup's details, most recent first, shown when the search box is
 * empty. Kept here rather than in lib/settings.ts: it is the popup's memory, not a setting.
 */
export const RECENT_LIMIT = 10;

/** Catalog ids of the papers last opened in the popup, most recent first, at most RECENT_LIMIT. */
export const recentPapers = storage.defineItem<string[]>('local:popupRecentPapers', {
  fallback: [],
});

/** The list after opening `id`: it moves to the front, once, and the oldest falls off. */
export function withRecent(list: readonly string[], id: string, limit = RECENT_LIMIT): string[] {
  return [id, ...list.filter((other) => other !== id)].slice(0, limit);
}

export async function rememberViewed(id: string): Promise<void> {
  const list = await recentPapers.getValue();
  // Junk in storage (another version's shape) is dropped rather than trusted.
  const clean = Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  await recentPapers.setValue(withRecent(clean, id));
}
