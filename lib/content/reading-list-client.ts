import type { PageContext } from './context';
import { send } from '../messaging/messenger';
import { tabMessenger } from '../messaging/tab-messenger';
import { describePage } from './describe-page';
import { SavedState } from './saved-state';

/**
 * The content script's side of the reading list: saved state asked of the background (content
 * scripts never open the user database), and answers to the background's "which paper is this
 * page?" for the popup's Save and the save shortcut. That answer runs whether or not markers are
 * allowed on the site: saving is something the user asked for on this very page.
 */
export function startReadingListClient(ctx: PageContext, doc: Document): SavedState {
  const removeDescribe = tabMessenger.onMessage('describePage', () =>
    describePage(doc, new URL(location.href)),
  );
  ctx.onInvalidated(removeDescribe);
  return new SavedState({
    ask: (ids) => send('getSavedState', { ids }),
    save: (id, page) => send('savePaper', page ? { id, page } : { id }),
    remove: (id) => send('removePaper', { id }),
    restore: async (id) => (await send('restoreDeletedEntries', { ids: [id] })).restored,
  });
}
