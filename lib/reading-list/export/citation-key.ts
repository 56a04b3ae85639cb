import type { Entry } from '../entry';

/**
 * Citation keys in the common Google Scholar / Zotero shape, `vaswani2017attention`: first
 * author's family name, year, first significant title word, ASCII only. The key depends on the
 * entry alone, so the same entry gets the same key in every export; only entries whose keys
 * collide within one file get a suffix (a, b, c... in order of when they were added).
 */

const STOPWORDS = new Set(
  'a an and are as at be by for from how in into is it of on or over the this to under via we what when where which why with without your'.split(
    ' ',
  ),
);

function ascii(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
}

function familyName(author: string | undefined): string {
  if (!author) return '';
  const trimmed = author.trim();
  // "Family, Given" as reference managers write it; otherwise the last word of "Given Family".
  const family = trimmed.includes(',') ? trimmed.split(',')[0]! : trimmed.split(/\s+/).at(-1)!;
  return ascii(family);
}

export function baseCitationKey(entry: Pick<Entry, 'id' | 'snapshot'>): string {
  const { snapshot } = entry;
  const word =
    snapshot.title
      .split(/[\s\-–—:/]+/)
      .map(ascii)
      .find((w) => w.length > 2 && !STOPWORDS.has(w)) ?? '';
  // A name with no Latin letters (张伟) gives no family part; `paper` keeps the key readable.
  const family = familyName(snapshot.authors[0]) || 'paper';
  return `${family}${snapshot.year ?? ''}${word}`;
}

function suffix(n: number): string {
  // a..z, then aa, ab...: deterministic and never runs out.
  let out = '';
  let rest = n;
  do {
    out = String.fromCharCode(97 + (rest % 26)) + out;
    rest = Math.floor(rest / 26) - 1;
  } while (rest >= 0);
  return out;
}

/** Entry id → citation key, unique within `entries`. */
export function assignCitationKeys(entries: readonly Entry[]): Map<string, string> {
  const groups = new Map<string, Entry[]>();
  for (const entry of entries) {
    const base = baseCitationKey(entry);
    const group = groups.get(base);
    if (group) group.push(entry);
    else groups.set(base, [entry]);
  }
  const keys = new Map<string, string>();
  const taken = new Set(groups.keys());
  for (const [base, group] of groups) {
    if (group.length === 1) {
      keys.set(group[0]!.id, base);
      continue;
    }
    const ordered = [...group].sort(
      (a, b) => a.addedAt.localeCompare(b.addedAt) || a.id.localeCompare(b.id),
    );
    let n = 0;
    for (const entry of ordered) {
      let key: string;
      do key = base + suffix(n++);
      while (taken.has(key));
      taken.add(key);
      keys.set(entry.id, key);
    }
  }
  return keys;
}
