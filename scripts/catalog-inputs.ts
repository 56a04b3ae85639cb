/**
 * The catalog builder's inputs, shared by `npm run catalog` (build-catalog.ts) and
 * `npm run catalog:publish` (publish-catalog.ts): the flags naming the source files, and reading
 * them into merged, validated papers.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { readArxivRss } from '../lib/catalog/importers/arxiv-rss';
import { readArxivSnapshot } from '../lib/catalog/importers/arxiv-snapshot';
import { readHfDaily } from '../lib/catalog/importers/hf-daily';
import { readPwcLinks, readPwcPapers } from '../lib/catalog/importers/pwc';
import { formatIssue, type Issue, type SourceRecord } from '../lib/catalog/importers/source';
import { toPapers } from '../lib/catalog/importers/to-papers';
import { readTrendingWithFacts } from '../lib/catalog/importers/trending-facts';
import { CatalogMerger } from '../lib/catalog/merge';
import type { Paper } from '../lib/catalog/schema';

export const INPUT_USAGE = `[--arxiv FILE]... [--arxiv-rss FILE]... [--hf FILE]... [--pwc-papers FILE]...
  [--pwc-links FILE]... [--no-default] [--dump FILE] [--facts FILE] [--lenient]`;

/** A flag given any number of times (parseArgs wants a mutable array as its default). */
const files = () => ({ type: 'string', multiple: true, default: [] as string[] }) as const;

/** `parseArgs` options of the inputs; each script adds its own outputs. */
export const INPUT_OPTIONS = {
  arxiv: files(),
  'arxiv-rss': files(),
  hf: files(),
  'pwc-papers': files(),
  'pwc-links': files(),
  'no-default': { type: 'boolean', default: false },
  dump: { type: 'string', default: 'data/trending-papers.txt' },
  facts: { type: 'string', default: 'data/paper-facts.tsv' },
  lenient: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

export type InputValues = {
  arxiv: string[];
  'arxiv-rss': string[];
  hf: string[];
  'pwc-papers': string[];
  'pwc-links': string[];
  'no-default': boolean;
  dump: string;
  facts: string;
  lenient: boolean;
};

export type BuiltPapers = {
  papers: Paper[];
  /** For people: the files read, as the catalog header's `source`. */
  source: string;
  /** Entries skipped under --lenient (already reported). */
  skipped: number;
};

type Reader = (path: string, report: (issue: Issue) => void) => AsyncGenerator<SourceRecord>;

/**
 * Reads and merges every input into papers. Returns the exit code instead when there is no input
 * (2) or, without --lenient, any malformed entry (1); `tool` prefixes the messages.
 */
export async function buildPapers(
  values: InputValues,
  tool: string,
  usage: string,
): Promise<BuiltPapers | number> {
  const issues: Issue[] = [];
  const sources: string[] = [];
  const merger = new CatalogMerger();

  if (!values['no-default']) {
    const read = await readTrendingWithFacts(values.dump, values.facts);
    issues.push(...read.issues);
    read.items.forEach((record) => merger.add(record));
    sources.push(`${values.dump} + ${values.facts}`);
  }
  const readers: [string[], Reader][] = [
    [values.arxiv, readArxivSnapshot],
    [values['arxiv-rss'], readArxivRss],
    [values.hf, readHfDaily],
    [values['pwc-papers'], readPwcPapers],
    [values['pwc-links'], readPwcLinks],
  ];
  for (const [files, read] of readers) {
    for (const file of files) {
      try {
        for await (const record of read(file, (issue) => issues.push(issue))) merger.add(record);
      } catch (error) {
        // Unreadable file or broken JSON: what follows the break cannot be trusted.
        issues.push({ file, reason: `cannot read: ${(error as Error).message}` });
      }
      sources.push(file);
    }
  }
  if (sources.length === 0) {
    console.error(`${tool}: no input (--no-default without other sources)\n${usage}`);
    return 2;
  }

  for (const issue of issues) {
    console.error(`${values.lenient ? 'warning' : 'error'}: ${formatIssue(issue)}`);
  }
  if (issues.length > 0 && !values.lenient) {
    console.error(
      `${tool}: ${issues.length} malformed entries; nothing written (--lenient skips them)`,
    );
    return 1;
  }
  return { papers: toPapers(merger.merged()), source: sources.join(' + '), skipped: issues.length };
}

/** A path as the user would type it: relative inside the project, absolute outside. */
export function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') || isAbsolute(rel) ? resolve(path) : rel;
}

/** Runs a script's main, turning its result into the exit code and a throw into a message. */
export function runMain(tool: string, main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`${tool}: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
