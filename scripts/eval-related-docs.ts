import { paperId } from '../lib/catalog/identifiers';
import { formatIssue } from '../lib/catalog/importers/source';
import { readTrendingWithFacts } from '../lib/catalog/importers/trending-facts';
import type { TextDoc } from '../lib/catalog/text';

/**
 * The evaluation's papers: the records the catalog builder reads from the trending dump and the
 * facts TSV, with the ids and text that toPapers hands to computeRelated.
 */
export async function loadTrendingDocs(): Promise<TextDoc[]> {
  const { items, issues } = await readTrendingWithFacts(
    'data/trending-papers.txt',
    'data/paper-facts.tsv',
  );
  for (const issue of issues) console.warn(formatIssue(issue));
  return items.map((r) => ({
    id: paperId(r.arxivId, r.title),
    title: r.title,
    abstract: r.abstract,
  }));
}
