/**
 * What counts as a link PaperPeek stores or shows: an absolute http(s) address. A `javascript:`
 * or `data:` link from a catalog file, an import or another device would run or open something
 * the moment a reader clicks it. No zod here: the content script's card uses safeHref.
 */

/** Far above any real page or paper address; it bounds what a hostile file can make us store. */
export const MAX_URL_LENGTH = 4096;

/**
 * Whitespace, control and invisible format characters (zero-width, bidi overrides) are refused
 * anywhere, not only at the ends: the URL parser strips or skips some (`java\tscript:`,
 * ` javascript:`), so the text would not say what opens. A URL the parser wrote never holds any.
 */
const INVISIBLE = /[\s\p{Cc}\p{Cf}]/u;

export function isWebUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH) return false;
  if (!/^https?:\/\//i.test(value) || INVISIBLE.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * For an href built from stored data: the link itself, or undefined so the caller shows plain
 * text. Data is checked on the way in (web-url.ts); this covers what was stored before that.
 */
export function safeHref(value: string | null | undefined): string | undefined {
  return isWebUrl(value) ? value : undefined;
}
