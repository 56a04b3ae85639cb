/**
 * `npm run catalog`: builds the offline catalog the extension ships (public/catalog/) from the
 * trending-papers dump and its facts TSV, plus any arXiv snapshot, Hugging Face daily-papers or
 * Papers with Code files given as flags. Exits non-zero on any malformed input unless --lenient.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeCatalog } from '../lib/catalog/catalog-writer';
import { readArxivRss } from '../lib/catalog/importers/arxiv-rss';
import { readArxivSnapshot } from '../lib/catalog/importers/arxiv-snapshot';
import { readHfDaily } from '../lib/catalog/importers/hf-daily';
import { readPwcLinks, readPwcPapers } from '../lib/catalog/importers/pwc';
import { formatIssue, type Issue, type SourceRecord } from '../lib/catalog/importers/source';
import { toPapers } from '../lib/catalog/importers/to-papers';
import { readTrendingWithFacts } from '../lib/catalog/importers/trending-facts';
import { CatalogMerger } from '../lib/catalog/merge';

const USAGE = `usage: npm run catalog -- [--arxiv FILE]... [--arxiv-rss FILE]... [--hf FILE]... [--pwc-papers FILE]...
  [--pwc-links FILE]... [--no-default] [--dump FILE] [--facts FILE] [--out FILE] [--lenient]`;

type Reader = (path: string, report: (issue: Issue) => void) => AsyncGenerator<SourceRecord>;

async function main(): Promise<number> {
  const started = performance.now();
  const { values } = parseArgs({
    options: {
      arxiv: { type: 'string', multiple: true, default: [] },
      'arxiv-rss': { type: 'string', multiple: true, default: [] },
      hf: { type: 'string', multiple: true, default: [] },
      'pwc-papers': { type: 'string', multiple: true, default: [] },
      'pwc-links': { type: 'string', multiple: true, default: [] },
      'no-default': { type: 'boolean', default: false },
      dump: { type: 'string', default: 'data/trending-papers.txt' },
      facts: { type: 'string', default: 'data/paper-facts.tsv' },
      out: { type: 'string', default: 'public/catalog/default.ndjson.gz' },
      lenient: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
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
    console.error(`catalog: no input (--no-default without other sources)\n${USAGE}`);
    return 2;
  }

  for (const issue of issues) {
    console.error(`${values.lenient ? 'warning' : 'error'}: ${formatIssue(issue)}`);
  }
  if (issues.length > 0 && !values.lenient) {
    console.error(
      `catalog: ${issues.length} malformed entries; nothing written (--lenient skips them)`,
    );
    return 1;
  }

  const papers = toPapers(merger.merged());
  const result = await writeCatalog(papers, { path: values.out, source: sources.join(' + ') });
  const withArxiv = papers.filter((p) => p.arxivId).length;
  const withCode = papers.filter((p) => p.code.length > 0).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(
    `catalog: ${result.count} papers (${withArxiv} with arXiv ids, ${withCode} with code) -> ` +
      `${display(result.path)} (${result.bytes} bytes, ` +
      `version ${result.version}${issues.length ? `, ${issues.length} skipped` : ''}) in ${seconds} s`,
  );
  return 0;
}

/** A path as the user would type it: relative inside the project, absolute outside. */
function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') || isAbsolute(rel) ? resolve(path) : rel;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`catalog: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
