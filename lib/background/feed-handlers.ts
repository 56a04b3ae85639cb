import type { Handlers } from '../messaging/register';
import type { FeedService } from './feed-service';
import { isExtensionPage } from './tab-papers';

type FeedHandlers = Pick<
  Handlers,
  'getSources' | 'setSource' | 'setNotify' | 'updateSources' | 'removeSourcePapers' | 'getTrending'
>;

/** The feed sources' messages: only PaperPeek's own pages may read or change them. */
export function createFeedHandlers(feeds: () => FeedService): FeedHandlers {
  const ownPage = (name: string, sender: Parameters<typeof isExtensionPage>[0]) => {
    if (!isExtensionPage(sender, browser.runtime.getURL('/'))) {
      throw new Error(`${name} is for PaperPeek pages only`);
    }
  };
  return {
    getSources: async (_input, sender) => {
      ownPage('getSources', sender);
      return feeds().view();
    },
    setSource: async (input, sender) => {
      ownPage('setSource', sender);
      return feeds().setSource(input);
    },
    setNotify: async ({ enabled }, sender) => {
      ownPage('setNotify', sender);
      return feeds().setNotify(enabled);
    },
    updateSources: async ({ sources }, sender) => {
      ownPage('updateSources', sender);
      return feeds().updateNow(sources);
    },
    removeSourcePapers: async ({ source }, sender) => {
      ownPage('removeSourcePapers', sender);
      return { removed: await feeds().removeSource(source) };
    },
    getTrending: async (_input, sender) => {
      ownPage('getTrending', sender);
      return feeds().trending();
    },
  };
}
