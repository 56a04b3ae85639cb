import type { MessageInput, MessageOutput, SourcesView } from '../messaging/protocol';
import type { SourceId } from '../feeds/sources';

/**
 * Keeps the catalog current from the enabled feed sources (issue 13): runs them in the catalog
 * service's queue, on alarms and on "Update now", with backoff, and records each source's status.
 * WORK IN PROGRESS: the interface the handlers use; the implementation lands with the sources.
 */
export interface FeedService {
  view(): Promise<SourcesView>;
  setSource(input: MessageInput<'setSource'>): Promise<SourcesView>;
  updateNow(sources?: SourceId[]): Promise<SourcesView>;
  removeSource(source: SourceId): Promise<number>;
  trending(): Promise<MessageOutput<'getTrending'>>;
}

/** WORK IN PROGRESS (see above): replaced by the real service in this change. */
export function createFeedService(): FeedService {
  const notYet = () => Promise.reject(new Error('Feed sources are not built yet.'));
  return {
    view: notYet,
    setSource: notYet,
    updateNow: notYet,
    removeSource: notYet,
    trending: notYet,
  };
}
