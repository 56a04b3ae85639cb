import { eng } from 'stopword';

/**
 * Text analysis shared by keyword extraction and related-paper ranking: tokenizing titles and
 * abstracts into words, a stoplist, and a light stemmer. Pure functions, no browser APIs.
 */

export type TextDoc = { id: string; title: string; abstract: string };

/** One word as written, with the key it is counted under. */
export type Word = {
  surface: string;
  stem: string;
  /** Hyphenated to the next word ("low-rank"): a phrase may not cut between the two. */
  joined?: boolean;
};

const VOWEL = /[aeiouy]/;

function keep(base: string): boolean {
  return base.length >= 3 && VOWEL.test(base);
}

/**
 * A light suffix-stripping stemmer: folds plurals and the common verb/adjective endings
 * ("pruning", "pruned", "prune"; "sparsity", "sparse") without Porter's aggressive merging of
 * unrelated words ("generation", "general" and "generative" all becoming "gener").
 */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  for (const suffix of ['ity', 'ing', 'ed', 'ly']) {
    if (w.endsWith(suffix) && keep(w.slice(0, -suffix.length))) {
      w = w.slice(0, -suffix.length);
      // "modelling" -> "model", "embedded" -> "embed": undo the doubled final consonant.
      if (suffix !== 'ity' && /([b-df-hj-np-tv-z])\1$/.test(w) && !w.endsWith('ll'))
        w = w.slice(0, -1);
      else if (w.endsWith('ll') && suffix === 'ing') w = w.slice(0, -1);
      break;
    }
  }
  if (w.endsWith('e') && keep(w.slice(0, -1))) w = w.slice(0, -1);
  if (w.endsWith('y') && keep(w.slice(0, -1)) && w.length > 4) w = w.slice(0, -1);
  return w;
}

/**
 * English function words beyond the `stopword` package's short list, and the boilerplate of
 * abstracts: words every paper uses about itself, which say nothing about its topic.
 */
const EXTRA_STOPWORDS = `
  via using use used upon within without whereas while thus hence however therefore although
  yet also across along among toward towards per either neither whether which whose whom
  etc ie eg i.e e.g vs versus one two three four five six first second third several many much
  more most less least fewer few some any each every other others another such same different
  well often usually typically generally particularly especially specifically respectively
  may might can could would should must shall will able unable can't cannot does do done
  paper papers work works study studies research propose proposed proposes proposing present
  presents presented introduce introduces introduced introducing develop developed design designed
  approach approaches method methods methodology technique techniques framework frameworks
  result results show shows shown showing demonstrate demonstrates demonstrated find finds found
  achieve achieves achieved achieving outperform outperforms outperforming obtain obtains
  performance performances state-of-the-art sota art novel new existing previous prior recent
  recently current currently conventional traditional standard popular common commonly widely
  significant significantly substantial substantially remarkable remarkably notable notably
  extensive extensively comprehensive experiment experiments experimental empirical empirically
  evaluation evaluate evaluated benchmark benchmarks dataset datasets code available github https
  http com org www project page demo effective effectively efficiently superior better best
  improve improves improved improvement improvements enhance enhances enhanced boost boosts
  address addresses addressed tackle issue issues problem problems challenge challenges
  challenging limitation limitations key important crucial critical promising strong simple
  simply various variety wide range number furthermore moreover additionally
  finally specifically overall based leverage leverages leveraging utilize utilizes utilizing
  employ employs employed enable enables enabling allow allows allowing make makes making
  provide provides provided including include includes terms aim aims goal goals way ways
  made change changes point full hand advantage advantages gap difference differences unknown
  mechanism phenomenon strength during after before through throughout
  its it's their our we they this these those there here instead existence class minimal certain
  fact facts orders order given respect able lead leads leading remain
  remains demand demands considerable despite great greater even still already ever since due able hold holds take takes taken
  `;

/** Stems of words that never carry a topic. */
export const STOP_STEMS: ReadonlySet<string> = new Set(
  [...eng, ...EXTRA_STOPWORDS.split(/\s+/)].filter(Boolean).map((w) => stem(w.toLowerCase())),
);

/**
 * Words that name the kind of thing a paper is about without saying what: fine at the end of a
 * phrase ("diffusion model", "neural network"), never a keyword on their own.
 */
export const GENERIC_STEMS: ReadonlySet<string> = new Set(
  `model models network networks architecture architectures task tasks data learning training
   inference system systems algorithm algorithms module modules layer layers feature features
   representation representations process processing quality accuracy cost costs efficiency
   efficient speed method generation level scale parameter parameters application applications`
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => stem(w)),
);

/** An acronym or coined name written with inner capitals: LoRA, PEFT, SSMs, FlowSep. */
export function isAcronymLike(surface: string): boolean {
  return /[A-Z].*[A-Z]/.test(surface) || /^[a-z]+[A-Z]/.test(surface);
}

const URL_RE = /\b(?:https?:\/\/|www\.)\S+/g;
/** Punctuation that ends a phrase: a keyphrase never spans a comma, colon or bracket. */
const BREAK_RE = /[.,;:!?()[\]{}"“”/|=<>+*&%$#@~^]|\s-\s|--/;

/**
 * The text split into runs of words that may form a phrase; punctuation ends a run. Hyphens join
 * nothing: "parameter-efficient fine-tuning" is the four words parameter, efficient, fine, tuning.
 */
export function wordRuns(text: string): Word[][] {
  const runs: Word[][] = [];
  for (const chunk of text.replace(URL_RE, ' . ').split(BREAK_RE)) {
    const run: Word[] = [];
    for (const token of chunk.split(/\s+/)) {
      const parts = token
        .split(/[-–—'’]+/)
        .map((raw) => raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
        .filter((surface) => surface && /\p{L}/u.test(surface));
      parts.forEach((surface, i) => {
        const word: Word = { surface, stem: stem(surface) };
        if (i < parts.length - 1) word.joined = true;
        run.push(word);
      });
    }
    if (run.length) runs.push(run);
  }
  return runs;
}

/** Lower-case word tokens for the plain baseline: no stemming, no phrases. */
export function plainTokens(text: string): string[] {
  return text
    .replace(URL_RE, ' ')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 1 && /\p{L}/u.test(t));
}
