import { identifiersAt, type Identifier } from './identifiers';
import { SEP } from './page-text';
import { titleStarts, type TitleIndexView } from './prose-match';

/**
 * The background's first look at a page's whole text (lib/detect/page-text.ts): where a catalog
 * title may start, and where an identifier of a catalog paper is written. The content script reads
 * exactly only the blocks around those offsets, so a page that names no catalog paper costs it one
 * native text read and one message.
 *
 * The text joins its text nodes with SEP, which stands for markup the content script did not
 * look at: a block edge, or nothing ("<b>Ma</b>mba"). Each reading that matters is tried:
 * SEP as a space (blocks and links side by side), SEP as nothing between two letters (markup
 * inside a word), and for identifiers SEP as nothing at all (X hides an URL's scheme and tail in
 * spans of their own). Offsets are the page text's.
 */
export interface TextScan {
  /** Offsets where some word starts what may be a catalog title (prose-match.ts titleStarts). */
  heads: number[];
  /** Offsets where an identifier of a catalog paper is written. */
  ids: number[];
}

const ALNUM = /[\p{L}\p{N}]/u;

interface Reading {
  text: string;
  /** Offsets in `text` where a SEP was dropped, ascending. */
  dropped: number[];
}

function read(parts: readonly string[], drop: (before: string, after: string) => boolean): Reading {
  const pieces: string[] = [parts[0] ?? ''];
  const dropped: number[] = [];
  let length = pieces[0]!.length;
  for (let i = 1; i < parts.length; i++) {
    const before = parts[i - 1]!;
    const after = parts[i]!;
    if (drop(before, after)) dropped.push(length);
    else {
      pieces.push(' ');
      length++;
    }
    pieces.push(after);
    length += after.length;
  }
  return { text: pieces.join(''), dropped };
}

/** The page text's offset for an offset in a reading. */
function pageOffset(reading: Reading, offset: number): number {
  let low = 0;
  let high = reading.dropped.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (reading.dropped[mid]! <= offset) low = mid + 1;
    else high = mid;
  }
  return offset + low;
}

const inWord = (before: string, after: string) =>
  ALNUM.test(before.at(-1) ?? '') && ALNUM.test(after[0] ?? '');

/**
 * A title whose words are split by markup ("<b>Ma</b>mba") reads differently with the split
 * joined, so the text around each split is read again that way: from as far before it as a
 * title's start may lie (titles stay under 300 characters) to as far after as a title found there
 * may reach.
 */
const BEFORE_SPLIT = 320;
const AFTER_SPLIT = 700;

/** Offsets of SEPs with a letter or digit on both sides: markup that may sit inside a word. */
function wordSplits(text: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(SEP); at >= 0; at = text.indexOf(SEP, at + 1)) {
    if (inWord(text[at - 1] ?? '', text[at + 1] ?? '')) out.push(at);
  }
  return out;
}

/** Heads found only with splits joined: each split's surroundings read that way. */
function splitHeads(index: TitleIndexView, text: string): number[] {
  const splits = wordSplits(text);
  const out: number[] = [];
  for (let i = 0; i < splits.length;) {
    const from = Math.max(0, splits[i]! - BEFORE_SPLIT);
    let to = splits[i]! + AFTER_SPLIT;
    // Nearby splits share one window.
    while (++i < splits.length && splits[i]! - BEFORE_SPLIT <= to) to = splits[i]! + AFTER_SPLIT;
    const window = read(text.slice(from, Math.min(text.length, to)).split(SEP), inWord);
    for (const at of titleStarts(index, window.text)) out.push(from + pageOffset(window, at));
  }
  return out;
}

export function scanText(
  index: TitleIndexView,
  text: string,
  isCatalogPaper: (id: Identifier) => boolean,
): TextScan {
  const spaced = text.replaceAll(SEP, ' ');
  const parts = text.split(SEP);
  const heads = new Set(titleStarts(index, spaced));
  for (const at of splitHeads(index, text)) heads.add(at);
  const ids = new Set<number>();
  const known = new Map<string, boolean>();
  const add = (reading: Reading | undefined, found: (Identifier & { at: number })[]) => {
    for (const id of found) {
      const key = `${id.kind}:${id.query}`;
      let hit = known.get(key);
      if (hit === undefined) known.set(key, (hit = isCatalogPaper(id)));
      if (hit) ids.add(reading ? pageOffset(reading, id.at) : id.at);
    }
  };
  add(undefined, identifiersAt(spaced));
  if (parts.length > 1) {
    const joined = read(parts, () => true);
    add(joined, identifiersAt(joined.text));
  }
  const order = (a: number, b: number) => a - b;
  return { heads: [...heads].sort(order), ids: [...ids].sort(order) };
}
