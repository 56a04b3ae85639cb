import { MAX_FEED_CHARS, parseArxivRss } from '../../feeds/arxiv-rss';
import { readLines } from './open-input';
import type { Issue, SourceRecord } from './source';

/** Importer for saved arXiv RSS feeds (`rss.arxiv.org/rss/…`, plain or gzip), one feed a file. */
export async function* readArxivRss(
  path: string,
  report: (issue: Issue) => void,
): AsyncGenerator<SourceRecord> {
  let xml = '';
  for await (const line of readLines(path)) {
    xml += `${line}\n`;
    // Stop reading at the cap rather than holding an arbitrarily large file.
    if (xml.length > MAX_FEED_CHARS) break;
  }
  const { records, issues } = parseArxivRss(xml);
  for (const reason of issues) report({ file: path, reason });
  for (const { announceType: _, categories: __, ...record } of records) yield record;
}
