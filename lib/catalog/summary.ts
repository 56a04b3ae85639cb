/**
 * A one- or two-sentence summary picked from an abstract: what the paper does and what it finds,
 * not the background it opens with. Extractive on purpose: every word is the authors'.
 */

export const SUMMARY_MAX = 240;

// ICU's sentence rules already keep decimals (2.86), URLs (github.com/x) and a period followed
// by a lower-case word (`e.g. the`) inside one sentence; these abbreviations can still be
// followed by a capital (`et al. Smith`, `Fig. 3`), so a break after them is undone.
const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
const ABBREVIATION_END =
  /(?:^|[\s(])(?:e\.g|i\.e|et al|etc|vs|cf|approx|resp|fig|figs|eq|eqs|sec|ref|refs|dr|prof)\.\s*$/i;

export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    const last = sentences.length - 1;
    if (last >= 0 && ABBREVIATION_END.test(sentences[last]!)) sentences[last] += segment;
    else sentences.push(segment);
  }
  return sentences.map((s) => s.trim()).filter(Boolean);
}

/** The paper's own contribution: "we propose", "this paper introduces", "our method". */
const DOES = [
  /\bwe (?:\w+ly )?(?:propose|introduce|present|develop|design|devise|build|construct|release|formulate|derive|establish|prove|study|investigate|provide|offer|conduct|benchmark|create|name|identify)\b/i,
  /\b(?:this|our) (?:paper|work|study|article)\b/i,
  /\bin this (?:paper|work|study)\b/i,
  /\b(?:a|an) novel\b|\b(?:coined|dubbed|termed|named|called)\b/i,
  /\b(?:a|an) (?:new|simple|efficient|unified|general) (?:[\w-]+ )?(?:method|framework|approach|model|architecture|algorithm|technique|benchmark|dataset|pipeline|strategy)\b/i,
];
/** What came out: comparisons, measured gains, demonstrated properties. */
const FINDS = [
  /\b(?:outperform|surpass|beat)s?\b/i,
  /\b(?:achiev|attain|obtain|improv|reduc|accelerat)(?:es|ed|ing)?\b/i,
  /\b(?:results|experiments|evaluations?) (?:\w+ )?(?:show|demonstrate|confirm|indicate|reveal)/i,
  /\bwe (?:show|demonstrate|find|observe|confirm|prove)\b/i,
  /\bstate[- ]of[- ]the[- ]art\b/i,
  /\d(?:\.\d+)?\s?(?:%|×|x\b)|\bspeed-?up\b|\bfaster\b/i,
];
/** Motivation and related work: true, but not what this paper adds. */
const BACKGROUND = [
  /\b(?:has|have) (?:been|become|shown|achieved|gained|attracted|demonstrated)\b/i,
  /\b(?:recently|in recent years|nowadays|traditionally|typically)\b/i,
  /\bhowever\b/i,
  /\b(?:existing|current|conventional|previous|prior|most) (?:\w+ )?(?:methods|approaches|works|models|techniques|studies)\b/i,
  /\b(?:remains?|is|are) (?:still )?(?:challenging|difficult|an open|unclear|limited|costly)\b/i,
  /\b(?:suffer|struggle|fail)s?\b/i,
];
/** Where to get the code is useful, but the catalog shows links separately. */
const AVAILABILITY =
  /\b(?:code|models?|data(?:sets?)?|demos?|implementation)\b[^.]*\b(?:available|released|found|open-?sourced?|public)\b|https?:\/\//i;

interface Scored {
  index: number;
  text: string;
  does: number;
  finds: number;
  score: number;
}

function hits(patterns: RegExp[], text: string): number {
  return patterns.reduce((n, re) => n + (re.test(text) ? 1 : 0), 0);
}

function score(text: string, index: number): Scored {
  const does = hits(DOES, text);
  const finds = hits(FINDS, text);
  const background = hits(BACKGROUND, text);
  const value =
    3 * Math.min(does, 2) +
    2 * Math.min(finds, 2) -
    3 * background -
    (AVAILABILITY.test(text) ? 6 : 0) -
    (index === 0 ? 1 : 0);
  return { index, text, does, finds, score: value };
}

/**
 * At most {@link SUMMARY_MAX} characters. The best-scoring sentence, plus the best sentence
 * that supplies the half it lacks (a finding for a "we propose", or the reverse) when both fit;
 * the two keep their order in the abstract. A sentence that fits beats a slightly better one
 * that would have to be cut.
 */
export function summarize(abstract: string): string {
  const sentences = splitSentences(abstract).map(score);
  if (sentences.length === 0) return '';
  const byScore = [...sentences].sort((a, b) => b.score - a.score || a.index - b.index);
  const top = byScore[0]!;
  const fitting = byScore.find((s) => s.text.length <= SUMMARY_MAX);
  const best = fitting && fitting.score >= top.score - 2 ? fitting : top;
  if (best.text.length > SUMMARY_MAX) return trimAtClause(best.text, SUMMARY_MAX);
  const wants = (s: Scored) =>
    s.score > 0 && ((best.does === 0 && s.does > 0) || (best.finds === 0 && s.finds > 0));
  const partner = byScore.find(
    (s) => s !== best && wants(s) && best.text.length + 1 + s.text.length <= SUMMARY_MAX,
  );
  if (!partner) return best.text;
  return [best, partner]
    .sort((a, b) => a.index - b.index)
    .map((s) => s.text)
    .join(' ');
}

/**
 * The longest prefix of `text` within `max` characters (ellipsis included) that ends at a clause
 * boundary outside parentheses (`,` `;` `:` or a dash), or failing that at a word boundary.
 */
export function trimAtClause(text: string, max: number): string {
  let depth = 0;
  let clause = -1;
  let word = -1;
  for (let i = 0; i < max && i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '(' || ch === '[') depth++;
    else if ((ch === ')' || ch === ']') && depth > 0) depth--;
    else if (ch === ' ') {
      word = i;
      const before = text[i - 1] ?? '';
      const dash = text[i + 1] === '–' || text[i + 1] === '—';
      if (depth === 0 && (/[,;:]/.test(before) || dash)) clause = i;
    }
  }
  const end = clause >= max / 3 ? clause : word;
  const head = end > 0 ? text.slice(0, end) : text.slice(0, max - 1);
  return `${head.replace(/[\s,;:–—-]+$/, '')}…`;
}
