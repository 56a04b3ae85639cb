/**
 * Identifier parsing and title normalization shared by the catalog builder, the database
 * indexes, the lookup handlers and (later) page detection. Pure functions, no browser APIs.
 */

// yymm.nnnn until 2014, yymm.nnnnn since 2015: the digit count is part of the id's validity.
const NEW_ID = String.raw`(?:(?:0[7-9]|1[0-4])(?:0[1-9]|1[0-2])\.\d{4}|(?:1[5-9]|[2-9]\d)(?:0[1-9]|1[0-2])\.\d{5})`;
const OLD_ID = String.raw`[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?\/\d{7}`;
const ANY_ID = `(?:${NEW_ID}|${OLD_ID})`;

/** A bare arXiv id without version, new or old style. */
export const ARXIV_ID_RE = new RegExp(`^${ANY_ID}$`);

/** A bare id, optionally versioned and prefixed with `arXiv:`. */
const BARE_ID_RE = new RegExp(`^(?:arxiv:\\s*)?(${ANY_ID})(?:v\\d+)?$`, 'i');
/** URL paths that carry an arXiv id, on arXiv itself and on the sites that mirror it. */
const URL_ID_RE = new RegExp(
  `^/(?:abs|pdf|html|format|overview|papers|paper)/(${ANY_ID})(?:v\\d+)?(?:\\.pdf)?(?:[/?#]|$)`,
);
const ARXIV_HOSTS = new Set([
  'arxiv.org',
  'www.arxiv.org',
  'export.arxiv.org',
  'browse.arxiv.org',
  'ar5iv.org',
  'ar5iv.labs.arxiv.org',
  'alphaxiv.org',
  'www.alphaxiv.org',
  'huggingface.co',
  'hf.co',
]);
/** DOIs that arXiv mints for every paper: 10.48550/arXiv.2312.00752. */
const ARXIV_DOI_RE = new RegExp(`^10\\.48550/arxiv\\.(${ANY_ID})(?:v\\d+)?$`, 'i');
const DOI_RE = /^(10\.\d{4,9}\/\S+)$/;

/** Old-style ids keep the archive in lower case and the subject class in upper case. */
function canonicalArxivId(id: string): string {
  const slash = id.indexOf('/');
  if (slash < 0) return id;
  const [archive, subject] = id.slice(0, slash).split('.');
  return `${archive!.toLowerCase()}${subject ? `.${subject.toUpperCase()}` : ''}${id.slice(slash)}`;
}

/**
 * The bare arXiv id (no version) named by a string: a bare id (`2312.00752v2`, `arXiv:2312.00752`,
 * `hep-th/9901001`), an arXiv DOI, or a URL on arXiv, ar5iv, alphaXiv or Hugging Face papers.
 */
export function parseArxivId(input: string): string | undefined {
  const text = input.trim();
  const bare = BARE_ID_RE.exec(text);
  if (bare) return canonicalArxivId(bare[1]!);
  const doi = parseDoi(text);
  if (doi) return arxivIdFromDoi(doi);
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return undefined;
  }
  if (!ARXIV_HOSTS.has(url.hostname.toLowerCase())) return undefined;
  const match = URL_ID_RE.exec(decodeURIComponent(url.pathname));
  if (!match) return undefined;
  // Hugging Face hosts other things under /papers; only arXiv-shaped ids get here.
  return canonicalArxivId(match[1]!);
}

/** The arXiv id inside an arXiv DOI (`10.48550/arXiv.2312.00752`), if it is one. */
export function arxivIdFromDoi(doi: string): string | undefined {
  const match = ARXIV_DOI_RE.exec(doi);
  return match ? canonicalArxivId(match[1]!) : undefined;
}

/**
 * A DOI in canonical lower-case form, from a bare DOI, `doi:` prefix or a doi.org URL.
 * DOIs are case-insensitive by definition, so lower case is the lookup key.
 */
export function parseDoi(input: string): string | undefined {
  let text = input.trim();
  text = text.replace(/^doi:\s*/i, '');
  text = text.replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, '');
  try {
    text = decodeURIComponent(text);
  } catch {
    return undefined;
  }
  // Trailing punctuation from prose ("see 10.1000/xyz.") is never part of a DOI we can look up.
  text = text.replace(/[.,;:)\]}]+$/, '');
  const match = DOI_RE.exec(text);
  return match ? match[1]!.toLowerCase() : undefined;
}

const APOSTROPHES = /['\u2018\u2019\u201B\u0060\u00B4\u2032]/g;
const LATEX_COMMAND = /\\[a-zA-Z]+\s*/g;

/**
 * Title key text: what remains of a title once case, accents, punctuation, dashes, quotes,
 * `&`/"and", LaTeX braces and spacing are taken away. Two renderings of one title map to the same
 * string; the words themselves are kept, so distinct titles stay distinct.
 */
export function normalizeTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(LATEX_COMMAND, ' ')
    .replace(/[{}$]/g, '')
    .replace(APOSTROPHES, '')
    .replace(/&/g, ' and ')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * cyrb53: a fast 53-bit string hash (public domain). 53 bits keep a million titles collision-free
 * in practice (~5e-5 chance of any collision), and lookups compare the normalized title anyway.
 */
function cyrb53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * A 32-bit hash for the catalog's in-memory lookup arrays. 32 bits collide (about 116 pairs among
 * a million keys), so every hit is verified against the stored record before it counts.
 */
export function hash32(text: string): number {
  // The low 32 bits of cyrb53 are its fully mixed h1.
  return cyrb53(text) % 4294967296;
}

/** The full 53-bit hash: low 32 bits as hash32, high 21 bits as a check that halves nothing. */
export function hash53(text: string): number {
  return cyrb53(text);
}

/** Compact index key for an exact-title lookup; never stores the long title in an index. */
export function titleKey(title: string): string {
  return cyrb53(normalizeTitle(title)).toString(36);
}

/** Catalog id of a paper without an arXiv id: stable as long as its normalized title is. */
export function titleId(title: string): string {
  return `t-${titleKey(title)}`;
}

/** The catalog id for a paper: its bare arXiv id when it has one. */
export function paperId(arxivId: string | undefined, title: string): string {
  return arxivId ?? titleId(title);
}
