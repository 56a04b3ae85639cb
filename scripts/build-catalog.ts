/**
 * `npm run catalog`: builds the offline catalog the extension ships (public/catalog/) from the
 * trending-papers dump and its facts TSV, plus any arXiv snapshot, Hugging Face daily-papers or
 * Papers with Code files given as flags. Exits non-zero on any malformed input unless --lenient.
 */
import { parseArgs } from 'node:util';
import { writeCatalog } from '../lib/catalog/catalog-writer';
import { buildPapers, display, INPUT_OPTIONS, INPUT_USAGE, runMain } from './catalog-inputs';

const USAGE = `usage: npm run catalog -- ${INPUT_USAGE} [--out FILE]`;

async function main(): Promise<number> {
  const started = performance.now();
  const { values } = parseArgs({
    options: {
      ...INPUT_OPTIONS,
      out: { type: 'string', default: 'public/catalog/default.ndjson.gz' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const built = await buildPapers(values, 'catalog', USAGE);
  if (typeof built === 'number') return built;

  const { papers, skipped } = built;
  const result = await writeCatalog(papers, { path: values.out, source: built.source });
  const withArxiv = papers.filter((p) => p.arxivId).length;
  const withCode = papers.filter((p) => p.code.length > 0).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(
    `catalog: ${result.count} papers (${withArxiv} with arXiv ids, ${withCode} with code) -> ` +
      `${display(result.path)} (${result.bytes} bytes, ` +
      `version ${result.version}${skipped ? `, ${skipped} skipped` : ''}) in ${seconds} s`,
  );
  return 0;
}

runMain('catalog', main);
