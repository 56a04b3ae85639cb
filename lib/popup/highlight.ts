/**
 * Splits a title into runs, marking the words the search matched. The engine reports the index
 * terms it matched (stems, corrected typos, prefixes), so a title word counts when it and a term
 * share a long enough prefix: "diffus" marks "Diffusion", "echocardiograph" marks
 * "Echocardiographic".
 */

export interface Run {
  text: string;
  hit: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;
/** Shorter shared prefixes mark too much ("st" would light up half a title). */
const MIN_SHARED = 3;

function fold(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** At most one insertion, deletion or substitution apart (a typo in the query). */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  const head = commonPrefix(a, b);
  const tailA = a.slice(head);
  const tailB = b.slice(head);
  return tailA.slice(1) === tailB.slice(1) || tailA === tailB.slice(1) || tailA.slice(1) === tailB;
}

function matches(word: string, terms: readonly string[]): boolean {
  const w = fold(word);
  return terms.some((term) => {
    if (w === term) return true;
    // A prefix or a stem of the word: "diffus" marks "diffusion".
    if (term.length >= MIN_SHARED && w.startsWith(term)) return true;
    const shared = commonPrefix(w, term);
    const shorter = Math.min(w.length, term.length);
    // Word forms: "echocardiography" and "echocardiographic", "model" and "models".
    if (shared >= 4 && shared >= shorter - 1 && Math.max(w.length, term.length) - shared <= 3) {
      return true;
    }
    return w.length >= 5 && term.length >= 5 && oneEditApart(w, term);
  });
}

export function highlightRuns(text: string, matched: readonly string[]): Run[] {
  const terms = [...new Set(matched.map(fold).filter((t) => t.length > 0))];
  if (terms.length === 0) return text ? [{ text, hit: false }] : [];
  const runs: Run[] = [];
  const push = (part: string, hit: boolean) => {
    if (!part) return;
    const last = runs[runs.length - 1];
    if (last && last.hit === hit) last.text += part;
    else runs.push({ text: part, hit });
  };
  let at = 0;
  for (const match of text.matchAll(WORD)) {
    push(text.slice(at, match.index), false);
    push(match[0], matches(match[0], terms));
    at = match.index + match[0].length;
  }
  push(text.slice(at), false);
  // Spaces between two marked words join them: "Rectified Flow" reads as one phrase.
  for (let i = runs.length - 2; i > 0; i--) {
    const [before, gap, after] = [runs[i - 1]!, runs[i]!, runs[i + 1]!];
    if (before.hit && after.hit && !gap.hit && /^\s+$/.test(gap.text)) {
      runs.splice(i - 1, 3, { text: before.text + gap.text + after.text, hit: true });
      i--;
    }
  }
  return runs;
}
