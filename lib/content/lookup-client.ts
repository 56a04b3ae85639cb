import type { Paper } from '../catalog/schema';
import type { MessageOutput } from '../messaging/protocol';

export type CandidateMatch = NonNullable<MessageOutput<'lookupCandidates'>[number]>;
/** One answer per query, in order: the background's `lookupCandidates` (catalog ids). */
export type Lookup = (queries: string[]) => Promise<(CandidateMatch | null)[]>;
/** Full records by catalog id, one answer per id: the background's `getPapers`. */
export type GetPapers = (ids: string[]) => Promise<(Paper | null)[]>;

/** Per message: the most one `getPapers` takes, and a modest structured clone either way. */
export const LOOKUP_BATCH = 500;

/** Asks any number of questions in batches of at most `batch`, one message at a time. */
export async function lookupAll<T>(
  queries: string[],
  lookup: (batch: string[]) => Promise<T[]>,
  batch = LOOKUP_BATCH,
): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < queries.length; start += batch) {
    const slice = queries.slice(start, start + batch);
    const answers = await lookup(slice);
    if (answers.length !== slice.length) throw new Error('The background answered out of step');
    out.push(...answers);
  }
  return out;
}

/** The records of the distinct papers among `matches`, by id. */
export async function papersOf(
  matches: (CandidateMatch | null)[],
  getPapers: GetPapers,
): Promise<Map<string, Paper>> {
  const ids = [...new Set(matches.flatMap((m) => (m ? [m.id] : [])))];
  const papers = await lookupAll(ids, getPapers);
  return new Map(papers.flatMap((paper) => (paper ? [[paper.id, paper] as const] : [])));
}

export type TitlesInText = MessageOutput<'findTitlesInText'>;
/** The background's `scanPageText`: where in a page's text to read exactly (text-scan.ts). */
export type ScanText = (text: string) => Promise<TextScanAnswer>;
type TextScanAnswer = MessageOutput<'scanPageText'>;

/**
 * Characters per `scanPageText` message. Handing a message to the browser costs the page's main
 * thread about 35 ms per million characters here (bench/detect): a 2.4 MB article in one message
 * was a 120 ms task.
 */
export const SCAN_CHUNK = 200_000;
/** Each chunk is sent with this much text on both sides, for titles that cross its edges. */
export const SCAN_OVERLAP = 2_000;

/**
 * The whole page text scanned in chunks, each message after a pause: each chunk owns the offsets of its
 * own range and sees its neighbours' edges for context. The answers are awaited together.
 */
export async function scanAll(
  text: string,
  scanText: ScanText,
  pause: () => Promise<void>,
): Promise<TextScanAnswer> {
  const asked: Promise<{ start: number; end: number; from: number; answer: TextScanAnswer }>[] = [];
  for (let start = 0; start < text.length; start += SCAN_CHUNK) {
    await pause();
    const from = Math.max(0, start - SCAN_OVERLAP);
    const end = Math.min(text.length, start + SCAN_CHUNK);
    const slice = text.slice(from, Math.min(text.length, end + SCAN_OVERLAP));
    asked.push(scanText(slice).then((answer) => ({ start, end, from, answer })));
  }
  const heads: number[] = [];
  const ids: number[] = [];
  for (const { start, end, from, answer } of await Promise.all(asked)) {
    const own = (at: number) => from + at >= start && from + at < end;
    for (const at of answer.heads) if (own(at)) heads.push(from + at);
    for (const at of answer.ids) if (own(at)) ids.push(from + at);
  }
  return { heads, ids };
}
export type TextMatch = TitlesInText['titles'][number][number];
/** The background's `findTitlesInText`: per text, the catalog titles in it and their spans. */
export type FindTitles = (texts: string[]) => Promise<TitlesInText>;

/** One slice of a block's text, `offset` characters into it. */
export interface TextSlice {
  block: number;
  offset: number;
  text: string;
  /** Whether text of the block lies before / after this slice. */
  before: boolean;
  after: boolean;
}

/** Per slice and per message: bounded, so a long page costs several small messages, not one. */
export const SLICE_CHARS = 3000;
/**
 * Slices overlap by a title (300 characters) plus a margin on each side, so every title lies
 * inside some slice with its context: a match too close to a border that has more text beyond
 * it is left to the neighbouring slice, which sees what precedes or follows the title.
 */
export const SLICE_OVERLAP = 500;
const BORDER = 100;
export const SLICES_PER_MESSAGE = 100;
/** Text shorter than this holds no title long enough to be matched in prose. */
export const MIN_PROSE_TEXT = 20;
/** At most this much text per scan goes to the background; a longer page's tail is not searched
 * for titles in prose (its links, headings and identifiers still are). */
export const MAX_PROSE_CHARS = 1_000_000;

/** The blocks' texts cut into overlapping slices of at most SLICE_CHARS, at spaces. */
export function textSlices(texts: readonly string[]): TextSlice[] {
  const out: TextSlice[] = [];
  let total = 0;
  texts.forEach((text, block) => {
    if (text.length < MIN_PROSE_TEXT) return;
    for (let offset = 0; total < MAX_PROSE_CHARS;) {
      let end = Math.min(text.length, offset + SLICE_CHARS);
      if (end < text.length) {
        const space = text.lastIndexOf(' ', end);
        if (space > offset + SLICE_OVERLAP) end = space;
      }
      if (total + end - offset > MAX_PROSE_CHARS) {
        total = MAX_PROSE_CHARS;
        break;
      }
      total += end - offset;
      out.push({
        block,
        offset,
        text: text.slice(offset, end),
        before: offset > 0,
        after: end < text.length,
      });
      if (end >= text.length) break;
      const next = text.indexOf(' ', end - SLICE_OVERLAP);
      offset = next < 0 || next + 1 <= offset ? end : next + 1;
    }
  });
  return out;
}

export interface BlockMatch {
  block: number;
  id: string;
  start: number;
  end: number;
}

/** Sends the slices in bounded messages and maps the answers back onto their blocks, once each. */
export async function findInBlocks(
  texts: readonly string[],
  findTitles: FindTitles,
): Promise<{ matches: BlockMatch[] }> {
  const slices = textSlices(texts);
  const seen = new Set<string>();
  const matches: BlockMatch[] = [];
  for (let first = 0; first < slices.length; first += SLICES_PER_MESSAGE) {
    const batch = slices.slice(first, first + SLICES_PER_MESSAGE);
    const answer = await findTitles(batch.map((s) => s.text));
    if (answer.titles.length !== batch.length)
      throw new Error('The background answered out of step');
    answer.titles.forEach((found, i) => {
      const { block, offset, text, before, after } = batch[i]!;
      for (const match of found) {
        if ((before && match.start < BORDER) || (after && match.end > text.length - BORDER))
          continue;
        const start = offset + match.start;
        const key = `${block}:${start}`;
        if (seen.has(key)) continue;
        seen.add(key);
        matches.push({ block, id: match.id, start, end: offset + match.end });
      }
    });
  }
  return { matches };
}
