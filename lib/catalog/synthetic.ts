import { titleId } from './identifiers';
import type { CatalogHeader, Paper } from './schema';
import { CATALOG_FORMAT, CATALOG_FORMAT_VERSION } from './schema';
import * as W from './synthetic-words';
import { abstractFor } from './synthetic-abstract';
import { int, mulberry32, pick, type Rng } from './synthetic-rng';

/**
 * Deterministic synthetic catalog for benchmarks and load tests: paper `i` of a (seed, count)
 * catalog is a pure function of those three numbers, so any paper can be regenerated on its
 * own (the bench builds lookup candidates that way) and the same arguments give byte-identical
 * files.
 */

/** Bump when the generated content changes, so cached bench files are regenerated. */
export const SYNTHETIC_VERSION = 2;

/** arXiv months 1501..2612: 12 years of 5-digit ids. */
const FIRST_YEAR = 15;
const MONTHS = 12 * 12;
/** 5-digit suffixes per month, spread over MONTHS months. */
export const MAX_COUNT = MONTHS * 99_999;

const CONSONANTS = 'bdfgklmnprstvz';
const VOWELS = 'aeiou';
const SYLLABLES = [...CONSONANTS].flatMap((c) => [...VOWELS].map((v) => c + v));
const NAME_SPACE = SYLLABLES.length ** 4;
/** Coined model names: four consonant-vowel syllables. No vocabulary word has this shape. */
export const CODED_NAME_RE = /^(?:[bdfgklmnprstvz][aeiou]){4}$/i;

/**
 * A unique made-up name per paper ("Kavirodo"): an affine bijection of the index over the
 * 70^4 name space spells it, so every title contains one token no other title has, which makes
 * titles unique after normalization without a million-entry set.
 */
export function codedName(seed: number, index: number): string {
  const multiplier = 2_654_435_761 % NAME_SPACE; // odd, not a multiple of 5 or 7: coprime to 70^4
  let n = (index * multiplier + (seed >>> 0)) % NAME_SPACE;
  let name = '';
  for (let k = 0; k < 4; k++) {
    name += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  }
  return name[0]!.toUpperCase() + name.slice(1);
}

function paperRng(seed: number, index: number): Rng {
  return mulberry32(Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(seed + 1, 0x85ebca6b));
}

export function arxivIdAt(count: number, index: number): string {
  const month = Math.floor((index * MONTHS) / count);
  const suffix = index - Math.ceil((month * count) / MONTHS) + 1;
  const yy = FIRST_YEAR + Math.floor(month / 12);
  const mm = String((month % 12) + 1).padStart(2, '0');
  return `${yy}${mm}.${String(suffix).padStart(5, '0')}`;
}

const capitalize = (word: string) => word.replace(/(^|[\s-])(\p{L})/gu, (m) => m.toUpperCase());
// Capitalized once up front: the generator runs a million times and regexes per word add up.
const TITLE_ADJECTIVES = W.ADJECTIVES.map(capitalize);
// One-word nouns only, so a title has exactly the word count drawn for it.
const TITLE_NOUNS = W.NOUNS.filter((noun) => !noun.includes(' ')).map(capitalize);
const TITLE_MODIFIERS = TITLE_NOUNS;

function nounPhrase(rng: Rng, length: number): string[] {
  const words = Array.from({ length: length - 1 }, () =>
    rng() < 0.7 ? pick(rng, TITLE_ADJECTIVES) : pick(rng, TITLE_MODIFIERS),
  );
  return [...words, pick(rng, TITLE_NOUNS)];
}

/** `words` title words as one to three noun phrases joined by connectors ("X for Y with Z"). */
function titleWords(rng: Rng, words: number): string[] {
  const phrases = words <= 5 ? 1 : words <= 9 ? 2 : 3;
  const content = words - (phrases - 1);
  const parts: string[] = [];
  for (let k = 0; k < phrases; k++) {
    const length = Math.floor((content * (k + 1)) / phrases) - Math.floor((content * k) / phrases);
    if (k > 0) parts.push(pick(rng, W.CONNECTORS));
    parts.push(...nounPhrase(rng, length));
  }
  return parts;
}

type Core = { rng: Rng; name: string; hasArxiv: boolean; title: string };

function hasArxivId(rng: Rng): boolean {
  return rng() >= 0.05;
}

