/**
 * Math and formatting commands in BibTeX text (mostly titles: `{$\text{Transformer}^2$}`,
 * `$\mathcal{O}(n)$`, `\emph{not}`), rewritten before citation-js reads the entry. citation-js
 * knows accents, Greek letters and braced super- and subscripts, but it keeps the name of a
 * command it does not know (`\textTransformer²`, `\vphantomx`), superscripts a whole run after an
 * unbraced `^` (`O(n²⁾`) and turns `\emph` into HTML. The stored title would then be half LaTeX,
 * which every export escapes once more. Here such commands become plain groups, invisible ones
 * go, and symbols become their Unicode characters, so the title is text.
 */

/** Commands that only style their argument: the argument stays, as a group. */
const STYLE =
  /\\(?:text(?:rm|bf|it|sf|tt|sc|up|normal)?|emph|mathrm|mathbf|mathit|mathsf|mathtt|mathcal|mathbb|mathfrak|mathscr|boldsymbol|bm|operatorname|mbox|textsuperscript|textsubscript)\s*\{/g;

/** Commands that draw nothing: they and their argument go. */
const INVISIBLE = /\\(?:[vh]?phantom|smash|label|hspace\*?|vspace\*?)\s*\{[^{}]*\}/g;

const SYMBOLS: Record<string, string> = {
  times: '×',
  cdot: '·',
  cdots: '⋯',
  ldots: '…',
  dots: '…',
  le: '≤',
  leq: '≤',
  ge: '≥',
  geq: '≥',
  neq: '≠',
  ne: '≠',
  approx: '≈',
  sim: '∼',
  infty: '∞',
  to: '→',
  rightarrow: '→',
  leftarrow: '←',
  Rightarrow: '⇒',
  pm: '±',
  ell: 'ℓ',
  partial: '∂',
  nabla: '∇',
  sum: '∑',
  prod: '∏',
  in: '∈',
  circ: '∘',
  star: '⋆',
  ast: '∗',
  prime: '′',
  sqrt: '√',
};

/** Operators typeset as their names (`\log n` → `log n`). */
const OPERATORS = new Set(
  'log ln lg exp sin cos tan max min arg argmax argmin lim sup inf det dim deg gcd Pr mod'.split(
    ' ',
  ),
);

/** `^2` and `_t` as BibTeX wants them for one character, `^{2}`: citation-js then reads them. */
function braceScripts(math: string): string {
  return math.replace(/([\^_])\s*([^\s{\\])/g, '$1{$2}');
}

function mathToText(math: string): string {
  return braceScripts(math)
    .replace(/\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g, '{$1}/{$2}')
    .replace(/\\([A-Za-z]+)(?![A-Za-z])\s*/g, (command: string, name: string) =>
      name in SYMBOLS ? SYMBOLS[name]! : OPERATORS.has(name) ? `${name} ` : command,
    );
}

/**
 * The BibTeX text with math spans (`$…$`, not `\$`) and style commands rewritten; the `$`
 * delimiters stay, so citation-js still reads sub- and superscripts inside them.
 */
export function simplifyLatexMath(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(STYLE, '{')
    .replace(/(?<!\\)\$([^$]*?)(?<!\\)\$/g, (_all, math: string) => `$${mathToText(math)}$`);
}

/** What citation-js left of commands it could not read: their names go, their text stays. */
export function dropLatexCommands(text: string): string {
  return text
    .replace(/\\([A-Za-z]+)\s*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
