/**
 * Tags as the reading list stores them: trimmed, inner spaces collapsed, lower-case, unique and
 * sorted, so that "ML", " ml " and "ml" are one tag and two devices store the same array.
 */

export const MAX_TAG_LENGTH = 60;
export const MAX_TAGS = 100;

export function normalizeTag(tag: string): string {
  return tag.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Normalized, deduplicated, sorted tags; throws with the offending tag when one is too long. */
export function normalizeTags(tags: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const raw of tags) {
    const tag = normalizeTag(raw);
    if (!tag) continue;
    if (tag.length > MAX_TAG_LENGTH) {
      throw new Error(`Tag "${tag.slice(0, 20)}…" is longer than ${MAX_TAG_LENGTH} characters.`);
    }
    out.add(tag);
  }
  if (out.size > MAX_TAGS) throw new Error(`An entry can have at most ${MAX_TAGS} tags.`);
  return [...out].sort();
}
