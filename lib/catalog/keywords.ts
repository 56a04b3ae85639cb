import { analyzeCorpus, type Corpus, type TermStat } from './terms';
import { GENERIC_STEMS, isAcronymLike, wordRuns, type TextDoc } from './text';

/**
 * Keywords of each paper: its terms ranked by TF-IDF over the corpus, title occurrences counted
 * extra, keeping only terms a researcher would file the paper under (phrases and topical words,
 * not boilerplate, not the paper's own system name).
 */

/** A title word says more about the topic than an abstract word; counted this many times. */
const TITLE_WEIGHT = 3;
/** A longer phrase wins over a word it contains unless it scores below this share of it. */
const MERGE_RATIO = 0.5;

type Candidate = { key: string; words: string[]; score: number; display: string };

function mostCommon(surfaces: Map<string, number>): string {
  return [...surfaces].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
}

/** Acronyms keep the case they are written in; other words are shown in lower case. */
function display(stat: TermStat, acronym: string | undefined): string {
  if (acronym) return acronym;
  const written = [...stat.surfaces].filter(([s]) => s.includes(' ') || !isAcronymLike(s));
  const surface = mostCommon(new Map(written.length ? written : stat.surfaces));
  return surface
    .split(/([ -])/)
    .map((w) => (isAcronymLike(w) ? w : w.toLowerCase()))
    .join('');
}

/**
 * Whether a term can be a keyword at all. A phrase must recur (in this paper or in another one)
 * or stand in the title, so that one-off word sequences are not taken for concepts; a coined name
 * that no other paper uses ("FlowSep", "FRCRN") names this paper rather than a topic.
 */
function eligible(
  key: string,
  stat: TermStat,
  df: number,
  isAlias: boolean,
  name: ReadonlySet<string>,
): boolean {
  if (isAlias) return true;
  if (stat.count < 2) return false;
  const words = key.split(' ');
  if (df === 1 && words.some((w) => name.has(w))) return false;
  const surfaces = [...stat.surfaces.keys()].join(' ').split(' ');
  if (df === 1 && surfaces.some((s) => isAcronymLike(s) || /\d/.test(s))) return false;
  if (words.length === 1) return !GENERIC_STEMS.has(key) && key.length > 2;
  if (GENERIC_STEMS.has(words[0]!) && words.length === 2 && GENERIC_STEMS.has(words[1]!)) {
    return false;
  }
  return true;
}

/**
 * Acronyms shown as such: those the corpus shares, and those in the paper's title. A paper's
 * private abbreviation ("RFM", "CRED") reads better spelled out.
 */
function shownAcronyms(corpus: Corpus, doc: TextDoc, index: number): Map<string, string> {
  const shown = new Map<string, string>();
  for (const [acronym, { key, display }] of corpus.aliases[index]!) {
    const shared = corpus.shared.get(acronym)?.key === key;
    shown.set(key, shared || doc.title.includes(display) ? display : '');
  }
  return shown;
}

/** "Hydra: Multi-head Low-rank Adaptation": a one- or two-word title prefix is the paper's name. */
function titleName(title: string): Set<string> {
  const prefix = /^([^:]{1,40}):/.exec(title)?.[1] ?? '';
  const words = wordRuns(prefix).flat();
  return new Set(words.length <= 2 ? words.map((w) => w.stem) : []);
}

function candidates(corpus: Corpus, doc: TextDoc, index: number): Map<string, Candidate> {
  const n = corpus.terms.length;
  const acronyms = shownAcronyms(corpus, doc, index);
  const name = titleName(doc.title);
  const out = new Map<string, Candidate>();
  for (const [key, stat] of corpus.terms[index]!) {
    const df = corpus.df.get(key) ?? 1;
    if (!eligible(key, stat, df, acronyms.has(key), name)) continue;
    const tf = stat.count + (TITLE_WEIGHT - 1) * stat.titleCount;
    // Smoothed idf keeps a term in every paper slightly above zero.
    const idf = Math.log((n + 1) / df);
    out.set(key, {
      key,
      words: key.split(' '),
      score: (1 + Math.log(tf)) * idf,
      display: display(stat, acronyms.get(key) || undefined),
    });
  }
  return out;
}

function contains(outer: string[], inner: string[]): boolean {
  for (let i = 0; i + inner.length <= outer.length; i++) {
    if (inner.every((w, j) => outer[i + j] === w)) return true;
  }
  return false;
}

/**
 * "structured state" and "state space": two halves of one longer phrase, returned when that
 * phrase is itself a candidate.
 */
function chain(
  a: string[],
  b: string[],
  all: Map<string, Candidate>,
): Candidate | false | undefined {
  if (a.length < 2 || b.length < 2) return undefined;
  if (a.at(-1) === b[0]) return all.get([...a, ...b.slice(1)].join(' ')) ?? false;
  if (b.at(-1) === a[0]) return all.get([...b, ...a.slice(1)].join(' ')) ?? false;
  return undefined;
}

/** Best-first selection in which a phrase replaces a word it contains, and nothing repeats. */
function select(all: Map<string, Candidate>, perDoc: number): string[] {
  const ranked = [...all.values()].sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
  const chosen: Candidate[] = [];
  const taken = (c: Candidate) =>
    chosen.some((s) => s.key === c.key || s.display.toLowerCase() === c.display.toLowerCase());
  for (const c of ranked) {
    if (chosen.length >= perDoc) break;
    if (chosen.some((s) => contains(s.words, c.words))) continue;
    const inner = chosen.findIndex((s) => contains(c.words, s.words));
    if (inner >= 0) {
      if (chosen[inner]!.words.length === 1 && c.score >= MERGE_RATIO * chosen[inner]!.score) {
        chosen[inner] = c;
      }
      continue;
    }
    const linked = chosen.findIndex((s) => chain(s.words, c.words, all) !== undefined);
    if (linked >= 0) {
      const union = chain(chosen[linked]!.words, c.words, all);
      if (union && !taken(union)) chosen[linked] = union;
      continue;
    }
    if (!taken(c)) chosen.push(c);
  }
  return chosen.map((c) => c.display);
}

/** A few keywords per paper, best first, keyed by paper id. */
export function extractKeywords(docs: TextDoc[], perDoc = 5): Map<string, string[]> {
  const corpus = analyzeCorpus(docs);
  const result = new Map<string, string[]>();
  docs.forEach((doc, i) => result.set(doc.id, select(candidates(corpus, doc, i), perDoc)));
  return result;
}
