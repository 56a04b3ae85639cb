import { arxivIdFromDoi, parseArxivId, parseDoi } from '@/lib/catalog/identifiers';
import type { CslItem, CslName } from '@citation-js/core';
import { snapshotSchema, type Snapshot } from '../entry';
import { plugins } from '../export/citation-js';
import { isPreprintVenue } from '../export/venue';
import { webUrl } from '../snapshot';
import { MAX_TAG_LENGTH, MAX_TAGS, uniqueTags } from '../tags';
import { ImportFileError } from './decode';
import { firstIssue } from './issues';
import { decodeLatexLetters } from '../../catalog/latex-accents';
import { splitBibtex, type BibtexChunk } from './bibtex-split';
import { dropLatexCommands, simplifyLatexMath } from './latex-math';
import type { ImportRecord, ParsedImport } from './types';

/**
 * Reads BibTeX as Zotero, JabRef, Mendeley or Google Scholar write it. citation-js decodes the
 * LaTeX (accents, escapes, braces) and maps fields to CSL; the arXiv identifiers, which it does
 * not map, come from the raw fields: `eprint` + `archivePrefix`, an arXiv URL or DOI, or a journal
 * field such as `arXiv:1706.03762 [cs]` (Zotero's form for preprints). The reader's note comes
 * from `annote`, where PaperPeek's export and Zotero's put notes; `note` is not one (Zotero writes
 * the arXiv id there, and styles print it). Math in titles is turned into text (latex-math.ts).
 */

const MAX_NOTE = 100_000;

type RawEntry = { type: string; label: string; properties: Record<string, string> };

const ARXIV_IN_TEXT =
  /arxiv[:\s]*(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?\/\d{7}(?:v\d+)?)/i;

function nameText(name: CslName): string {
  if (name.literal) return name.literal;
  return [
    name.given,
    name['dropping-particle'],
    name['non-dropping-particle'],
    name.family,
    name.suffix,
  ]
    .filter(Boolean)
    .join(' ');
}

function arxivIdOf(raw: Record<string, string>, csl: CslItem): string | undefined {
  const prefix = (raw.archiveprefix ?? raw.eprinttype ?? '').toLowerCase();
  if (raw.eprint && (prefix === 'arxiv' || !prefix)) {
    const id = parseArxivId(raw.eprint);
    if (id) return id;
  }
  const doi = csl.DOI ? arxivIdFromDoi(csl.DOI) : undefined;
  if (doi) return doi;
  if (csl.URL) {
    const id = parseArxivId(csl.URL);
    if (id) return id;
  }
  for (const text of [raw.journal, raw.journaltitle, raw.note, raw.howpublished, raw.number]) {
    const match = text ? ARXIV_IN_TEXT.exec(text) : null;
    const id = match ? parseArxivId(match[1]!) : undefined;
    if (id) return id;
  }
  return undefined;
}

function tagsOf(keywords: unknown): string[] {
  if (typeof keywords !== 'string') return [];
  // Reference managers' subject headings can be long; those are not tags a reader types.
  return uniqueTags(keywords.split(/[,;]/))
    .filter((tag) => tag.length <= MAX_TAG_LENGTH)
    .slice(0, MAX_TAGS);
}

function compact(snapshot: Snapshot): Snapshot {
  return Object.fromEntries(
    Object.entries(snapshot).filter(([, value]) => value !== undefined),
  ) as Snapshot;
}

function toRecord(chunk: BibtexChunk): ImportRecord | { error: string } {
  let raw: RawEntry | undefined;
  let csl: CslItem | undefined;
  try {
    const opts = { generateGraph: false };
    const text = simplifyLatexMath(decodeLatexLetters(chunk.text));
    raw = (
      plugins.input.chain(text, { ...opts, target: '@biblatex/entries+list' }) as RawEntry[]
    )[0];
    csl = (plugins.input.chain(text, opts) as CslItem[])[0];
  } catch (error) {
    return { error: `not readable BibTeX (${(error as Error).message})` };
  }
  if (!raw || !csl) return { error: 'not readable BibTeX' };
  const title = csl.title && dropLatexCommands(csl.title);
  if (!title) return { error: `@${chunk.type}{${raw.label}} has no title` };
  const year = Number(csl.issued?.['date-parts']?.[0]?.[0]);
  const venue = csl['container-title'] && dropLatexCommands(csl['container-title']);
  const arxivId = arxivIdOf(raw.properties, csl);
  const snapshot = compact({
    title,
    authors: (csl.author ?? [])
      .map(nameText)
      .map((n) => n.replace(/\s+/g, ' ').trim())
      .filter(Boolean),
    year: Number.isInteger(year) ? year : undefined,
    venue: venue && !isPreprintVenue(venue) && !ARXIV_IN_TEXT.test(venue) ? venue : undefined,
    arxivId,
    doi: csl.DOI ? parseDoi(csl.DOI) : undefined,
    primaryClass: arxivId ? (raw.properties.primaryclass ?? raw.properties.eprintclass) : undefined,
    url: webUrl(csl.URL) ?? (arxivId ? `https://arxiv.org/abs/${arxivId}` : undefined),
  });
  const valid = snapshotSchema.safeParse(snapshot);
  if (!valid.success) return { error: `@${chunk.type}{${raw.label}}: ${firstIssue(valid.error)}` };
  const note = typeof csl.annote === 'string' ? csl.annote.trim().slice(0, MAX_NOTE) : '';
  return { where: `line ${chunk.line}`, snapshot: valid.data, tags: tagsOf(csl.keyword), note };
}

/** Entries parsed between yields to the event loop: about 50 ms of work on this machine class. */
const SLICE = 100;

/**
 * Parses entry by entry, yielding now and then: citation-js takes about half a millisecond per
 * entry, so a 20 MB export would otherwise freeze the page for many seconds.
 */
export async function parseBibtexFile(text: string): Promise<ParsedImport> {
  const { chunks, unclosed } = splitBibtex(text);
  if (chunks.length === 0 && unclosed.length === 0) {
    throw new ImportFileError(
      'The file holds no BibTeX entries (nothing starting with @article{, @misc{...).',
    );
  }
  const result: ParsedImport = {
    format: 'bibtex',
    records: [],
    entries: [],
    tombstones: [],
    invalid: [],
  };
  for (const [i, chunk] of chunks.entries()) {
    if (i > 0 && i % SLICE === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    const record = toRecord(chunk);
    if ('error' in record)
      result.invalid.push({ where: `line ${chunk.line}`, reason: record.error });
    else result.records.push(record);
  }
  for (const { line, type } of unclosed) {
    result.invalid.push({
      where: `line ${line}`,
      reason: `@${type} entry never closes: the file is cut short or a brace is missing`,
    });
  }
  return result;
}
