import {
  GENERIC_STEMS,
  STOP_STEMS,
  isAcronymLike,
  wordRuns,
  type TextDoc,
  type Word,
} from './text';

/**
 * The terms of each paper that keywords and related-paper ranking are computed from: single words
 * and phrases of up to three words that contain no stopword, keyed by their stems, with an
 * acronym counted as the phrase it abbreviates ("LoRA" as "low rank adaptation").
 */

/** How a term appears in one paper. */
export type TermStat = {
  count: number;
  titleCount: number;
  /** Word count of the phrase. */
  size: number;
  /** Written forms seen, with their counts: the most common one is shown. */
  surfaces: Map<string, number>;
};

export type DocTerms = Map<string, TermStat>;

const MAX_PHRASE = 3;
/** An acronym defines at most this many words: "parameter efficient fine tuning (PEFT)". */
const MAX_ACRONYM_WORDS = 5;

/** "LLMs" is the plural of "LLM": the trailing lower-case s is not one of its letters. */
function acronymLetters(surface: string): string {
  return surface.replace(/s$/, '').replace(/[^A-Z]/g, '');
}

function displayAcronym(surface: string): string {
  return /[A-Z]s$/.test(surface) ? surface.slice(0, -1) : surface;
}

/** Splits a run at stopwords: a phrase never spans one. */
function contentRuns(text: string): Word[][] {
  const out: Word[][] = [];
  for (const run of wordRuns(text)) {
    let current: Word[] = [];
    for (const word of run) {
      if (STOP_STEMS.has(word.stem) || word.surface.length < 2) {
        if (current.length) out.push(current);
        current = [];
      } else current.push(word);
    }
    if (current.length) out.push(current);
  }
  return out;
}

/**
 * Acronyms a paper defines, as "phrase (ACR)": the acronym's capitals are the initials of the
 * phrase's last words. Maps the acronym's stem to the phrase key and its display form.
 */
export function acronymDefinitions(doc: TextDoc): Map<string, { key: string; display: string }> {
  const found = new Map<string, { key: string; display: string }>();
  const text = `${doc.title}. ${doc.abstract}`;
  for (const match of text.matchAll(/\(\s*([A-Za-z][A-Za-z0-9-]{1,11})\s*\)/g)) {
    const surface = match[1]!;
    const before = text
      .slice(Math.max(0, match.index - 200), match.index)
      .split(/[()]/)
      .at(-1)!;
    const letters = acronymLetters(surface);
    if (letters.length < 2 || !isAcronymLike(surface)) continue;
    const runs = contentRuns(before);
    const words = runs.at(-1) ?? [];
    if (words.length < letters.length || letters.length > MAX_ACRONYM_WORDS) continue;
    const phrase = words.slice(-letters.length);
    if (words[words.length - letters.length - 1]?.joined) continue;
    const initials = phrase.map((w) => w.surface[0]!.toUpperCase()).join('');
    if (initials !== letters) continue;
    found.set(surface.toLowerCase().replace(/s$/, ''), {
      key: phrase.map((w) => w.stem).join(' '),
      display: displayAcronym(surface),
    });
  }
  return found;
}

export type Aliases = Map<string, { key: string; display: string }>;

/**
 * Acronyms whose meaning the corpus agrees on: defined the same way by at least two papers and
 * by two thirds of those that define it. "RF" means rectified flow, random features or radio
 * frequency depending on the paper, so a single definition is never applied to other papers.
 */
export function corpusAliases(definitions: Aliases[]): Aliases {
  const votes = new Map<string, Map<string, { n: number; display: string }>>();
  for (const defs of definitions) {
    for (const [acronym, { key, display }] of defs) {
      const byKey = votes.get(acronym) ?? new Map<string, { n: number; display: string }>();
      const vote = byKey.get(key) ?? { n: 0, display };
      vote.n += 1;
      byKey.set(key, vote);
      votes.set(acronym, byKey);
    }
  }
  const aliases: Aliases = new Map();
  for (const [acronym, byKey] of votes) {
    const total = [...byKey.values()].reduce((sum, v) => sum + v.n, 0);
    const [key, best] = [...byKey].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1))[0]!;
    if (best.n >= 2 && best.n * 3 >= total * 2)
      aliases.set(acronym, { key, display: best.display });
  }
  return aliases;
}

function add(terms: DocTerms, key: string, size: number, surface: string, inTitle: boolean): void {
  const stat = terms.get(key) ?? { count: 0, titleCount: 0, size, surfaces: new Map() };
  stat.count += 1;
  if (inTitle) stat.titleCount += 1;
  stat.surfaces.set(surface, (stat.surfaces.get(surface) ?? 0) + 1);
  terms.set(key, stat);
}

/** Every term of one paper, with counts. `aliases` should already hold the paper's own. */
export function docTerms(doc: TextDoc, aliases: Aliases): DocTerms {
  const terms: DocTerms = new Map();
  const aliasKeys = new Set([...aliases.values()].map((a) => a.key));
  for (const [text, inTitle] of [
    [doc.title, true],
    [doc.abstract, false],
  ] as const) {
    for (const run of contentRuns(text)) {
      for (let i = 0; i < run.length; i++) {
        const word = run[i]!;
        const alias = aliases.get(word.surface.toLowerCase().replace(/s$/, ''));
        if (alias && isAcronymLike(word.surface)) {
          add(terms, alias.key, alias.key.split(' ').length, alias.display, inTitle);
          continue;
        }
        for (let n = 1; n <= MAX_ACRONYM_WORDS && i + n <= run.length; n++) {
          const words = run.slice(i, i + n);
          // A phrase never starts or ends inside a hyphenated compound: not "rank adaptation".
          if (n > 1 && (run[i - 1]?.joined || words[n - 1]!.joined)) continue;
          const key = words.map((w) => w.stem).join(' ');
          if (n > MAX_PHRASE && !aliasKeys.has(key)) continue;
          if (words.every((w) => GENERIC_STEMS.has(w.stem)) && n > 1) continue;
          const surface = words.map(
            (w, j) => w.surface + (j < n - 1 ? (w.joined ? '-' : ' ') : ''),
          );
          add(terms, key, n, surface.join(''), inTitle);
        }
      }
    }
  }
  return terms;
}

export type Corpus = {
  terms: DocTerms[];
  df: Map<string, number>;
  /** Per paper: the acronyms it defines, over those the corpus agrees on. */
  aliases: Aliases[];
  /** Acronyms the corpus agrees on. */
  shared: Aliases;
};

/** Terms of every paper plus document frequencies, in one pass over the corpus. */
export function analyzeCorpus(docs: TextDoc[]): Corpus {
  const own = docs.map(acronymDefinitions);
  const shared = corpusAliases(own);
  const aliases = own.map((defs) => new Map([...shared, ...defs]));
  const terms = docs.map((doc, i) => docTerms(doc, aliases[i]!));
  const df = new Map<string, number>();
  for (const t of terms) for (const key of t.keys()) df.set(key, (df.get(key) ?? 0) + 1);
  return { terms, df, aliases, shared };
}