/** The part of a paper other papers' `related` lists need: whether it has an arXiv id, its title. */
function core(seed: number, index: number): Core {
  const rng = paperRng(seed, index);
  const hasArxiv = hasArxivId(rng);
  const name = codedName(seed, index);
  const prefixed = rng() < 0.4;
  const lead = rng() < 0.3 ? [pick(rng, W.LEADS)] : [];
  // Without a "Name: " prefix the name stands in the title as a modifier ("... with Kavirodo Adapters").
  const length = int(rng, 6, 14) - 1 - lead.length;
  const parts = [...lead, ...titleWords(rng, length)];
  if (!prefixed) parts.splice(int(rng, lead.length, parts.length - 1), 0, name);
  const title = (prefixed ? `${name}: ` : '') + parts.join(' ');
  return { rng, name, hasArxiv, title };
}

export function idAt(seed: number, count: number, index: number): string {
  // Most papers have an arXiv id: then the first draw alone decides, no title needed.
  if (hasArxivId(paperRng(seed, index))) return arxivIdAt(count, index);
  return titleId(core(seed, index).title);
}

export function syntheticPaper(seed: number, count: number, index: number): Paper {
  const { rng, name, hasArxiv, title } = core(seed, index);
  const arxivSlot = arxivIdAt(count, index);
  const arxivId = hasArxiv ? arxivSlot : undefined;
  const year = 2000 + Number(arxivSlot.slice(0, 2));
  const published = `${year}-${arxivSlot.slice(2, 4)}`;
  const authors = Array.from(
    { length: int(rng, 2, 12) },
    () => `${pick(rng, W.FIRST_NAMES)} ${pick(rng, W.LAST_NAMES)}`,
  );
  const withCode = rng() < 1 / 3;
  const owner = `${authors[0]!
    .split(' ')[1]!
    .toLowerCase()
    .replace(/[^a-z]/g, '')}-lab`;
  const repo = `https://github.com/${owner}/${name.toLowerCase()}`;
  const { abstract, summary, keywords } = abstractFor(rng, name, withCode ? repo : undefined);
  const doi =
    rng() < (hasArxiv ? 0.2 : 0.7) ? `${pick(rng, W.DOI_PREFIXES)}.${year}.${index}` : undefined;
  const paper: Paper = {
    id: arxivId ?? titleId(title),
    ...(arxivId ? { arxivId } : {}),
    ...(doi ? { doi } : {}),
    title,
    authors,
    published,
    ...(rng() < 0.25 ? { venue: `${pick(rng, W.VENUES)} ${year}` } : {}),
    abstract,
    summary,
    links: arxivId
      ? {
          abs: `https://arxiv.org/abs/${arxivId}`,
          pdf: `https://arxiv.org/pdf/${arxivId}`,
          ...(rng() < 0.3 ? { hf: `https://huggingface.co/papers/${arxivId}` } : {}),
        }
      : doi
        ? { abs: `https://doi.org/${doi}` }
        : {},
    code: withCode
      ? [
          { url: repo, kind: 'repository', official: true },
          ...(rng() < 0.3
            ? [
                {
                  url: `https://${owner}.github.io/${name.toLowerCase()}/`,
                  kind: 'project' as const,
                  official: true,
                },
              ]
            : []),
        ]
      : [],
    keywords,
    related: [],
  };
  // Related papers are nearby indices (same month, like a topic cluster), never the paper itself.
  const relatedCount = count > 1 ? int(rng, 0, Math.min(5, count - 1)) : 0;
  const seen = new Set([index]);
  while (paper.related.length < relatedCount) {
    const offset = int(rng, 1, 500) * (rng() < 0.5 ? -1 : 1);
    const other = (((index + offset) % count) + count) % count;
    if (seen.has(other)) continue;
    seen.add(other);
    paper.related.push(idAt(seed, count, other));
  }
  return paper;
}

/** Deterministic header: no wall-clock time, so the same arguments give the same bytes. */
export function syntheticHeader(seed: number, count: number): CatalogHeader {
  return {
    format: CATALOG_FORMAT,
    formatVersion: CATALOG_FORMAT_VERSION,
    version: `synthetic-v${SYNTHETIC_VERSION}-${seed}-${count}`,
    source: `synthetic catalog (seed ${seed}, ${count} papers)`,
    createdAt: '2026-01-01T00:00:00.000Z',
    count,
  };
}

export function* syntheticPapers(seed: number, count: number): Generator<Paper> {
  if (!Number.isInteger(count) || count < 0 || count > MAX_COUNT) {
    throw new RangeError(`count must be an integer from 0 to ${MAX_COUNT}, got ${count}`);
  }
  for (let i = 0; i < count; i++) yield syntheticPaper(seed, count, i);
}
