import type { CodeLink } from './schema';
import { isWebUrl } from './web-link';

/**
 * Cleanup of text scraped from paper listings: titles and abstracts arrive with LaTeX remnants
 * (`e{X}plainable`, `50\%`, `2.86times`), and links inside abstracts carry the punctuation and
 * LaTeX markup that surrounded them.
 */

/** `\textbf{x}`, `\emph{x}`, `\url{x}` and friends keep only their argument. */
const LATEX_WRAPPER =
  /\\?\b(?:text(?:bf|it|tt|sc|rm|sf)?|emph|math(?:rm|bf|it|cal)|url)\{([^{}]*)\}/g;
/** A brace group holding one token (`{X}`, `{3.56}`, `{2}`): the braces only stopped LaTeX re-casing. */
const TOKEN_BRACES = /\{([^{}\s\\]+)\}/g;

/**
 * A readable title. `$X^2$` keeps its caret rather than becoming `X²`: `^2` stays typeable and
 * normalizes to the same title key as arXiv's own `citation_title` (`$X^2$-DFD`), while `²`
 * would not (NFKD turns `X²` into `x2`, `X^2` into `x 2`).
 */
export function cleanTitle(raw: string): string {
  return raw
    .replace(LATEX_WRAPPER, '$1')
    .replace(/\$([^$]*)\$/g, '$1')
    .replace(/\\([&%$#_])/g, '$1')
    .replace(/[{}]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** An abstract with whitespace collapsed and the common LaTeX remnants made legible. */
export function cleanAbstract(raw: string): string {
  return (
    raw
      // `text{URL}{URL}`, `URL{URL}`, `URL{label}`: the link and its label from a LaTeX \href.
      .replace(/\btext\{(https?:\/\/[^{}\s]+)\}/g, '$1')
      .replace(/(https?:\/\/[^{}\s]+)\{[^{}]*\}/g, '$1')
      .replace(LATEX_WRAPPER, '$1')
      .replace(/\\[()[\]]\s*/g, '')
      .replace(/\\([&%$#_])/g, '$1')
      .replace(/\\["'`^~]/g, '')
      // `\times` lost its backslash on the way: `2.86times faster`, `2048times2048`.
      .replace(/(\d)times(?=\s|\d|$)/g, '$1×')
      // A LaTeX non-breaking space between words (`fingerprint~(RFF)`); `~2%` (approx.) stays.
      .replace(/(?<=[\p{L}.,])~(?=[\p{L}(])/gu, ' ')
      .replace(TOKEN_BRACES, '$1')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

// C0 and C1 controls other than tab and newline: never part of a title or an abstract.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Feeds' titles are text, but an item may still carry markup (`<i>`, `&lt;b&gt;` once decoded).
const TAG = /<\/?[a-z][^<>]*>/gi;

/** Text a feed sent, without control characters and markup tags (a tag becomes a space). */
export function stripMarkup(value: string): string {
  return value.replace(CONTROL, '').replace(TAG, ' ');
}

const URL_IN_TEXT = /\b(?:https?:\/\/|www\.|(?:github|gitlab)\.com\/)[^\s<>"'`]+/gi;

/** Every link written in a text, cleaned; links that stay unparseable are dropped. */
export function findUrls(text: string): string[] {
  const urls: string[] = [];
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const url = cleanUrl(match[0]);
    if (url) urls.push(url);
  }
  return urls;
}

/**
 * A link as its authors meant it: without the `{...}` LaTeX leftovers, the sentence's closing
 * punctuation, an unbalanced `)`, a `.git` suffix or a trailing slash. Undefined if it is not an
 * http(s) URL after that.
 */
export function cleanUrl(raw: string): string | undefined {
  let text = raw.trim().replace(/[{}].*$/, '');
  if (!/^https?:\/\//i.test(text)) text = `https://${text}`;
  for (;;) {
    const before = text;
    text = text.replace(/[.,;:!?'"\]]+$/, '');
    if (text.endsWith(')') && count(text, '(') < count(text, ')')) text = text.slice(0, -1);
    text = text.replace(/\.git$/i, '').replace(/\/+$/, '');
    if (text === before) break;
  }
  try {
    const url = new URL(text);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    if (!url.hostname.includes('.')) return undefined;
    const href = url.href.replace(/\/$/, '');
    // The loader refuses a record whose link fails this, so a link that would is dropped here.
    return isWebUrl(href) ? href : undefined;
  } catch {
    return undefined;
  }
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

const FORGES = new Set([
  'github.com',
  'gitlab.com',
  'bitbucket.org',
  'codeberg.org',
  'gitee.com',
  'git.sr.ht',
  'sourceforge.net',
]);
/** Hosts that identify a paper, never its code. */
const NOT_CODE =
  /(?:^|\.)(?:arxiv\.org|doi\.org|openreview\.net|aclanthology\.org|semanticscholar\.org)$/;
const HF_KINDS = new Set(['spaces', 'datasets']);
const HF_RESERVED = new Set(['papers', 'docs', 'blog', 'collections', 'posts', 'learn', 'models']);

/**
 * What a link is and which repository it names. `key` is the identity used to deduplicate:
 * `github.com/owner/name` in lower case for a repository (so `/tree/main`, `.git` and case
 * variants are one repo), the lower-cased URL for a project page. Undefined for links that
 * identify a paper (arXiv, DOI, OpenReview, Hugging Face paper pages).
 */
export function classifyUrl(url: string): { kind: CodeLink['kind']; key: string } | undefined {
  const parsed = new URL(url);
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  if (NOT_CODE.test(host)) return undefined;
  const parts = parsed.pathname.split('/').filter(Boolean);
  if (FORGES.has(host) && parts.length >= 2) {
    return { kind: 'repository', key: `${host}/${parts[0]}/${parts[1]}`.toLowerCase() };
  }
  if (host === 'huggingface.co' || host === 'hf.co') {
    if (parts[0] === 'papers') return undefined;
    const [first, owner, name] = HF_KINDS.has(parts[0] ?? '') ? parts : ['models', ...parts];
    if (owner && name && !HF_RESERVED.has(owner)) {
      return { kind: 'repository', key: `huggingface.co/${first}/${owner}/${name}`.toLowerCase() };
    }
  }
  return { kind: 'project', key: `${host}${parsed.pathname}${parsed.search}`.toLowerCase() };
}

/**
 * Code links from several sources, deduplicated by repository identity, in the order a reader
 * wants them: official repositories, official project pages, then the rest. Within a rank the
 * first-seen link wins, so callers pass the most trusted source first.
 */
export function mergeCodeLinks(links: Iterable<CodeLink>): CodeLink[] {
  const byKey = new Map<string, CodeLink>();
  for (const link of links) {
    const cleaned = cleanUrl(link.url);
    const kind = cleaned ? classifyUrl(cleaned) : undefined;
    if (!cleaned || !kind) continue;
    const seen = byKey.get(kind.key);
    if (seen) {
      seen.official ||= link.official;
      continue;
    }
    byKey.set(kind.key, { url: cleaned, kind: kind.kind, official: link.official });
  }
  const rank = (link: CodeLink) => (link.official ? 0 : 2) + (link.kind === 'repository' ? 0 : 1);
  return [...byKey.values()].sort((a, b) => rank(a) - rank(b)).slice(0, 50);
}

/** Code links for raw URLs from one source, cleaned and classified; paper links are dropped. */
export function toCodeLinks(
  urls: Iterable<string | null | undefined>,
  official: boolean,
): CodeLink[] {
  const links: CodeLink[] = [];
  for (const raw of urls) {
    const url = raw ? cleanUrl(raw) : undefined;
    const kind = url ? classifyUrl(url) : undefined;
    if (url && kind) links.push({ url, kind: kind.kind, official });
  }
  return links;
}
