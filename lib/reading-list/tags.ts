/**
 * Tags as the reading list stores them: trimmed, inner spaces collapsed, in the case the user
 * typed (`ICASSP`, `LLMs`), unique and sorted. Two tags that differ only in case are one tag
 * (`icassp` and `ICASSP`): filters, facets, merges and removal compare their keys, and the case
 * typed first is the one kept.
 */

export const MAX_TAG_LENGTH = 60;
export const MAX_TAGS = 100;

export function normalizeTag(tag: string): string {
  return tag.trim().replace(/\s+/g, ' ');
}

/** What two tags are compared by: the same for `ICASSP`, `icassp` and ` Icassp `. */
export function tagKey(tag: string): string {
  return normalizeTag(tag).toLowerCase();
}

export function sameTag(a: string, b: string): boolean {
  return tagKey(a) === tagKey(b);
}

/**
 * By key, then by spelling, in code-point order: no locale, so every device sorts alike, and
 * lower-case lists keep the order they were stored in before tags kept their case.
 */
export function compareTags(a: string, b: string): number {
  const [ka, kb] = [tagKey(a), tagKey(b)];
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Unique by key, the first spelling of each kept, sorted; the sort is stable across devices. */
export function uniqueTags(tags: Iterable<string>): string[] {
  const byKey = new Map<string, string>();
  for (const raw of tags) {
    const tag = normalizeTag(raw);
    if (tag && !byKey.has(tagKey(tag))) byKey.set(tagKey(tag), tag);
  }
  return [...byKey.values()].sort(compareTags);
}

/** Normalized, deduplicated, sorted tags; throws with the offending tag when one is too long. */
export function normalizeTags(tags: Iterable<string>): string[] {
  const out = uniqueTags(tags);
  const long = out.find((tag) => tag.length > MAX_TAG_LENGTH);
  if (long) {
    throw new Error(`Tag "${long.slice(0, 20)}…" is longer than ${MAX_TAG_LENGTH} characters.`);
  }
  if (out.length > MAX_TAGS) throw new Error(`An entry can have at most ${MAX_TAGS} tags.`);
  return out;
}
