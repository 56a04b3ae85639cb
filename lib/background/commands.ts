import type { CatalogDb } from '../db/catalog-db';
import type { UserDb } from '../reading-list/db';
import { savePageOfTab, type SavedPage } from './page-paper';

/** The manifest's command name (wxt.config.ts) for "Save this page's paper". */
export const SAVE_PAGE_COMMAND = 'save-page-paper';

/** How long the badge shows the outcome before the page's paper count comes back. */
export const FEEDBACK_MS = 2500;

const OK_COLOR = '#188038';
const ERROR_COLOR = '#d93025';

/**
 * Confirms on the toolbar button, the one place the user is already looking for PaperPeek and
 * that the page cannot read: "✓" (saved), "=" (already saved) or "!", with the paper or the
 * reason in the button's tooltip, then the previous badge and tooltip again.
 */
async function feedback(tabId: number, outcome: SavedPage | Error): Promise<void> {
  const [text, color, before] = await Promise.all([
    browser.action.getBadgeText({ tabId }),
    browser.action.getBadgeBackgroundColor({ tabId }),
    browser.action.getTitle({ tabId }),
  ]);
  const title =
    outcome instanceof Error
      ? `PaperPeek: ${outcome.message}`
      : `PaperPeek: ${outcome.alreadySaved ? 'already in' : 'saved to'} your reading list: ${outcome.entry.snapshot.title}`;
  await Promise.all([
    browser.action.setBadgeText({
      tabId,
      text: outcome instanceof Error ? '!' : outcome.alreadySaved ? '=' : '✓',
    }),
    browser.action.setBadgeBackgroundColor({
      tabId,
      color: outcome instanceof Error ? ERROR_COLOR : OK_COLOR,
    }),
    browser.action.setTitle({ tabId, title: title.slice(0, 500) }),
  ]);
  setTimeout(() => {
    // The tab may have closed meanwhile; nothing is left to restore then.
    void Promise.all([
      browser.action.setBadgeText({ tabId, text }),
      browser.action.setBadgeBackgroundColor({ tabId, color }),
      browser.action.setTitle({ tabId, title: before }),
    ]).catch(() => undefined);
  }, FEEDBACK_MS);
}

/** Saves the active tab's paper; the outcome, or the error, shows on the toolbar button. */
export async function runSaveCommand(
  catalog: CatalogDb,
  user: UserDb,
  tab: { id?: number; url?: string } | undefined,
): Promise<SavedPage | Error> {
  let outcome: SavedPage | Error;
  try {
    outcome = await savePageOfTab(catalog, user, tab ?? {});
  } catch (error) {
    outcome = error instanceof Error ? error : new Error(String(error));
  }
  if (tab?.id !== undefined && tab.id >= 0) {
    await feedback(tab.id, outcome).catch((error: unknown) =>
      console.warn('PaperPeek: save feedback', error),
    );
  }
  return outcome;
}

/** Registered synchronously from the background's main, like every listener. */
export function watchCommands(catalog: CatalogDb, user: () => UserDb): void {
  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== SAVE_PAGE_COMMAND) return;
    void runSaveCommand(catalog, user(), tab);
  });
}
