/**
 * Decodes LaTeX accent and letter macros (`{\"o}`, `\'{e}`, `C\'esar`, `{\AA}`, `{\ss}`) to
 * Unicode. BibTeX import runs it before citation-js reads an entry: citation-js does not know
 * `\AA`/`\aa`, and it splits a family name such as `{\AA}ngstr{\"o}m-Nu{\~n}ez` into a particle
 * and a family; with the letters already decoded it reads the name as BibTeX does. arXiv's feeds
 * keep such macros in names and titles too (lib/feeds/arxiv-rss.ts). Only these exact macro forms
 * are touched.
 */

const ACCENTS: Record<string, string> = {
  '"': '\u0308',
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  u: '\u0306',
  v: '\u030c',
  H: '\u030b',
  c: '\u0327',
  k: '\u0328',
  r: '\u030a',
};

const LETTERS: Record<string, string> = {
  AA: 'Å',
  aa: 'å',
  AE: 'Æ',
  ae: 'æ',
  OE: 'Œ',
  oe: 'œ',
  O: 'Ø',
  o: 'ø',
  L: 'Ł',
  l: 'ł',
  ss: 'ß',
  i: 'ı',
  j: 'ȷ',
};

const SYMBOL_ACCENT = String.raw`["'\`^~=.]`;
const LETTER_ACCENT = '[uvHckr]';
// `{\"o}`, `{\"{o}}`, `{\v c}`, `{\v{c}}`
const BRACED = new RegExp(
  String.raw`\{\\(?:(${SYMBOL_ACCENT})\s*|(${LETTER_ACCENT})(?:\s+|(?=\{)))(?:\{(\\[ij]|[A-Za-z])\}|(\\[ij]|[A-Za-z]))\}`,
  'g',
);
// `\"{o}`, `\v{c}`
const BARE = new RegExp(
  String.raw`\\(${SYMBOL_ACCENT}|${LETTER_ACCENT})\{(\\[ij]|[A-Za-z])\}`,
  'g',
);
// `C\'esar`: a symbol accent written straight before its letter, as arXiv's metadata does.
const UNBRACED = new RegExp(String.raw`\\(${SYMBOL_ACCENT})([A-Za-z])`, 'g');
const NAMED = /\{\\(AA|aa|AE|ae|OE|oe|O|o|L|l|ss)\}/g;

function accent(mark: string, letter: string): string {
  // Dotless i and j are what an accented i or j is written with: \'{\i} is í.
  const base = letter === '\\i' ? 'i' : letter === '\\j' ? 'j' : letter;
  return `${base}${ACCENTS[mark]}`.normalize('NFC');
}

export function decodeLatexLetters(text: string): string {
  return text
    .replace(BRACED, (_, symbol?: string, named?: string, inBraces?: string, bare?: string) =>
      accent(symbol ?? named!, inBraces ?? bare!),
    )
    .replace(BARE, (_, mark: string, letter: string) => accent(mark, letter))
    .replace(UNBRACED, (_, mark: string, letter: string) => accent(mark, letter))
    .replace(NAMED, (_, name: string) => LETTERS[name]!);
}
