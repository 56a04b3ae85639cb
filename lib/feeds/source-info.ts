import type { SourceId } from './sources';

/**
 * What each source is, in the words the welcome page and Options → Sources both use: what is
 * fetched, from where, and what is never sent. One place, so the two pages never disagree.
 */
export type SourceInfo = {
  id: SourceId;
  title: string;
  /** What is downloaded, and how often. */
  fetched: string;
  /** What no request ever carries. */
  neverSent: string;
  /** How the source starts out. */
  byDefault: string;
};

export const SOURCE_INFO: Record<SourceId, SourceInfo> = {
  hf: {
    id: 'hf',
    title: 'Hugging Face daily papers',
    fetched:
      'The papers Hugging Face lists each day, with upvotes, code links and summaries, and its trending list: from huggingface.co, a few requests a day once the past weeks are in.',
    neverSent:
      'Your cookies or Hugging Face account, and anything about the pages you visit: the lists are fetched whole, the same for everyone.',
    byDefault: 'On when you start, last 90 days',
  },
  arxiv: {
    id: 'arxiv',
    title: 'arXiv new submissions',
    fetched:
      'The day’s new papers in the categories you pick, from rss.arxiv.org: one request a day for all of them.',
    neverSent:
      'Which papers you read: only the names of the categories you picked, with no cookies and no referrer.',
    byDefault: 'Off until you pick categories',
  },
  sub: {
    id: 'sub',
    title: 'Catalog subscription',
    fetched:
      'A catalog someone publishes as files (your lab, a reading group), from the address you give: its list of files, then only the changes.',
    neverSent:
      'Anything about you or your browsing: the files are fetched whole, with no cookies and no referrer.',
    byDefault: 'Off until you give an address',
  },
};
