import { paperId } from '../identifiers';
import { extractKeywords } from '../keywords';
import { computeRelated } from '../related';
import type { Paper } from '../schema';
import { summarize } from '../summary';
import type { TextDoc } from '../text';
import type { SourceRecord } from './source';

/**
 * Turns merged source records into catalog papers: stable ids, arXiv links, an extracted summary,
 * and keywords and related papers, which need the whole collection at once.
 */
export function toPapers(records: SourceRecord[], relatedCount = 8): Paper[] {
  const docs: TextDoc[] = records.map((r) => ({
    id: paperId(r.arxivId, r.title),
    title: r.title,
    abstract: r.abstract,
  }));
  const keywords = extractKeywords(docs);
  const related = computeRelated(docs, relatedCount);
  return records.map((record, i) => {
    const id = docs[i]!.id;
    return toPaper(record, { keywords: keywords.get(id), related: related.get(id) });
  });
}

/**
 * One record as a catalog paper, without corpus work: a feed's paper arrives alone, so its
 * keywords come from the source (or none) and its related papers are computed later, in the
 * extension, against the whole catalog.
 */
export function toPaper(
  record: SourceRecord,
  corpus: { keywords?: readonly string[]; related?: readonly string[] } = {},
): Paper {
  const { arxivId } = record;
  const id = paperId(arxivId, record.title);
  return {
    id,
    ...(arxivId && { arxivId }),
    ...(record.doi && { doi: record.doi }),
    title: record.title,
    authors: record.authors,
    ...(record.published && { published: record.published }),
    ...(record.venue && { venue: record.venue }),
    abstract: record.abstract,
    summary: summarize(record.abstract),
    links: arxivId
      ? {
          abs: `https://arxiv.org/abs/${arxivId}`,
          pdf: `https://arxiv.org/pdf/${arxivId}`,
          // Hugging Face paper pages exist for new-style ids only.
          ...(/^\d{4}\./.test(arxivId) && { hf: `https://huggingface.co/papers/${arxivId}` }),
        }
      : {},
    code: record.code,
    keywords: (corpus.keywords ?? []).filter((k) => k.length <= 80).slice(0, 20),
    related: (corpus.related ?? []).filter((r) => r !== id).slice(0, 20),
  };
}
