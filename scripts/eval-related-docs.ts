import { paperId } from '../lib/catalog/identifiers';
import { formatIssue, type SourceRecord } from '../lib/catalog/importers/source';
import { readTrendingWithFacts } from '../lib/catalog/importers/trending-facts';
import type { TextDoc } from '../lib/catalog/text';

/**
 * The evaluation's papers: the records the catalog builder reads from the trending dump and the
 * facts TSV, and the ids and text that toPapers hands to computeRelated.
 */
export async function loadTrendingRecords(): Promise<{ records: SourceRecord[]; docs: TextDoc[] }> {
  const { items, issues } = await readTrendingWithFacts(
    'data/trending-papers.txt',
    'data/paper-facts.tsv',
  );
  for (const issue of issues) console.warn(formatIssue(issue));
  const docs = items.map((r) => ({
    id: paperId(r.arxivId, r.title),
    title: r.title,
    abstract: r.abstract,
  }));
  return { records: items, docs };
}
