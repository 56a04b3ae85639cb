import { formatAgo, formatCount, formatPapers, formatWhen } from '../ui/format';
import type { FeedError, SourceId, SourceStatus } from './sources';

/**
 * A source's status in words for the options and welcome pages: when it last updated, what it
 * added, when it runs next, and its last error as a sentence a reader can act on ("Hugging Face
 * answered 503; next try at 14:20.").
 */

export const SOURCE_NAMES: Record<SourceId, string> = {
  hf: 'Hugging Face',
  arxiv: 'arXiv',
  sub: 'The catalog feed',
};

export type SourceText = {
  /** "Updated 2 h ago", "Updating now", "Not updated yet". */
  last: string;
  /** "45 papers added, 12 in the last update", "12 papers added", "No papers added yet". */
  added: string;
  /** "Next update at 18:10"; null when off, or when the error line says when it tries again. */
  next: string | null;
  /** The last run's error in words, null when it went well. */
  error: string | null;
  /** 0-100 while a run is under way and knows its size; null otherwise. */
  percent: number | null;
};

type Options = { enabled: boolean; locale?: string; timeZone?: string };

const sentence = (text: string) => text.trim().replace(/[.;:\s]+$/, '');

/** What went wrong, without when it is tried again. */
export function errorSentence(source: SourceId, error: FeedError): string {
  const name = SOURCE_NAMES[source];
  const object = source === 'sub' ? 'the catalog feed' : name;
  switch (error.kind) {
    case 'http':
      return error.status
        ? `${name} answered ${error.status}`
        : `${name} answered with an error: ${sentence(error.message)}`;
    case 'rate-limited':
      return `${name} asked PaperPeek to slow down (${error.status ?? 429})`;
    case 'offline':
      return `No connection to ${object}: this computer seemed to be offline`;
    case 'too-large':
      return `${name} sent more than PaperPeek reads at once, so the update stopped there`;
    case 'bad-body':
      return `${name} sent an answer PaperPeek could not read (${sentence(error.message)})`;
    case 'quota':
      return 'The browser’s storage for PaperPeek is full, so nothing more could be stored';
    case 'checksum':
      return 'A file from the catalog feed did not match its checksum, so none of it was used';
    case 'permission':
      return `PaperPeek is not allowed to reach ${object}; turn the source off and on again to allow it`;
    case 'other':
      return sentence(error.message) || `${name} could not be updated`;
  }
}

export function describeSource(
  source: SourceId,
  status: SourceStatus,
  now: Date,
  options: Options,
): SourceText {
  const when = (iso: string) => formatWhen(iso, now, options);
  const running = status.progress !== null;
  const percent =
    running && status.progress!.total > 0
      ? Math.min(100, Math.floor((status.progress!.done / status.progress!.total) * 100))
      : null;

  let last = 'Not updated yet';
  if (running) last = 'Updating now';
  else if (status.lastSuccessAt) last = `Updated ${formatAgo(status.lastSuccessAt, now, options)}`;

  const added =
    status.added === 0
      ? 'No papers added yet'
      : `${formatPapers(status.added, options.locale)} added` +
        (status.lastSuccessAt && status.lastAdded !== status.added
          ? `, ${formatCount(status.lastAdded, options.locale)} in the last update`
          : '');

  const future = status.nextAt && Date.parse(status.nextAt) > now.getTime() ? status.nextAt : null;
  let error: string | null = null;
  if (status.lastError && !running) {
    const retry = options.enabled && future ? `; next try ${when(future)}` : '';
    error = `${errorSentence(source, status.lastError)}${retry}.`;
  }
  const next =
    options.enabled && !running && !error
      ? future
        ? `Next update ${when(future)}`
        : status.nextAt
          ? 'Next update soon'
          : null
      : null;
  return { last, added, next, error, percent };
}
